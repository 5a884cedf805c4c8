package ch.opsfabric.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.opsfabric.tenant.Module;
import ch.opsfabric.tenant.Tenant;
import ch.opsfabric.testing.TestAws;
import org.junit.jupiter.api.Test;

class DynamoTenantDirectoryIT {

    private final DynamoTenantDirectory directory = new DynamoTenantDirectory(TestAws.table(), 0);

    @Test
    void findsTheTenantBySlugLineAndApiKey() {
        Tenant tenant = TestAws.newTenant(directory, "\"slaResponseMinutes\":60");
        assertEquals(tenant, directory.bySlug(tenant.slug()).orElseThrow());
        assertEquals(tenant.id(), directory.byPhoneLine(tenant.config().phoneLines().get(0)).orElseThrow().id());
        assertEquals(tenant.id(), directory.byApiKey("key-" + tenant.id()).orElseThrow().id());
        assertEquals(60, directory.byId(tenant.id()).orElseThrow().config().slaResponse().toMinutes());
        assertTrue(directory.byId(tenant.id()).orElseThrow().has(Module.MISSED_CALL));
    }

    @Test
    void unknownKeysFindNothing() {
        assertTrue(directory.bySlug("gibt-es-nicht").isEmpty());
        assertTrue(directory.byPhoneLine("+41445559999").isEmpty());
        assertTrue(directory.byApiKey("wrong").isEmpty());
        assertTrue(directory.byApiKey("").isEmpty());
    }

    @Test
    void apiKeysAreStoredOnlyAsHashes() {
        Tenant tenant = TestAws.newTenant(directory, "");
        var raw = TestAws.table().client().getItem(b -> b.tableName(TestAws.table().tableName())
                .key(java.util.Map.of(Keys.PK, software.amazon.awssdk.services.dynamodb.model.AttributeValue
                                .fromS(Keys.apiKey("key-" + tenant.id())),
                        Keys.SK, software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(Keys.POINTER_SK))));
        assertTrue(!raw.hasItem(), "no item keyed by the plain API key");
        assertEquals(64, DynamoTenantDirectory.hashApiKey("key-" + tenant.id()).length());
    }
}
