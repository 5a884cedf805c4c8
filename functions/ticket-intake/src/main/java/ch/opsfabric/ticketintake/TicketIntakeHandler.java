package ch.opsfabric.ticketintake;

import ch.opsfabric.app.Priming;
import ch.opsfabric.http.ApiDispatcher;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The ticket-intake function: public intake and the staff ticket API. One route class per
 * route key of template.yaml; dependencies are built once, when Lambda creates the handler.
 */
public final class TicketIntakeHandler implements RequestStreamHandler {

    private final ApiDispatcher dispatcher;
    private final Priming priming;

    public TicketIntakeHandler() {
        this(TicketIntakeWiring.fromEnvironment());
    }

    public TicketIntakeHandler(TicketIntakeWiring wiring) {
        this.dispatcher = wiring.dispatcher();
        this.priming = Priming.register("ticket-intake", wiring::warmUp);
    }

    /** Lambda's entry: the event JSON in, the response JSON out. */
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        dispatcher.handle(input, output);
    }

    /** One request as a typed event, for in-JVM tests. */
    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
        return dispatcher.dispatch(event);
    }
}
