package ch.opsfabric.webhook;

import ch.opsfabric.http.ApiException;
import ch.opsfabric.http.ApiRequest;
import java.nio.charset.Charset;

/**
 * The checks every provider webhook makes before it looks at the content: size, content type,
 * signature. Missing signature → 401, wrong signature → 403; nothing is read from storage
 * before a request is authenticated.
 */
public final class WebhookGuard {

    public static final int MAX_BYTES = 64 * 1024;

    private WebhookGuard() {
    }

    public static byte[] boundedBody(ApiRequest request) {
        byte[] body = request.bodyBytes();
        if (body.length > MAX_BYTES) {
            throw new ApiException(413, "payload_too_large", "Die Anfrage ist zu gross (höchstens 64 KB).");
        }
        return body;
    }

    public static void requireMediaType(ApiRequest request, String mediaType) {
        if (!mediaType.equals(request.mediaType())) {
            throw new ApiException(415, "unsupported_media_type", "Erwartet wird " + mediaType + ".");
        }
    }

    /** A form body (size and type checked) decoded in {@code charset}. */
    public static FormBody form(ApiRequest request, Charset charset) {
        byte[] body = boundedBody(request);
        requireMediaType(request, "application/x-www-form-urlencoded");
        try {
            // the raw bytes are ASCII (percent-encoded); the charset applies to what the escapes mean
            return FormBody.parse(new String(body, java.nio.charset.StandardCharsets.ISO_8859_1), charset);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("Der Formularinhalt ist nicht lesbar.");
        }
    }

    /** A JSON object body of our generic webhooks: size, signature, then type and syntax. */
    public static com.fasterxml.jackson.databind.JsonNode signedJson(ApiRequest request, String secret) {
        byte[] body = boundedBody(request);
        requireOpsFabricSignature(request, secret, body);
        requireMediaType(request, "application/json");
        com.fasterxml.jackson.databind.JsonNode json;
        try {
            json = ch.opsfabric.json.Json.parse(new String(body, java.nio.charset.StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("Der Inhalt ist kein gültiges JSON.");
        }
        if (!json.isObject()) {
            throw ApiException.badRequest("Erwartet wird ein JSON-Objekt.");
        }
        return json;
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
