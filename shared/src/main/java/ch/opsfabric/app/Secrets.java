package ch.opsfabric.app;

/**
 * Webhook and cron secrets. Values come from the deployment (Secrets Manager references in
 * template.yaml) or the local stack's dev values; they are never logged. A missing secret makes
 * its endpoint refuse every request rather than accept unsigned ones.
 *
 * @param webhookSecret       HMAC key of {@code X-OpsFabric-Signature}
 * @param twilioAuthToken     key of {@code X-Twilio-Signature}
 * @param ecallPathToken      the secret path segment of eCall's callback URL
 * @param cronSecret          bearer token of {@code POST /api/cron/review-request}
 * @param sipgatePublicKeyPem sipgate's webhook signing key (public; bundled, overridable for tests)
 * @param originVerifySecret  the header value CloudFront adds to every request it forwards
 *                            ({@link ch.opsfabric.http.OriginGuard}); null only where no CDN is in
 *                            front, i.e. in-process tests: deployed functions require it
 */
public record Secrets(String webhookSecret, String twilioAuthToken, String ecallPathToken, String cronSecret,
                      String sipgatePublicKeyPem, String originVerifySecret) {

    @Override
    public String toString() {
        return "Secrets[redacted]";
    }

    /** sipgate's published webhook signing key, shipped with the code. */
    public static String bundledSipgateKey() {
        try (java.io.InputStream in = Secrets.class.getResourceAsStream("/providers/sipgate-webhook-public-key.pem")) {
            if (in == null) {
                throw new IllegalStateException("sipgate public key missing from the classpath");
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
