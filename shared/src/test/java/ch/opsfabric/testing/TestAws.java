package ch.opsfabric.testing;

import ch.opsfabric.app.Secrets;
import ch.opsfabric.app.Settings;
import ch.opsfabric.infra.emulators.LocalAws;
import ch.opsfabric.json.Json;
import ch.opsfabric.store.DynamoTenantDirectory;
import ch.opsfabric.store.SingleTable;
import ch.opsfabric.tenant.Tenant;
import ch.opsfabric.tenant.TenantJson;
import java.util.List;
import java.util.Map;
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

    /** The dev secrets of the local stack (README). */
    public static final Secrets DEV_SECRETS = new Secrets("dev-webhook-secret", "dev-twilio-token", "dev-ecall-token",
            "dev-cron-secret", Secrets.bundledSipgateKey(), null);

    /** What the functions get in tests: the local base URL, a generous rate limit and the dev secrets. */
    public static final Settings SETTINGS = new Settings("http://localhost:3000", 1000, DEV_SECRETS);

    /** The test's view of the emulator's table. */
    public static TestData data() {
        return TestData.of(table());
    }

    /** The test's view of a table of its own ({@link #freshTable}). */
    public static TestData data(String tableName) {
        return TestData.of(SingleTable.of(aws().dynamo(), tableName));
    }

    /** A fresh, empty copy of the template's table, for tests that look at the whole table. */
    public static String freshTable() {
        return aws().createTables("t" + UUID.randomUUID().toString().substring(0, 8) + "-").get("OpsTable");
    }

    /** A fresh copy of the template's queues for one test class: what it finds there, it put there. */
    public static Map<String, String> freshQueues() {
        return aws().createQueues("t" + UUID.randomUUID().toString().substring(0, 8) + "-", 1);
    }

    /** A new handwerk tenant with a unique business line; {@code configJson} is merged into its config. */
    public static Tenant newTenant(DynamoTenantDirectory directory, String configJson) {
        return newTenant(directory, configJson, "https://g.page/r/test/review");
    }

    /** @param reviewLink the tenant's Google review link, or null for none */
    public static Tenant newTenant(DynamoTenantDirectory directory, String configJson, String reviewLink) {
        String id = "t-" + UUID.randomUUID().toString().substring(0, 8);
        String line = "+41445" + String.format("%06d", Math.floorMod(id.hashCode(), 1_000_000));
        com.fasterxml.jackson.databind.node.ObjectNode document = (com.fasterxml.jackson.databind.node.ObjectNode) Json.parse("""
                {"id":"%s","slug":"%s","name":"Test Sanitär %s","branch":"handwerk",
                 "config":{"phoneLines":["%s"],"ownerMobile":"+41795550101",
                           %s
                           "sms":{"provider":"console","sender":"TestSanit"}}}"""
                .formatted(id, id, id, line, reviewLink == null ? "" : "\"googleReviewLink\":\"" + reviewLink + "\","));
        if (!configJson.isBlank()) {
            // the test's own top-level config fields (its "sms", say) replace the defaults
            ((com.fasterxml.jackson.databind.node.ObjectNode) document.get("config"))
                    .setAll((com.fasterxml.jackson.databind.node.ObjectNode) Json.parse("{" + configJson + "}"));
        }
        Tenant tenant = TenantJson.read(document);
        directory.put(tenant, List.of("key-" + id));
        return tenant;
    }
}
