package ch.opsfabric.smsreply;

import ch.opsfabric.app.Priming;
import ch.opsfabric.http.ApiDispatcher;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

/** The sms-reply function: one adapter route per SMS provider, one reply use-case behind them. */
public final class SmsReplyHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private final ApiDispatcher dispatcher;
    private final Priming priming;

    public SmsReplyHandler() {
        this(SmsReplyWiring.fromEnvironment());
    }

    public SmsReplyHandler(SmsReplyWiring wiring) {
        this.dispatcher = wiring.dispatcher();
        this.priming = Priming.register("sms-reply", wiring::warmUp);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return dispatcher.dispatch(event);
    }
}
