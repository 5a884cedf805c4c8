package ch.opsfabric.app;

/** Function configuration from environment variables (set by template.yaml). */
public final class Env {

    private Env() {
    }

    public static String require(String name) {
        String value = optional(name);
        if (value == null) {
            throw new IllegalStateException("environment variable " + name + " is not set");
        }
        return value;
    }

    /** @return the value, or null when unset or blank */
    public static String optional(String name) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? null : value;
    }

    public static int integer(String name, int fallback) {
        String value = optional(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalStateException("environment variable " + name + " is not a number", e);
        }
    }
}
