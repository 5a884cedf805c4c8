package ch.opsfabric.testing;

import ch.opsfabric.infra.emulators.LocalAws;
import ch.opsfabric.json.Json;
import ch.opsfabric.store.DynamoTenantDirectory;
import ch.opsfabric.store.SingleTable;
import ch.opsfabric.tenant.Tenant;
import ch.opsfabric.tenant.TenantJson;
import java.util.List;
import java.util.UUID;

/**
 * The emulator-backed table for integration tests. Tests share one dynalite per JVM and stay
 * apart by using fresh tenants ({@link #newTenant}) with unique ids, slugs and lines.
 */
public final class TestAws {

    private TestAws() {
    }

    public static LocalAws aws() {
        return LocalAws.shared();
    }

    public static SingleTable table() {
        return SingleTable.of(aws().dynamo(), aws().tableName("OpsTable"));
    }

    /** A new handwerk tenant with a unique business line; {@code configJson} is merged into its config. */
    public static Tenant newTenant(DynamoTenantDirectory directory, String configJson) {
        String id = "t-" + UUID.randomUUID().toString().substring(0, 8);
        String line = "+41445" + String.format("%06d", Math.floorMod(id.hashCode(), 1_000_000));
        Tenant tenant = TenantJson.read(Json.parse("""
                {"id":"%s","slug":"%s","name":"Test Sanitär %s","branch":"handwerk",
                 "config":{"phoneLines":["%s"],"ownerMobile":"+41795550101",
                           "googleReviewLink":"https://g.page/r/test/review",
                           "sms":{"provider":"console","sender":"TestSanit"} %s}}"""
                .formatted(id, id, id, line, configJson.isBlank() ? "" : "," + configJson)));
        directory.put(tenant, List.of("key-" + id));
        return tenant;
    }
}
