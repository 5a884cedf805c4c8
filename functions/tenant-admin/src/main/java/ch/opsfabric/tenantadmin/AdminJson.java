package ch.opsfabric.tenantadmin;

import ch.opsfabric.json.Json;
import ch.opsfabric.onboarding.FieldChange;
import ch.opsfabric.onboarding.TenantAdmin;
import ch.opsfabric.onboarding.TenantDraft;
import ch.opsfabric.onboarding.TenantRegistry;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The operator API's JSON: tenants as the operator writes them, plus id, state, version and times. */
final class AdminJson {

    private AdminJson() {
    }

    static ObjectNode tenant(TenantRegistry.Registered registered) {
        ObjectNode node = Json.object();
        node.put("id", registered.tenant().id());
        node.setAll(TenantDraft.of(registered.tenant()).toJson());
        node.put("state", registered.state().wireName());
        node.put("version", registered.version());
        node.put("createdAt", registered.createdAt() == null ? null : registered.createdAt().toString());
        node.put("updatedAt", registered.updatedAt() == null ? null : registered.updatedAt().toString());
        return node;
    }

    static ObjectNode result(TenantAdmin.Result result) {
        ObjectNode node = tenant(result.tenant());
        node.set("changes", FieldChange.toJson(result.changes()));
        ArrayNode warnings = node.putArray("warnings");
        result.warnings().forEach(warnings::add);
        return node;
    }

    static ObjectNode key(TenantRegistry.ApiKey key) {
        return Json.object().put("id", key.id()).put("label", key.label())
                .put("createdAt", key.createdAt().toString()).put("createdBy", key.createdBy());
    }

    static ObjectNode audit(TenantRegistry.AuditEntry entry) {
        ObjectNode node = Json.object().put("at", entry.at().toString()).put("principal", entry.principal())
                .put("action", entry.action());
        node.set("changes", FieldChange.toJson(entry.changes()));
        return node;
    }
}
