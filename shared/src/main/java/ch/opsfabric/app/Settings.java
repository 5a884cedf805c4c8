package ch.opsfabric.app;

/**
 * Deployment settings, from the function's environment (template.yaml) or the local stack.
 *
 * @param publicBaseUrl            origin customers and providers see, no trailing slash
 * @param intakeRateLimitPerMinute POST /api/ticket requests per client address and minute
 */
public record Settings(String publicBaseUrl, int intakeRateLimitPerMinute, Secrets secrets) {

    public Settings {
        if (publicBaseUrl == null || publicBaseUrl.isBlank()) {
            throw new IllegalArgumentException("publicBaseUrl is required");
        }
        publicBaseUrl = publicBaseUrl.endsWith("/") ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1) : publicBaseUrl;
        if (intakeRateLimitPerMinute < 1) {
            throw new IllegalArgumentException("intakeRateLimitPerMinute must be positive");
        }
        if (secrets == null) {
            throw new IllegalArgumentException("secrets are required (values may be null)");
        }
    }
}
