package ch.opsfabric.infra.local;

import ch.opsfabric.json.Json;
import ch.opsfabric.onboarding.TenantAdmin;
import ch.opsfabric.tenant.Tenant;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo tenants of the local stack (seed/tenants.json, in the operator API's create shape),
 * onboarded through the operator's use case, with the same validation and conditional claims as
 * {@code POST /api/admin/tenants}. Each one's staff key is {@code dev-key-<slug>}, imported as
 * an operator may import an existing key.
 */
final class DemoTenants {

    /** Who the audit names for the seed. */
    static final String SEED_PRINCIPAL = "local-stack seed";

    private DemoTenants() {
    }

    /** Ids stay readable ({@code demo-<slug>}) so logs and tests of the local stack can name them. */
    static String demoId(String slug) {
        return "demo-" + slug;
    }

    static List<Tenant> seed(TenantAdmin admin) {
        List<Tenant> tenants = new ArrayList<>();
        for (JsonNode node : load("/seed/tenants.json")) {
            Tenant tenant = admin.create(node, SEED_PRINCIPAL).tenant().tenant();
            admin.createKey(tenant.slug(), Json.object().put("label", "demo").put("key", apiKey(tenant)), SEED_PRINCIPAL);
            tenants.add(tenant);
        }
        return tenants;
    }

    /** The demo staff (seed/staff.json): Peter Keller, owner of sanitaer-keller, signs in with +41795550101. */
    static void seedStaff(ch.opsfabric.staff.StaffDirectory staff, List<Tenant> tenants) {
        for (JsonNode node : load("/seed/staff.json")) {
            Tenant tenant = tenants.stream().filter(t -> t.slug().equals(node.path("slug").asText())).findFirst()
                    .orElseThrow(() -> new IllegalStateException("seed/staff.json names an unknown tenant " + node.path("slug")));
            staff.put(new ch.opsfabric.staff.StaffMember(tenant.id(), node.path("id").asText(), node.path("name").asText(),
                    node.path("mobile").asText(), ch.opsfabric.staff.StaffMember.Role.fromWire(node.path("role").asText())
                    .orElseThrow()));
        }
    }

    static String apiKey(Tenant tenant) {
        return "dev-key-" + tenant.slug();
    }

    private static JsonNode load(String resource) {
        try (InputStream in = DemoTenants.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the classpath");
            }
            return Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
