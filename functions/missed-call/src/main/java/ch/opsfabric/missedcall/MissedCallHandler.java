package ch.opsfabric.missedcall;

import ch.opsfabric.app.Priming;
import ch.opsfabric.http.ApiDispatcher;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

/** The missed-call function: one adapter route per telephony provider, one recovery use-case behind them. */
public final class MissedCallHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private final ApiDispatcher dispatcher;
    private final Priming priming;

    public MissedCallHandler() {
        this(MissedCallWiring.fromEnvironment());
    }

    public MissedCallHandler(MissedCallWiring wiring) {
        this.dispatcher = wiring.dispatcher();
        this.priming = Priming.register("missed-call", wiring::warmUp);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return dispatcher.dispatch(event);
    }
}
