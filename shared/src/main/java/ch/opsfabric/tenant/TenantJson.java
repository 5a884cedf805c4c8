package ch.opsfabric.tenant;

import ch.opsfabric.phone.PhoneNumbers;
import ch.opsfabric.time.QuietHours;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Reads tenants from their JSON document (seed files, the stored config attribute) with the
 * tree model: explicit field by field, no reflection, defaults from DESIGN §2.
 */
public final class TenantJson {

    private TenantJson() {
    }

    /** {@code {"id","slug","name","branch","modules":{...},"config":{...}}} */
    public static Tenant read(JsonNode node) {
        String id = required(node, "id");
        String slug = required(node, "slug");
        if (!slug.matches("[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?")) {
            throw new IllegalArgumentException("slug must be lower-case letters, digits and dashes: " + slug);
        }
        Branch branch = Branch.fromWire(node.path("branch").asText("allgemein"));
        Map<Module, Boolean> switches = new EnumMap<>(Module.class);
        node.path("modules").fields().forEachRemaining(e -> Module.fromWire(e.getKey())
                .ifPresent(m -> switches.put(m, e.getValue().asBoolean())));
        return new Tenant(id, slug, required(node, "name"), branch,
                Modules.defaultsWith(branch, switches), readConfig(node.path("config")));
    }

    public static TenantConfig readConfig(JsonNode config) {
        List<String> lines = new ArrayList<>();
        config.path("phoneLines").forEach(l -> lines.add(PhoneNumbers.require(l.asText()).e164()));
        JsonNode contact = config.path("contact");
        JsonNode quiet = config.path("quietHours");
        QuietHours quietHours = quiet.isObject()
                ? QuietHours.parse(quiet.path("start").asText("21:00"), quiet.path("end").asText("07:00"))
                : QuietHours.DEFAULT;
        JsonNode sms = config.path("sms");
        return new TenantConfig(
                lines,
                optionalPhone(config.path("ownerMobile")),
                optionalPhone(contact.path("phone")),
                text(contact.path("email")),
                text(config.path("googleReviewLink")),
                Duration.ofMinutes(config.path("slaResponseMinutes").asLong(TenantConfig.DEFAULT_SLA.toMinutes())),
                quietHours,
                config.hasNonNull("timeZone") ? ZoneId.of(config.get("timeZone").asText()) : TenantConfig.DEFAULT_ZONE,
                Duration.ofMinutes(config.path("reviewDelayMinutes")
                        .asLong(TenantConfig.DEFAULT_REVIEW_DELAY.toMinutes())),
                sms.path("provider").asText("console"),
                sms.path("sender").asText("OpsFabric"),
                config.isObject() ? config.deepCopy() : new ObjectNode(null));
    }

    /** The modules map as stored: every module with its switch, so a reader needs no branch defaults. */
    public static Map<String, Boolean> modulesMap(Modules modules) {
        Map<String, Boolean> map = new java.util.LinkedHashMap<>();
        for (Module m : Module.values()) {
            map.put(m.wireName(), modules.isOn(m));
        }
        return map;
    }

    private static String required(JsonNode node, String field) {
        String value = text(node.path(field));
        if (value == null) {
            throw new IllegalArgumentException("tenant field '" + field + "' is required");
        }
        return value;
    }

    private static String text(JsonNode node) {
        return node.isTextual() && !node.asText().isBlank() ? node.asText().strip() : null;
    }

    private static String optionalPhone(JsonNode node) {
        String value = text(node);
        return value == null ? null : PhoneNumbers.require(value).e164();
    }
}
