package ch.opsfabric.onboarding;

import ch.opsfabric.json.Json;
import ch.opsfabric.tenant.Branch;
import ch.opsfabric.tenant.ConfigRules;
import ch.opsfabric.tenant.Module;
import ch.opsfabric.tenant.Modules;
import ch.opsfabric.tenant.Tenant;
import ch.opsfabric.tenant.TenantJson;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A tenant as the operator writes it: {@code {slug, name, branch, lines[], ownerMobile, modules,
 * config}}. Lines and the owner's mobile are kept inside the stored config document
 * ({@code phoneLines}, {@code ownerMobile}), where every function already reads them; here they
 * stand apart because lines own pointer items.
 */
public record TenantDraft(String slug, String name, Branch branch, List<String> lines, String ownerMobile,
                          Modules modules, ObjectNode config) {

    static final Pattern SLUG = Pattern.compile("[a-z0-9-]{3,40}");
    /** Paths of the product itself, and words a customer would mistake for it. */
    static final Set<String> RESERVED_SLUGS = Set.of("api", "app", "admin", "r", "www", "static", "assets", "health",
            "status", "login", "logout", "signin", "signup", "register", "account", "opsfabric", "dashboard", "help",
            "support", "docs", "favicon", "robots", "sitemap", "local", "null", "undefined", "test", "demo", "mail",
            "email", "webhook", "webhooks", "cdn", "media");
    static final int MAX_LINES = 10;

    public TenantDraft {
        lines = List.copyOf(lines);
    }

    /** The draft of a stored tenant, as the API shows it. */
    public static TenantDraft of(Tenant tenant) {
        ObjectNode config = (ObjectNode) tenant.config().document().deepCopy();
        ConfigRules.TOP_LEVEL_IN_DOCUMENT.forEach(config::remove);
        return new TenantDraft(tenant.slug(), tenant.name(), tenant.branch(), tenant.config().phoneLines(),
                tenant.config().ownerMobile(), tenant.modules(), config);
    }

    /**
     * A new tenant from the create body; modules default to the branch profile, explicit switches
     * override them. Every problem is collected, named by its field.
     *
     * @throws AdminRefusal (invalid) naming each field that is wrong
     */
    public static TenantDraft forCreate(JsonNode body) {
        Map<String, String> errors = new LinkedHashMap<>();
        unknownFields(body, Set.of("slug", "name", "branch", "lines", "ownerMobile", "modules", "config"), errors);
        String slug = slug(body.get("slug"), errors);
        String name = name(body.get("name"), errors);
        Branch branch = branch(body.get("branch"), errors);
        List<String> lines = lines(body.get("lines"), errors);
        String ownerMobile = mobile(body.get("ownerMobile"), errors);
        Map<Module, Boolean> switches = switches(body.get("modules"), errors);
        ObjectNode config = body.path("config").isObject() ? (ObjectNode) body.get("config").deepCopy() : Json.object();
        if (body.has("config") && !body.get("config").isObject()) {
            errors.put("config", "must be a JSON object");
        }
        if (!config.path("sms").path("provider").isTextual()) {
            errors.put("config.sms.provider", "is required: ecall or twilio (console only for test tenants: it sends nothing)");
        }
        if (branch != null) {
            errors.putAll(ConfigRules.check(config, branch));
        }
        if (!errors.isEmpty()) {
            throw AdminRefusal.invalid(errors);
        }
        return new TenantDraft(slug, name, branch, lines, ownerMobile, Modules.defaultsWith(branch, switches), config);
    }

    /** The tenant this draft describes, with the stored document's shape. */
    public Tenant toTenant(String id) {
        ObjectNode document = config.deepCopy();
        ArrayNode phoneLines = document.putArray("phoneLines");
        lines.forEach(phoneLines::add);
        if (ownerMobile != null) {
            document.put("ownerMobile", ownerMobile);
        }
        return new Tenant(id, slug, name, branch, modules, TenantJson.readConfig(document));
    }

    /** {@code {slug, name, branch, lines, ownerMobile, modules, wizardFlows, config}} */
    public ObjectNode toJson() {
        ObjectNode node = Json.object();
        node.put("slug", slug);
        node.put("name", name);
        node.put("branch", branch.wireName());
        ArrayNode lineArray = node.putArray("lines");
        lines.forEach(lineArray::add);
        node.put("ownerMobile", ownerMobile);
        ObjectNode moduleNode = node.putObject("modules");
        TenantJson.modulesMap(modules).forEach(moduleNode::put);
        ArrayNode flows = node.putArray("wizardFlows");
        toTenant("draft").flows().forEach(f -> flows.add(f.id()));
        node.set("config", config.deepCopy());
        return node;
    }

    static void unknownFields(JsonNode body, Set<String> known, Map<String, String> errors) {
        body.fieldNames().forEachRemaining(name -> {
            if (!known.contains(name)) {
                errors.put(name, "unknown field; known: " + String.join(", ", new java.util.TreeSet<>(known)));
            }
        });
    }

    static String slug(JsonNode value, Map<String, String> errors) {
        String slug = value != null && value.isTextual() ? value.asText() : null;
        if (slug == null || !SLUG.matcher(slug).matches()) {
            errors.put("slug", "must be 3 to 40 lower-case letters, digits or dashes");
            return null;
        }
        if (slug.startsWith("-") || slug.endsWith("-") || slug.contains("--")) {
            errors.put("slug", "must not start or end with a dash or contain two in a row");
            return null;
        }
        if (RESERVED_SLUGS.contains(slug)) {
            errors.put("slug", "'" + slug + "' is reserved; choose the business's own name");
            return null;
        }
        return slug;
    }

    static String name(JsonNode value, Map<String, String> errors) {
        String name = value != null && value.isTextual() ? value.asText().strip() : null;
        if (name == null || name.length() < 2 || name.length() > 100) {
            errors.put("name", "must be the business's name, 2 to 100 characters");
            return null;
        }
        return name;
    }

    static Branch branch(JsonNode value, Map<String, String> errors) {
        if (value != null && value.isTextual()) {
            for (Branch b : Branch.values()) {
                if (b.wireName().equals(value.asText())) {
                    return b;
                }
            }
        }
        List<String> names = new ArrayList<>();
        for (Branch b : Branch.values()) {
            names.add(b.wireName());
        }
        errors.put("branch", "must be one of " + String.join(", ", names));
        return null;
    }

    static List<String> lines(JsonNode value, Map<String, String> errors) {
        if (value == null || !value.isArray() || value.isEmpty() || value.size() > MAX_LINES) {
            errors.put("lines", "must list 1 to " + MAX_LINES + " business numbers in E.164, e.g. [\"+41445550101\"]");
            return List.of();
        }
        Set<String> lines = new LinkedHashSet<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode line = value.get(i);
            if (!ConfigRules.isE164(line)) {
                errors.put("lines[" + i + "]", "must be a phone number in E.164, e.g. +41445550101");
            } else if (!lines.add(line.asText())) {
                errors.put("lines[" + i + "]", "is listed twice");
            }
        }
        return List.copyOf(lines);
    }

    static String mobile(JsonNode value, Map<String, String> errors) {
        if (!ConfigRules.isE164(value)) {
            errors.put("ownerMobile", "must be the owner's mobile in E.164, e.g. +41795550101 (urgent alerts go there)");
            return null;
        }
        return value.asText();
    }

    static Map<Module, Boolean> switches(JsonNode value, Map<String, String> errors) {
        Map<Module, Boolean> switches = new EnumMap<>(Module.class);
        if (value == null || value.isNull()) {
            return switches;
        }
        if (!value.isObject()) {
            errors.put("modules", "must be an object of module → true/false");
            return switches;
        }
        value.fields().forEachRemaining(e -> {
            String path = "modules." + e.getKey();
            var module = Module.fromWire(e.getKey());
            if (module.isEmpty()) {
                errors.put(path, "unknown module; known: " + knownModules());
            } else if (!e.getValue().isBoolean()) {
                errors.put(path, "must be true or false");
            } else if (module.get() == Module.TICKETS && !e.getValue().asBoolean()) {
                errors.put(path, "tickets are always on");
            } else {
                switches.put(module.get(), e.getValue().asBoolean());
            }
        });
        return switches;
    }

    static String knownModules() {
        List<String> names = new ArrayList<>();
        for (Module m : Module.values()) {
            names.add(m.wireName());
        }
        return String.join(", ", names);
    }
}
