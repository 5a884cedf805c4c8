package ch.opsfabric.ticketintake;

import ch.opsfabric.http.ApiRequest;
import ch.opsfabric.http.ApiResponses;
import ch.opsfabric.http.ApiRoute;
import ch.opsfabric.http.JsonBody;
import ch.opsfabric.intake.IntakeSubmission;
import ch.opsfabric.json.Json;
import ch.opsfabric.ticket.Ticket;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

/**
 * {@code POST /api/ticket}: the public intake behind the wizard's script and the website forms.
 * Cheap refusals first (type, size), then {@link IntakeSubmission}.
 */
final class CreateTicketRoute implements ApiRoute {

    private final IntakeSubmission submission;

    CreateTicketRoute(IntakeSubmission submission) {
        this.submission = submission;
    }

    @Override
    public APIGatewayV2HTTPResponse handle(ApiRequest request) {
        IntakeSubmission.Result result = submission.submit(JsonBody.requireObject(request), request.sourceIp());
        if (!(result instanceof IntakeSubmission.Accepted accepted)) {
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
}
