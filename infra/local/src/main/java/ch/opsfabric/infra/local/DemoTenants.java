package ch.opsfabric.infra.local;

import ch.opsfabric.json.Json;
import ch.opsfabric.store.DynamoTenantDirectory;
import ch.opsfabric.tenant.Tenant;
import ch.opsfabric.tenant.TenantJson;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The demo tenants of the local stack (seed/tenants.json); each one's staff key is {@code dev-key-<slug>}. */
final class DemoTenants {

    private DemoTenants() {
    }

    static List<Tenant> seed(DynamoTenantDirectory directory) {
        List<Tenant> tenants = new ArrayList<>();
        for (JsonNode node : load()) {
            Tenant tenant = TenantJson.read(node);
            directory.put(tenant, List.of(apiKey(tenant)));
            tenants.add(tenant);
        }
        return tenants;
    }

    static String apiKey(Tenant tenant) {
        return "dev-key-" + tenant.slug();
    }

    private static JsonNode load() {
        try (InputStream in = DemoTenants.class.getResourceAsStream("/seed/tenants.json")) {
            if (in == null) {
                throw new IllegalStateException("seed/tenants.json is missing from the classpath");
            }
            return Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
