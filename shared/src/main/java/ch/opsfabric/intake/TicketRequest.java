package ch.opsfabric.intake;

import ch.opsfabric.phone.Phone;
import ch.opsfabric.phone.PhoneNumbers;
import ch.opsfabric.tenant.Branch;
import ch.opsfabric.tenant.WizardFlow;
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

    /** What {@link #validate} makes of a form: a request, or the problems per field in form order. */
    public sealed interface Validation {
    }

    public record Valid(TicketRequest request) implements Validation {
    }

    public record Invalid(Map<String, String> fieldErrors) implements Validation {
        public Invalid {
            fieldErrors = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fieldErrors));
        }
    }

    /**
     * The answers of a wizard form (the JSON API and the plain form post both give name → text)
     * checked against the tenant's branch: the flow, name, phone, e-mail, the flow's own required
     * questions and the limits of free extra fields.
     */
    public static Validation validate(String slug, Map<String, String> answers, Branch branch) {
        return validate(slug, answers, branch, branch.flows());
    }

    /** @param flows the flows the tenant offers (its branch's, or the subset its config names) */
    public static Validation validate(String slug, Map<String, String> answers, Branch branch,
                                      java.util.List<WizardFlow> flows) {
        Map<String, String> errors = new LinkedHashMap<>();
        String flowId = text(answers, "flow");
        WizardFlow flow = flowId == null ? null : flows.stream().filter(f -> f.id().equals(flowId)).findFirst().orElse(null);
        if (flow == null) {
            errors.put("flow", "Bitte wählen Sie, worum es geht.");
        }
        String name = text(answers, "name");
        // an emergency asks only the minimum: a number to call back and what is wrong
        boolean nameRequired = flow == null || flow.urgency() != ch.opsfabric.ticket.Urgency.HIGH;
        if (name == null && nameRequired || name != null && name.length() < 2) {
            errors.put("name", "Bitte geben Sie Ihren Namen an.");
        } else if (name != null && name.length() > 100) {
            errors.put("name", "Der Name ist zu lang (höchstens 100 Zeichen).");
        }
        Phone.Number phone = null;
        String rawPhone = text(answers, "phone");
        if (rawPhone == null && text(answers, "ref") != null) {
            // the SMS link: the number comes from the ticket the link belongs to
            phone = null;
        } else if (rawPhone == null && (text(answers, "email") == null || !nameRequired)) {
            // an e-mail address is enough to answer, except in an emergency: that needs a call
            errors.put("phone", "Bitte geben Sie Ihre Telefonnummer an, damit wir Sie zurückrufen können.");
        } else if (rawPhone == null) {
            phone = null;
        } else if (PhoneNumbers.parse(rawPhone) instanceof Phone.Number number) {
            phone = number;
        } else {
            errors.put("phone", "Bitte geben Sie eine gültige Telefonnummer an, z. B. 079 123 45 67.");
        }
        String email = text(answers, "email");
        if (email != null && (email.length() > 254 || !EMAIL.matcher(email).matches())) {
            errors.put("email", "Bitte geben Sie eine gültige E-Mail-Adresse an.");
        }
        String category = text(answers, "category");
        if (category != null && category.length() > 100) {
            errors.put("category", "Die Kategorie ist zu lang (höchstens 100 Zeichen).");
        }
        String message = text(answers, "message");
        if (message != null && message.length() > MAX_MESSAGE) {
            errors.put("message", "Die Nachricht ist zu lang (höchstens " + MAX_MESSAGE + " Zeichen).");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        answers.forEach((key, value) -> {
            if (KNOWN.contains(key)) {
                return;
            }
            if (!FIELD_NAME.matcher(key).matches() || value == null) {
                errors.put(key, UNSUPPORTED);
            } else if (value.length() > MAX_FIELD_VALUE) {
                errors.put(key, "Die Angabe ist zu lang (höchstens " + MAX_FIELD_VALUE + " Zeichen).");
            } else if (!value.isBlank()) {
                fields.put(key, value.strip());
            }
        });
        if (fields.size() > MAX_FIELDS) {
            errors.put("fields", "Zu viele Angaben.");
        }
        if (flow != null) {
            // the flow's own questions (name and phone are checked above)
            for (WizardForms.Field field : WizardForms.of(branch, flow).fields()) {
                if (field.required() && !errors.containsKey(field.name()) && !"name".equals(field.name())
                        && !"phone".equals(field.name()) && text(answers, field.name()) == null) {
                    errors.put(field.name(), field.requiredMessage());
                }
            }
        }
        if (!errors.isEmpty()) {
            return new Invalid(errors);
        }
        return new Valid(new TicketRequest(slug, flow, name, phone, email, category, message, fields,
                text(answers, "ref")));
    }

    /** The message for an answer that is no text (a JSON object or list): no form field is such. */
    public static final String UNSUPPORTED = "Dieses Feld wird nicht unterstützt.";

    /** Bots fill every field; people never see this one. */
    public static boolean isHoneypotFilled(Map<String, String> answers) {
        return text(answers, "website") != null;
    }

    private static String text(Map<String, String> answers, String field) {
        String value = answers.get(field);
        if (value == null) {
            return null;
        }
        value = value.strip();
        return value.isEmpty() ? null : value;
    }
}
