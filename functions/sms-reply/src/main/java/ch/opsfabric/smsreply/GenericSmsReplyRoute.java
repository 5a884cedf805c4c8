package ch.opsfabric.smsreply;

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
import java.util.Locale;
import java.util.Map;

/** {@code POST /api/webhook/sms-reply}: {@code {"from","to","text","messageId","at"}}, HMAC-signed. */
final class GenericSmsReplyRoute implements ApiRoute {

    static final int MAX_TEXT = 1600;

    private final Settings settings;
    private final SmsReplyProcessing processing;

    GenericSmsReplyRoute(Settings settings, SmsReplyProcessing processing) {
        this.settings = settings;
        this.processing = processing;
    }

    @Override
    public APIGatewayV2HTTPResponse handle(ApiRequest request) {
        JsonNode json = WebhookGuard.signedJson(request, settings.secrets().webhookSecret());
        Map<String, String> errors = new LinkedHashMap<>();
        for (String field : new String[] {"from", "to", "messageId"}) {
            if (!json.path(field).isTextual() || json.path(field).asText().isBlank() || json.path(field).asText().length() > 128) {
                errors.put(field, "Pflichtfeld fehlt.");
            }
        }
        if (!json.path("text").isTextual() || json.path("text").asText().length() > MAX_TEXT) {
            errors.put("text", "Der Text fehlt oder ist zu lang.");
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        SmsReplyProcessing.Result result = answerable(processing.handle(new InboundSms("generic", json.get("messageId").asText(),
                json.get("from").asText(), json.get("to").asText(), json.get("text").asText())));
        return ApiResponses.json(200, resultJson(result));
    }

    /** What every provider's route answers for a line no tenant has, or a sender that is no number. */
    static SmsReplyProcessing.Result answerable(SmsReplyProcessing.Result result) {
        return switch (result.outcome()) {
            case UNKNOWN_LINE -> throw ApiException.notFound("Diese Rufnummer ist keinem Betrieb zugeordnet.");
            case INVALID_SENDER -> throw ApiException.badRequest("Der Absender ist keine gültige Telefonnummer.");
            default -> result;
        };
    }

    static ObjectNode resultJson(SmsReplyProcessing.Result result) {
        ObjectNode node = Json.object().put("outcome", result.outcome().name().toLowerCase(Locale.ROOT));
        if (result.ticketId() != null) {
            node.put("ticketId", result.ticketId());
        }
        return node;
    }
}
