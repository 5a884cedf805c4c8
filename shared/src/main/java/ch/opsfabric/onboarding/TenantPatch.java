package ch.opsfabric.onboarding;

import ch.opsfabric.tenant.Branch;
import ch.opsfabric.tenant.ConfigRules;
import ch.opsfabric.tenant.Module;
import ch.opsfabric.tenant.Modules;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code PATCH /api/admin/tenants/{slug}}: {@code {"version": n, "name", "branch", "ownerMobile",
 * "modules": {key: bool}, "config": <JSON merge patch, RFC 7386>, "lines": [...] |
 * {"add": [...], "remove": [...]}}}. Applied to the current draft, the result is checked as a
 * whole, so a patch can never leave a tenant that a create would refuse.
 */
public record TenantPatch(long expectedVersion, JsonNode body) {

    static final Set<String> FIELDS = Set.of("version", "name", "branch", "ownerMobile", "modules", "config", "lines", "slug");

    /** @throws AdminRefusal (invalid) when the version is missing or the body has unknown fields */
    public static TenantPatch parse(JsonNode body) {
        Map<String, String> errors = new LinkedHashMap<>();
        TenantDraft.unknownFields(body, FIELDS, errors);
        JsonNode version = body.get("version");
        if (version == null || !version.isIntegralNumber() || version.asLong() < 1) {
            errors.put("version", "is required: the version you read (GET the tenant first), so no change is lost");
        }
        if (!errors.isEmpty()) {
            throw AdminRefusal.invalid(errors);
        }
        return new TenantPatch(version.asLong(), body);
    }

    /** The tenant after this patch. @throws AdminRefusal (invalid) naming every field that is wrong */
    public TenantDraft applyTo(TenantDraft current) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (body.has("slug") && !current.slug().equals(body.get("slug").asText())) {
            errors.put("slug", "cannot change; create a new tenant and delete this one instead");
        }
        String name = body.has("name") ? TenantDraft.name(body.get("name"), errors) : current.name();
        Branch branch = body.has("branch") ? TenantDraft.branch(body.get("branch"), errors) : current.branch();
        String ownerMobile = body.has("ownerMobile") ? TenantDraft.mobile(body.get("ownerMobile"), errors) : current.ownerMobile();
        List<String> lines = body.has("lines") ? lines(current.lines(), body.get("lines"), errors) : current.lines();
        Modules modules = current.modules();
        if (body.has("modules")) {
            EnumSet<Module> on = EnumSet.copyOf(current.modules().enabled());
            TenantDraft.switches(body.get("modules"), errors).forEach((m, enabled) -> {
                if (enabled) {
                    on.add(m);
                } else {
                    on.remove(m);
                }
            });
            modules = Modules.of(on);
        }
        ObjectNode config = current.config().deepCopy();
        if (body.has("config")) {
            if (!body.get("config").isObject()) {
                errors.put("config", "must be a JSON merge patch object (null removes a field)");
            } else {
                config = (ObjectNode) mergePatch(config, body.get("config"));
            }
        }
        if (branch != null) {
            errors.putAll(ConfigRules.check(config, branch));
        }
        if (!errors.isEmpty()) {
            throw AdminRefusal.invalid(errors);
        }
        return new TenantDraft(current.slug(), name, branch, lines, ownerMobile, modules, config);
    }

    private static List<String> lines(List<String> current, JsonNode value, Map<String, String> errors) {
        if (value.isArray()) {
            return TenantDraft.lines(value, errors);
        }
        if (!value.isObject()) {
            errors.put("lines", "must be the whole list, or {\"add\": [...], \"remove\": [...]}");
            return current;
        }
        Map<String, String> local = new LinkedHashMap<>();
        TenantDraft.unknownFields(value, Set.of("add", "remove"), local);
        local.forEach((k, v) -> errors.put("lines." + k, v));
        Set<String> result = new LinkedHashSet<>(current);
        JsonNode add = value.path("add");
        for (int i = 0; i < add.size(); i++) {
            if (!ConfigRules.isE164(add.get(i))) {
                errors.put("lines.add[" + i + "]", "must be a phone number in E.164, e.g. +41445550101");
            } else {
                result.add(add.get(i).asText());
            }
        }
        JsonNode remove = value.path("remove");
        for (int i = 0; i < remove.size(); i++) {
            if (!current.contains(remove.get(i).asText())) {
                errors.put("lines.remove[" + i + "]", "is not a line of this tenant");
            }
            result.remove(remove.get(i).asText());
        }
        ArrayNode check = JsonNodeFactory.instance.arrayNode();
        result.forEach(check::add);
        Map<String, String> whole = new LinkedHashMap<>();
        List<String> checked = TenantDraft.lines(check, whole);
        if (whole.containsKey("lines")) {
            errors.put("lines", "a tenant keeps 1 to " + TenantDraft.MAX_LINES + " lines");
        }
        return checked.isEmpty() ? new ArrayList<>(result) : checked;
    }

    /** RFC 7386: objects merge member by member, null removes, anything else replaces. */
    static JsonNode mergePatch(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch.deepCopy();
        }
        ObjectNode result = target != null && target.isObject() ? (ObjectNode) target.deepCopy() : JsonNodeFactory.instance.objectNode();
        patch.fields().forEachRemaining(e -> {
            if (e.getValue().isNull()) {
                result.remove(e.getKey());
            } else {
                result.set(e.getKey(), mergePatch(result.get(e.getKey()), e.getValue()));
            }
        });
        return result;
    }
}
