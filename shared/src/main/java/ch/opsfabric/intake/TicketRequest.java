package ch.opsfabric.intake;

import ch.opsfabric.http.ApiException;
import ch.opsfabric.phone.Phone;
import ch.opsfabric.phone.PhoneNumbers;
import ch.opsfabric.tenant.Branch;
import ch.opsfabric.tenant.WizardFlow;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A validated {@code POST /api/ticket} body. Every problem is collected and answered at once,
 * field by field, in German: {@code {"errors":{"phone":"Bitte geben Sie …"}}}.
 *
 * @param fields flow-specific answers (address, date, persons, …), strings only
 */
public record TicketRequest(String slug, WizardFlow flow, String name, Phone.Number phone, String email,
                            String category, String message, Map<String, String> fields, String ref) {

    static final Set<String> KNOWN = Set.of("slug", "flow", "name", "phone", "email", "category", "message",
            "website", "startedAt", "ref", "elapsedMs");
    static final int MAX_MESSAGE = 2000;
    static final int MAX_FIELDS = 20;
    static final int MAX_FIELD_VALUE = 500;
    private static final Pattern FIELD_NAME = Pattern.compile("[a-zA-Z][a-zA-Z0-9_]{0,39}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]{2,}");

    public static String slugOf(JsonNode body) {
        JsonNode slug = body.path("slug");
        if (!slug.isTextual() || slug.asText().isBlank()) {
            throw ApiException.validation(Map.of("slug", "Der Betrieb fehlt."));
        }
        return slug.asText().strip();
    }

    public static TicketRequest validate(JsonNode body, Branch branch) {
        Map<String, String> errors = new LinkedHashMap<>();
        String flowId = text(body, "flow");
        WizardFlow flow = flowId == null ? null : branch.flow(flowId).orElse(null);
        if (flow == null) {
            errors.put("flow", "Bitte wählen Sie, worum es geht.");
        }
        String name = text(body, "name");
        // an emergency asks only the minimum: a number to call back and what is wrong
        boolean nameRequired = flow == null || flow.urgency() != ch.opsfabric.ticket.Urgency.HIGH;
        if (name == null && nameRequired || name != null && name.length() < 2) {
            errors.put("name", "Bitte geben Sie Ihren Namen an.");
        } else if (name != null && name.length() > 100) {
            errors.put("name", "Der Name ist zu lang (höchstens 100 Zeichen).");
        }
        Phone.Number phone = null;
        String rawPhone = text(body, "phone");
        if (rawPhone == null && text(body, "ref") != null) {
            // the SMS link: the number comes from the ticket the link belongs to
            phone = null;
        } else if (rawPhone == null) {
            errors.put("phone", "Bitte geben Sie Ihre Telefonnummer an, damit wir Sie zurückrufen können.");
        } else if (PhoneNumbers.parse(rawPhone) instanceof Phone.Number number) {
            phone = number;
        } else {
            errors.put("phone", "Bitte geben Sie eine gültige Telefonnummer an, z. B. 079 123 45 67.");
        }
        String email = text(body, "email");
        if (email != null && (email.length() > 254 || !EMAIL.matcher(email).matches())) {
            errors.put("email", "Bitte geben Sie eine gültige E-Mail-Adresse an.");
        }
        String category = text(body, "category");
        if (category != null && category.length() > 100) {
            errors.put("category", "Die Kategorie ist zu lang (höchstens 100 Zeichen).");
        }
        String message = text(body, "message");
        if (message != null && message.length() > MAX_MESSAGE) {
            errors.put("message", "Die Nachricht ist zu lang (höchstens " + MAX_MESSAGE + " Zeichen).");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        body.fields().forEachRemaining(e -> {
            if (KNOWN.contains(e.getKey())) {
                return;
            }
            if (!FIELD_NAME.matcher(e.getKey()).matches() || !(e.getValue().isTextual() || e.getValue().isNumber()
                    || e.getValue().isBoolean())) {
                errors.put(e.getKey(), "Dieses Feld wird nicht unterstützt.");
            } else if (e.getValue().asText().length() > MAX_FIELD_VALUE) {
                errors.put(e.getKey(), "Die Angabe ist zu lang (höchstens " + MAX_FIELD_VALUE + " Zeichen).");
            } else if (!e.getValue().asText().isBlank()) {
                fields.put(e.getKey(), e.getValue().asText().strip());
            }
        });
        if (fields.size() > MAX_FIELDS) {
            errors.put("fields", "Zu viele Angaben.");
        }
        if (flow != null) {
            // the flow's own questions (name and phone are checked above)
            for (WizardForms.Field field : WizardForms.of(branch, flow).fields()) {
                if (field.required() && !errors.containsKey(field.name()) && !"name".equals(field.name())
                        && !"phone".equals(field.name()) && text(body, field.name()) == null) {
                    errors.put(field.name(), field.requiredMessage());
                }
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        return new TicketRequest(slugOf(body), flow, name, phone, email, category, message, fields, text(body, "ref"));
    }

    /** Bots fill every field; people never see this one. */
    public static boolean isHoneypotFilled(JsonNode body) {
        JsonNode trap = body.path("website");
        return !trap.isMissingNode() && !trap.isNull() && !trap.asText().isBlank();
    }

    private static String text(JsonNode body, String field) {
        JsonNode node = body.path(field);
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        String value = node.asText().strip();
        return value.isEmpty() ? null : value;
    }
}
