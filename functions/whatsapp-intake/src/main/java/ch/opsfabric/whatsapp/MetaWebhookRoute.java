package ch.opsfabric.whatsapp;

import ch.opsfabric.http.RequestBody;

import ch.opsfabric.crypto.Hashes;
import ch.opsfabric.http.ApiException;
import ch.opsfabric.http.ApiRequest;
import ch.opsfabric.http.ApiResponses;
import ch.opsfabric.http.ApiRoute;
import ch.opsfabric.json.Json;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HexFormat;
import java.util.List;

/**
 * {@code GET|POST /api/webhook/whatsapp/meta}, one URL for every tenant (routed by
 * {@code phone_number_id}).
 * <ul>
 *   <li>GET is Meta's subscription handshake: {@code hub.mode=subscribe} and {@code hub.verify_token}
 *       equal (constant time) to ours → 200 {@code text/plain} with {@code hub.challenge}; else 403.</li>
 *   <li>POST: {@code X-Hub-Signature-256} ({@code sha256=} hex HMAC-SHA256 of the raw body with the
 *       app secret) is checked before anything is parsed: missing 401, wrong 403, nothing stored.
 *       Then every message of the batch; answered 200 at once, files are fetched from the queue.</li>
 * </ul>
 */
final class MetaWebhookRoute implements ApiRoute {

    static final String SIGNATURE = "x-hub-signature-256";
    /** Meta batches up to a few hundred messages; their JSON stays far below this. */
    static final int MAX_BYTES = 1024 * 1024;

    private final String verifyToken;
    private final String appSecret;
    private final WhatsAppIntake intake;

    MetaWebhookRoute(String verifyToken, String appSecret, WhatsAppIntake intake) {
        this.verifyToken = verifyToken;
        this.appSecret = appSecret;
        this.intake = intake;
    }

    @Override
    public APIGatewayV2HTTPResponse handle(ApiRequest request) {
        return "GET".equals(request.method()) ? handshake(request) : notification(request);
    }

    private APIGatewayV2HTTPResponse handshake(ApiRequest request) {
        String mode = request.query("hub.mode").orElse("");
        String token = request.query("hub.verify_token").orElse("");
        String challenge = request.query("hub.challenge").orElse("");
        if (!"subscribe".equals(mode) || verifyToken == null || verifyToken.isBlank()
                || !Hashes.constantTimeEquals(verifyToken, token) || !challenge.matches("[A-Za-z0-9_-]{1,200}")) {
            throw new ApiException(403, "verify_token_invalid", "Unbekannter Zugang.");
        }
        return ApiResponses.body(200, "text/plain", challenge);
    }

    private APIGatewayV2HTTPResponse notification(ApiRequest request) {
        byte[] body = RequestBody.bytes(request, MAX_BYTES);
        String header = request.header(SIGNATURE).orElse(null);
        if (header == null) {
            throw new ApiException(401, "signature_missing", "Die Signatur fehlt.");
        }
        if (appSecret == null || appSecret.isBlank() || !Hashes.constantTimeEquals(
                "sha256=" + HexFormat.of().formatHex(Hashes.hmac("HmacSHA256", appSecret, body)), header.strip())) {
            throw new ApiException(403, "signature_invalid", "Die Signatur stimmt nicht.");
        }
        var json = RequestBody.jsonObject(request, body);
        MetaWebhook.Batch batch;
        try {
            batch = MetaWebhook.read(json);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage().length() > 120 || e.getMessage().startsWith("not valid JSON")
                    ? "Der Inhalt ist kein gültiges JSON." : e.getMessage());
        }
        List<WhatsAppIntake.Outcome> outcomes = intake.receive(batch.messages());
        int applied = intake.statuses(batch.statuses());
        ObjectNode answer = Json.object().put("messages", batch.messages().size()).put("statuses", batch.statuses().size())
                .put("statusesApplied", applied);
        long tickets = outcomes.stream().filter(o -> o instanceof WhatsAppIntake.Recorded r && !r.duplicate()).count();
        answer.put("recorded", tickets)
                .put("duplicates", outcomes.stream().filter(o -> o instanceof WhatsAppIntake.Recorded r && r.duplicate()).count())
                .put("skipped", outcomes.stream().filter(o -> o instanceof WhatsAppIntake.Skipped).count());
        return ApiResponses.json(200, answer);
    }
}
