package ch.opsfabric.tenant;

import ch.opsfabric.phone.Phone;
import ch.opsfabric.phone.PhoneNumbers;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a tenant's configuration document may contain, field by field, as the operator API
 * accepts it. A document that passes reads back through {@link TenantJson#readConfig} without
 * surprises; an unknown field is refused rather than silently kept, so a typo cannot hide.
 * {@code phoneLines} and {@code ownerMobile} are not here: the API takes them as the tenant's
 * {@code lines} and {@code ownerMobile}, because lines own pointer items.
 */
public final class ConfigRules {

    /** schema.org types a tenant may name in {@code schemaType}; otherwise the branch decides. */
    public static final Set<String> SCHEMA_TYPES = Set.of("LocalBusiness", "HomeAndConstructionBusiness", "Plumber",
            "Electrician", "HVACBusiness", "RoofingContractor", "Locksmith", "HousePainter", "GeneralContractor",
            "Restaurant", "CafeOrCoffeeShop", "BarOrPub", "Bakery", "FoodEstablishment", "BeautySalon", "HairSalon",
            "NailSalon", "DaySpa", "HealthAndBeautyBusiness", "ProfessionalService");

    /** Config fields only the back office reads: changing them leaves the website's cache alone. */
    public static final Set<String> BACK_OFFICE_FIELDS = Set.of("slaResponseMinutes", "quietHours", "timeZone",
            "reviewDelayMinutes", "statusUpdates", "sms", "averageJobValueChf", "email", "whatsapp", "retentionMonths",
            "canton", "holidaysPauseSla");

    /** The keys the API takes at the top level of a tenant and keeps inside the stored document. */
    public static final Set<String> TOP_LEVEL_IN_DOCUMENT = Set.of("phoneLines", "ownerMobile");

    private static final Pattern COLOR = Pattern.compile("#[0-9a-fA-F]{6}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,190}\\.[A-Za-z]{2,24}");
    private static final Pattern TIME = Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9]");
    private static final Pattern SENDER_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 .-]{0,10}");
    private static final Pattern UID = Pattern.compile("CHE-[0-9]{3}\\.[0-9]{3}\\.[0-9]{3}");

    @FunctionalInterface
    private interface Rule {
        /** Adds {@code path → message} to {@code errors} when {@code value} is not acceptable. */
        void check(String path, JsonNode value, Map<String, String> errors);
    }

    private static final Map<String, Rule> FIELDS = fields();

    private ConfigRules() {
    }

    private static Map<String, Rule> fields() {
        Map<String, Rule> contact = new LinkedHashMap<>();
        contact.put("street", text(120));
        contact.put("postalCode", pattern(Pattern.compile("[0-9]{4}"), "a Swiss postal code: four digits"));
        contact.put("city", text(80));
        contact.put("phone", phone());
        contact.put("email", pattern(EMAIL, "an e-mail address"));
        contact.put("openingHours", list(text(60), 14));
        Map<String, Rule> fields = new LinkedHashMap<>();
        fields.put("contact", object(contact));
        fields.put("googleReviewLink", httpsUrl());
        fields.put("slaResponseMinutes", integer(5, 7 * 24 * 60));
        fields.put("quietHours", object(Map.of("start", pattern(TIME, "a time HH:mm"), "end", pattern(TIME, "a time HH:mm"))));
        fields.put("timeZone", zone());
        fields.put("reviewDelayMinutes", integer(0, 30 * 24 * 60));
        fields.put("statusUpdates", bool());
        fields.put("retentionMonths", integer(1, 120));
        List<String> cantons = new java.util.ArrayList<>(ch.opsfabric.time.SwissHolidays.cantons());
        ch.opsfabric.time.SwissHolidays.cantons().forEach(c -> cantons.add(c.toUpperCase(java.util.Locale.ROOT)));
        fields.put("canton", oneOf(cantons));
        fields.put("holidaysPauseSla", bool());
        fields.put("sms", object(Map.of(
                "provider", oneOf(List.of("console", "ecall", "twilio")),
                "sender", smsSender())));
        fields.put("heroText", text(300));
        fields.put("heritageText", text(600));
        fields.put("services", list(object(Map.of("name", text(80), "description", text(400))), 30));
        fields.put("reviews", list(object(Map.of("author", text(80), "rating", integer(1, 5), "text", text(600))), 30));
        fields.put("legal", object(Map.of("uid", pattern(UID, "a Swiss UID like CHE-123.456.789"),
                "responsiblePerson", text(120), "companyName", text(120), "registerEntry", text(200))));
        fields.put("schemaType", oneOf(List.copyOf(new java.util.TreeSet<>(SCHEMA_TYPES))));
        fields.put("theme", object(Map.of("primary", pattern(COLOR, "a colour like #0b5394"),
                "accent", pattern(COLOR, "a colour like #f1c232"), "logoText", text(40))));
        fields.put("averageJobValueChf", number(0, 1_000_000));
        Rule template = object(Map.of("name", pattern(Pattern.compile("[A-Za-z0-9_]{1,512}"),
                        "the approved template's name (Meta) or Content SID (Twilio)"),
                "language", pattern(Pattern.compile("[a-z]{2}(_[A-Z]{2})?"), "a language code like de or de_CH")));
        fields.put("whatsapp", object(Map.of(
                "phoneNumberId", pattern(Pattern.compile("[0-9]{6,20}"), "the WhatsApp Cloud API phone_number_id (digits)"),
                "provider", oneOf(List.of("meta", "twilio")),
                "twilioFrom", phone(),
                "templates", object(Map.of("confirmation", template, "status_update", template)))));
        fields.put("email", object(Map.of("inboundAddress", pattern(EMAIL, "an e-mail address"),
                "confirmBy", oneOf(List.of("email", "sms")))));
        // checked against the branch in check(): ids of the branch's flows
        fields.put("wizardFlows", (path, value, errors) -> { });
        return Map.copyOf(fields);
    }

    /** Every known top-level config field, for error messages and tools. */
    public static Set<String> knownFields() {
        return new java.util.TreeSet<>(FIELDS.keySet());
    }

    /**
     * Checks a whole configuration document (without {@code phoneLines}/{@code ownerMobile}).
     *
     * @return field path ({@code config.sms.sender}) → what is wrong; empty when it is fine
     */
    public static Map<String, String> check(JsonNode config, Branch branch) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (config == null || config.isNull() || config.isMissingNode()) {
            return errors;
        }
        if (!config.isObject()) {
            errors.put("config", "must be a JSON object");
            return errors;
        }
        config.fields().forEachRemaining(e -> {
            String path = "config." + e.getKey();
            Rule rule = FIELDS.get(e.getKey());
            if (rule == null) {
                errors.put(path, TOP_LEVEL_IN_DOCUMENT.contains(e.getKey())
                        ? "is set at the top level of the tenant, not in config"
                        : "unknown field; known: " + String.join(", ", knownFields()));
            } else if (!e.getValue().isNull()) {
                rule.check(path, e.getValue(), errors);
            }
        });
        JsonNode flows = config.path("wizardFlows");
        if (!flows.isMissingNode() && !flows.isNull()) {
            List<String> ids = branch.flows().stream().map(WizardFlow::id).toList();
            if (!flows.isArray() || flows.isEmpty()) {
                errors.put("config.wizardFlows", "must be a non-empty list of flow ids of the branch: " + ids);
            } else {
                for (JsonNode id : flows) {
                    if (!id.isTextual() || !ids.contains(id.asText())) {
                        errors.put("config.wizardFlows", "the " + branch.wireName() + " branch offers only " + ids);
                    }
                }
            }
        }
        return errors;
    }

    /** True when a change of this config field changes what the tenant's website shows. */
    public static boolean showsOnSite(String field) {
        return !BACK_OFFICE_FIELDS.contains(field);
    }

    private static Rule object(Map<String, Rule> members) {
        return (path, value, errors) -> {
            if (!value.isObject()) {
                errors.put(path, "must be an object with " + new java.util.TreeSet<>(members.keySet()));
                return;
            }
            value.fields().forEachRemaining(e -> {
                Rule rule = members.get(e.getKey());
                String member = path + "." + e.getKey();
                if (rule == null) {
                    errors.put(member, "unknown field; known: " + String.join(", ", new java.util.TreeSet<>(members.keySet())));
                } else if (!e.getValue().isNull()) {
                    rule.check(member, e.getValue(), errors);
                }
            });
        };
    }

    private static Rule list(Rule element, int max) {
        return (path, value, errors) -> {
            if (!value.isArray()) {
                errors.put(path, "must be a list");
                return;
            }
            if (value.size() > max) {
                errors.put(path, "at most " + max + " entries");
            }
            for (int i = 0; i < value.size(); i++) {
                element.check(path + "[" + i + "]", value.get(i), errors);
            }
        };
    }

    private static Rule text(int maxLength) {
        return (path, value, errors) -> {
            if (!value.isTextual() || value.asText().isBlank()) {
                errors.put(path, "must be a non-empty text");
            } else if (value.asText().length() > maxLength) {
                errors.put(path, "at most " + maxLength + " characters");
            }
        };
    }

    private static Rule pattern(Pattern pattern, String what) {
        return (path, value, errors) -> {
            if (!value.isTextual() || !pattern.matcher(value.asText()).matches()) {
                errors.put(path, "must be " + what);
            }
        };
    }

    private static Rule oneOf(List<String> allowed) {
        return (path, value, errors) -> {
            if (!value.isTextual() || !allowed.contains(value.asText())) {
                errors.put(path, "must be one of " + String.join(", ", allowed));
            }
        };
    }

    private static Rule integer(long min, long max) {
        return (path, value, errors) -> {
            if (!value.isIntegralNumber() || value.asLong() < min || value.asLong() > max) {
                errors.put(path, "must be a whole number from " + min + " to " + max);
            }
        };
    }

    private static Rule number(double min, double max) {
        return (path, value, errors) -> {
            if (!value.isNumber() || value.asDouble() < min || value.asDouble() > max) {
                errors.put(path, "must be a number from " + (long) min + " to " + (long) max);
            }
        };
    }

    private static Rule bool() {
        return (path, value, errors) -> {
            if (!value.isBoolean()) {
                errors.put(path, "must be true or false");
            }
        };
    }

    private static Rule phone() {
        return (path, value, errors) -> {
            if (!isE164(value)) {
                errors.put(path, "must be a phone number in E.164, e.g. +41445550101");
            }
        };
    }

    private static Rule smsSender() {
        return (path, value, errors) -> {
            if (!value.isTextual() || !(SENDER_NAME.matcher(value.asText()).matches() || isE164(value))) {
                errors.put(path, "must be up to 11 letters, digits, spaces, dots or dashes, or a number in E.164");
            }
        };
    }

    private static Rule httpsUrl() {
        return (path, value, errors) -> {
            try {
                URI uri = new URI(value.asText());
                if (!value.isTextual() || !"https".equals(uri.getScheme()) || uri.getHost() == null
                        || value.asText().length() > 500) {
                    errors.put(path, "must be an https:// address");
                }
            } catch (URISyntaxException e) {
                errors.put(path, "must be an https:// address");
            }
        };
    }

    private static Rule zone() {
        return (path, value, errors) -> {
            try {
                if (!value.isTextual()) {
                    throw new DateTimeException("not text");
                }
                ZoneId.of(value.asText());
            } catch (DateTimeException e) {
                errors.put(path, "must be a time zone like Europe/Zurich");
            }
        };
    }

    /** A number written in E.164 that libphonenumber accepts as dialable. */
    public static boolean isE164(JsonNode value) {
        return value != null && value.isTextual() && isE164(value.asText());
    }

    public static boolean isE164(String value) {
        return value != null && value.matches("\\+[1-9][0-9]{6,14}")
                && PhoneNumbers.parse(value) instanceof Phone.Number number && number.e164().equals(value);
    }
}
