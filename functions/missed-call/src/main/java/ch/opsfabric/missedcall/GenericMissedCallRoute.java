package ch.opsfabric.missedcall;

import ch.opsfabric.app.Settings;
import ch.opsfabric.http.ApiException;
import ch.opsfabric.http.ApiRequest;
import ch.opsfabric.http.ApiResponses;
import ch.opsfabric.http.ApiRoute;
import ch.opsfabric.json.Json;
import ch.opsfabric.webhook.WebhookGuard;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /api/webhook/missed-call}: {@code {"from","to","callId","at"}} from any telephony
 * that can sign a JSON body with our HMAC ({@code X-OpsFabric-Signature: sha256=<hex>}).
 */
final class GenericMissedCallRoute implements ApiRoute {

    private final Settings settings;
    private final MissedCallRecovery recovery;

    GenericMissedCallRoute(Settings settings, MissedCallRecovery recovery) {
        this.settings = settings;
        this.recovery = recovery;
    }

    @Override
    public APIGatewayV2HTTPResponse handle(ApiRequest request) {
        JsonNode json = WebhookGuard.signedJson(request, settings.secrets().webhookSecret());
        Map<String, String> errors = new LinkedHashMap<>();
        String from = text(json, "from", errors, 40);
        String to = text(json, "to", errors, 40);
        String callId = text(json, "callId", errors, 128);
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        MissedCallRecovery.Result result = known(recovery.handle(new MissedCall("generic", callId, from, to, true)));
        return ApiResponses.json(200, resultJson(result));
    }

    /** A line no tenant has (or whose tenant has the module off) is a 404 for every provider. */
    static MissedCallRecovery.Result known(MissedCallRecovery.Result result) {
        if (result.outcome() == MissedCallRecovery.Outcome.UNKNOWN_LINE) {
            throw ApiException.notFound("Diese Rufnummer ist keinem Betrieb zugeordnet.");
        }
        return result;
    }

    static ObjectNode resultJson(MissedCallRecovery.Result result) {
        ObjectNode node = Json.object().put("outcome", result.outcome().name().toLowerCase(java.util.Locale.ROOT));
        if (result.ticketId() != null) {
            node.put("ticketId", result.ticketId()).put("reference", result.reference());
        }
        return node;
    }

    /** {@code from} may be empty or "anonymous" (withheld); it must be there as text. */
    private static String text(JsonNode json, String field, Map<String, String> errors, int max) {
        JsonNode node = json.path(field);
        if (!node.isTextual() || ("callId".equals(field) || "to".equals(field)) && node.asText().isBlank()) {
            errors.put(field, "Pflichtfeld fehlt.");
            return null;
        }
        if (node.asText().length() > max) {
            errors.put(field, "Zu lang.");
            return null;
        }
        return node.asText();
    }
}
