package ch.opsfabric.missedcall;

import ch.opsfabric.app.AppContext;
import ch.opsfabric.http.ApiDispatcher;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Map;

/** The missed-call function: one adapter route per telephony provider, one recovery use-case behind them. */
public final class MissedCallHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private final ApiDispatcher dispatcher;

    public MissedCallHandler() {
        this(AppContext.fromEnvironment());
    }

    public MissedCallHandler(AppContext app) {
        MissedCallRecovery recovery = new MissedCallRecovery(app);
        this.dispatcher = new ApiDispatcher(Map.of(
                "POST /api/webhook/missed-call", new GenericMissedCallRoute(app, recovery),
                "POST /api/webhook/missed-call/twilio", new TwilioMissedCallRoute(app, recovery),
                "POST /api/webhook/missed-call/sipgate", new SipgateMissedCallRoute(app, recovery)));
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return dispatcher.dispatch(event);
    }
}
