package ch.opsfabric.ticketintake;

import ch.opsfabric.http.ApiException;
import ch.opsfabric.http.ApiRequest;
import ch.opsfabric.http.ApiResponses;
import ch.opsfabric.http.ApiRoute;
import ch.opsfabric.http.RequestBody;
import ch.opsfabric.intake.IntakeSubmission;
import ch.opsfabric.json.Json;
import ch.opsfabric.ticket.Ticket;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /api/ticket}: the public intake behind the wizard's script and the website forms.
 * Cheap refusals first (type, size), then {@link IntakeSubmission}; its outcomes become 201
 * (new), 200 (joined), 202 (a bot, told nothing), 400, 404 and 429 here.
 */
final class CreateTicketRoute implements ApiRoute {

    private final IntakeSubmission submission;

    CreateTicketRoute(IntakeSubmission submission) {
        this.submission = submission;
    }

    @Override
    public APIGatewayV2HTTPResponse handle(ApiRequest request) {
        JsonNode body = RequestBody.jsonObject(request);
        IntakeSubmission.Result result = submission.submit(body.path("slug").isTextual() ? body.get("slug").asText() : null,
                answers(body), request.viewerAddress());
        if (result instanceof IntakeSubmission.RateLimited) {
            throw new ApiException(429, "rate_limited", "Zu viele Anfragen. Bitte versuchen Sie es in einer Minute erneut.");
        }
        if (result instanceof IntakeSubmission.UnknownTenant) {
            throw ApiException.notFound("Diesen Betrieb gibt es nicht.");
        }
        if (result instanceof IntakeSubmission.Invalid invalid) {
            throw ApiException.validation(invalid.fieldErrors());
        }
        if (!(result instanceof IntakeSubmission.Accepted accepted)) {
            // a bot trap: answered like a success, nothing was stored
            return ApiResponses.json(202, Json.object().put("status", "received"));
        }
        Ticket ticket = accepted.ticket();
        return ApiResponses.json(accepted.joined() ? 200 : 201, Json.object()
                .put("ticketId", ticket.id())
                .put("reference", ticket.reference())
                .put("joined", accepted.joined())
                .put("status", ticket.status().name())
                .put("urgency", ticket.urgency().name())
                .put("slaDueAt", ticket.slaDueAt().toString())
                .put("smsConfirmation", accepted.smsConfirmation()));
    }

    /**
     * The JSON body as the form's answers: text, numbers and booleans as text; an object or a
     * list (no form field is one) as null, which validation refuses for that field.
     */
    static Map<String, String> answers(JsonNode body) {
        Map<String, String> answers = new LinkedHashMap<>();
        body.fields().forEachRemaining(e -> {
            JsonNode value = e.getValue();
            if (!e.getKey().equals("slug") && !value.isNull()) {
                answers.put(e.getKey(), value.isValueNode() ? value.asText() : null);
            }
        });
        return answers;
    }
}
