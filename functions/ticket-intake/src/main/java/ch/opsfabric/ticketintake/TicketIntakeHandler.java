package ch.opsfabric.ticketintake;

import ch.opsfabric.app.Priming;
import ch.opsfabric.http.ApiDispatcher;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

/**
 * The ticket-intake function: public intake and the staff ticket API. One route class per
 * route key of template.yaml; dependencies are built once, when Lambda creates the handler.
 */
public final class TicketIntakeHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private final ApiDispatcher dispatcher;
    private final Priming priming;

    public TicketIntakeHandler() {
        this(TicketIntakeWiring.fromEnvironment());
    }

    public TicketIntakeHandler(TicketIntakeWiring wiring) {
        this.dispatcher = wiring.dispatcher();
        this.priming = Priming.register("ticket-intake", wiring::warmUp);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return dispatcher.dispatch(event);
    }
}
