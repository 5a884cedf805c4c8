package ch.opsfabric.onboarding;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Why an operator's request is not carried out; the API answers it with the matching status. */
public final class AdminRefusal extends RuntimeException {

    public enum Kind {
        /** 400: the request names what is wrong, field by field. */
        INVALID,
        /** 404: no tenant (or key) of that name. */
        NOT_FOUND,
        /** 409: the slug, a line or an imported key belongs to another tenant, or the version is stale. */
        CONFLICT
    }

    private final Kind kind;
    private final String code;
    private final Map<String, String> fieldErrors;

    private AdminRefusal(Kind kind, String code, String message, Map<String, String> fieldErrors) {
        super(message);
        this.kind = kind;
        this.code = code;
        this.fieldErrors = Collections.unmodifiableMap(new LinkedHashMap<>(fieldErrors));
    }

    public static AdminRefusal invalid(Map<String, String> fieldErrors) {
        return new AdminRefusal(Kind.INVALID, "validation_failed",
                "Please fix " + (fieldErrors.size() == 1 ? "this field" : "these " + fieldErrors.size() + " fields") + ": "
                        + String.join(", ", fieldErrors.keySet()) + " (see errors).", fieldErrors);
    }

    public static AdminRefusal invalid(String field, String problem) {
        return invalid(Map.of(field, problem));
    }

    public static AdminRefusal notFound(String message) {
        return new AdminRefusal(Kind.NOT_FOUND, "not_found", message, Map.of());
    }

    public static AdminRefusal conflict(String code, String message) {
        return new AdminRefusal(Kind.CONFLICT, code, message, Map.of());
    }

    public Kind kind() {
        return kind;
    }

    public String code() {
        return code;
    }

    public Map<String, String> fieldErrors() {
        return fieldErrors;
    }
}
