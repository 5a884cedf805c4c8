package ch.opsfabric.ticketintake;

import ch.opsfabric.app.AppContext;
import ch.opsfabric.http.ApiDispatcher;
import ch.opsfabric.intake.IntakeSubmission;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Map;

/**
 * The ticket-intake function: public intake and the staff ticket API. One route class per
 * route key of template.yaml; dependencies are built once, when Lambda creates the handler.
 */
public final class TicketIntakeHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private final ApiDispatcher dispatcher;

    public TicketIntakeHandler() {
        this(AppContext.fromEnvironment());
    }

    public TicketIntakeHandler(AppContext app) {
        StaffAuth auth = new StaffAuth(app.tenants());
        this.dispatcher = new ApiDispatcher(Map.of(
                "POST /api/ticket", new CreateTicketRoute(new IntakeSubmission(app)),
                "GET /api/tickets", new ListTicketsRoute(app, auth),
                "GET /api/tickets/{id}", new GetTicketRoute(app, auth),
                "PATCH /api/tickets/{id}", new UpdateTicketRoute(app, auth)));
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return dispatcher.dispatch(event);
    }
}
