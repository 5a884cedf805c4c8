package ch.opsfabric.webhook;

import ch.opsfabric.http.ApiException;
import ch.opsfabric.http.ApiRequest;
import ch.opsfabric.http.RequestBody;

/**
 * The signature checks every provider webhook makes before it looks at the content (size, type
 * and syntax are {@link RequestBody}'s). Missing signature → 401, wrong signature → 403; nothing is read from storage
 * before a request is authenticated.
 */
public final class WebhookGuard {

    private WebhookGuard() {
    }

    /** A JSON object body of our generic webhooks: size, signature, then type and syntax. */
    public static com.fasterxml.jackson.databind.JsonNode signedJson(ApiRequest request, String secret) {
        byte[] body = RequestBody.bytes(request, RequestBody.MAX_BYTES);
        requireOpsFabricSignature(request, secret, body);
        return RequestBody.jsonObject(request, body);
    }

    public static void requireOpsFabricSignature(ApiRequest request, String secret, byte[] body) {
        String header = request.header(OpsFabricSignature.HEADER).orElse(null);
        requirePresent(header);
        if (secret == null || !OpsFabricSignature.verify(secret, body, header)) {
            throw forbidden();
        }
    }

    /** Twilio signs the public URL it called: our public origin, the raw path and the raw query. */
    public static void requireTwilioSignature(ApiRequest request, String authToken, String publicBaseUrl, FormBody form) {
        String header = request.header(TwilioSignature.HEADER).orElse(null);
        requirePresent(header);
        String query = request.event().getRawQueryString();
        String url = publicBaseUrl + request.event().getRawPath() + (query == null || query.isEmpty() ? "" : "?" + query);
        if (!TwilioSignature.verify(authToken, url, form.pairs(), header)) {
            throw forbidden();
        }
    }

    public static void requireSipgateSignature(ApiRequest request, SipgateSignature verifier, byte[] body) {
        String header = request.header(SipgateSignature.HEADER).orElse(null);
        requirePresent(header);
        if (!verifier.verify(body, header)) {
            throw forbidden();
        }
    }

    private static void requirePresent(String header) {
        if (header == null || header.isBlank()) {
            throw new ApiException(401, "signature_missing", "Die Signatur der Anfrage fehlt.");
        }
    }

    private static ApiException forbidden() {
        return new ApiException(403, "signature_invalid", "Die Signatur der Anfrage ist ungültig.");
    }
}
