package ch.opsfabric.ticketintake;

import ch.opsfabric.http.ApiException;
import ch.opsfabric.http.ApiRequest;
import ch.opsfabric.http.ApiResponses;
import ch.opsfabric.http.ApiRoute;
import ch.opsfabric.http.RequestBody;
import ch.opsfabric.http.TicketJson;
import ch.opsfabric.intake.IntakeSubmission;
import ch.opsfabric.tenant.Tenant;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.time.Clock;

/**
 * {@code POST /api/tickets} with the staff API key: a ticket logged by hand (source
 * {@code manual}) with the wizard's fields and validation: {@code flow}, {@code phone}, the
 * flow's questions. 201 new, 200 joined today's open ticket of that number, 400 per field.
 */
final class CreateStaffTicketRoute implements ApiRoute {

    private final Clock clock;
    private final IntakeSubmission submission;
    private final StaffAuth auth;

    CreateStaffTicketRoute(Clock clock, IntakeSubmission submission, StaffAuth auth) {
        this.clock = clock;
        this.submission = submission;
        this.auth = auth;
    }

    @Override
    public APIGatewayV2HTTPResponse handle(ApiRequest request) {
        Tenant tenant = auth.tenantOf(request);
        IntakeSubmission.Result result = submission.recordManual(tenant,
                CreateTicketRoute.answers(RequestBody.jsonObject(request)), "Staff-API");
        if (result instanceof IntakeSubmission.Invalid invalid) {
            throw ApiException.validation(invalid.fieldErrors());
        }
        IntakeSubmission.Accepted accepted = (IntakeSubmission.Accepted) result;
        return ApiResponses.json(accepted.joined() ? 200 : 201, TicketJson.write(accepted.ticket(), clock.instant()));
    }
}
