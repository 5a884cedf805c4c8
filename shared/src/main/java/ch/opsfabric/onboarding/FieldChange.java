package ch.opsfabric.onboarding;

import ch.opsfabric.json.Json;
import ch.opsfabric.tenant.ConfigRules;
import ch.opsfabric.tenant.Module;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One field of a tenant that a change touched, with its value before and after (JSON null for
 * none): what the audit keeps and what decides whether the website's cache must go.
 * Paths: {@code name}, {@code branch}, {@code lines}, {@code ownerMobile}, {@code modules.<key>},
 * {@code config.<field>}.
 */
public record FieldChange(String path, JsonNode before, JsonNode after) {

    public FieldChange {
        before = before == null ? JsonNodeFactory.instance.nullNode() : before;
        after = after == null ? JsonNodeFactory.instance.nullNode() : after;
    }

    /** Field by field; empty when nothing differs. {@code before} null: everything is new. */
    public static List<FieldChange> between(TenantDraft before, TenantDraft after) {
        ObjectNode b = before == null ? Json.object() : before.toJson();
        ObjectNode a = after == null ? Json.object() : after.toJson();
        List<FieldChange> changes = new ArrayList<>();
        for (String field : List.of("name", "branch", "lines", "ownerMobile")) {
            compare(field, b.get(field), a.get(field), changes);
        }
        for (Module m : Module.values()) {
            compare("modules." + m.wireName(), b.path("modules").get(m.wireName()), a.path("modules").get(m.wireName()), changes);
        }
        Set<String> fields = new LinkedHashSet<>();
        b.path("config").fieldNames().forEachRemaining(fields::add);
        a.path("config").fieldNames().forEachRemaining(fields::add);
        for (String field : fields) {
            compare("config." + field, b.path("config").get(field), a.path("config").get(field), changes);
        }
        return changes;
    }

    private static void compare(String path, JsonNode before, JsonNode after, List<FieldChange> changes) {
        JsonNode b = before == null || before.isNull() ? null : before;
        JsonNode a = after == null || after.isNull() ? null : after;
        if (b == null ? a != null : !b.equals(a)) {
            changes.add(new FieldChange(path, b, a));
        }
    }

    /** True when this change alters what the tenant's website shows (its pages are cached at the edge). */
    public boolean showsOnSite() {
        if (path.startsWith("config.")) {
            return ConfigRules.showsOnSite(path.substring("config.".length()));
        }
        return !path.equals("lines") && !path.equals("ownerMobile");
    }

    public ObjectNode toJson() {
        ObjectNode node = Json.object().put("field", path);
        node.set("before", before);
        node.set("after", after);
        return node;
    }

    public static ArrayNode toJson(List<FieldChange> changes) {
        ArrayNode array = Json.array();
        changes.forEach(c -> array.add(c.toJson()));
        return array;
    }

    public static FieldChange fromJson(JsonNode node) {
        return new FieldChange(node.path("field").asText(), node.get("before"), node.get("after"));
    }
}
