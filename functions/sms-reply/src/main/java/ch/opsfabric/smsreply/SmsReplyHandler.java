package ch.opsfabric.smsreply;

import ch.opsfabric.app.AppContext;
import ch.opsfabric.http.ApiDispatcher;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Map;

/** The sms-reply function: one adapter route per SMS provider, one reply use-case behind them. */
public final class SmsReplyHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private final ApiDispatcher dispatcher;

    public SmsReplyHandler() {
        this(AppContext.fromEnvironment());
    }

    public SmsReplyHandler(AppContext app) {
        SmsReplyProcessing processing = new SmsReplyProcessing(app);
        EcallSmsReplyRoute ecall = new EcallSmsReplyRoute(app, processing);
        this.dispatcher = new ApiDispatcher(Map.of(
                "POST /api/webhook/sms-reply", new GenericSmsReplyRoute(app, processing),
                "POST /api/webhook/sms-reply/twilio", new TwilioSmsReplyRoute(app, processing),
                "POST /api/webhook/sms-reply/ecall/{token}", ecall,
                "GET /api/webhook/sms-reply/ecall/{token}", ecall));
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return dispatcher.dispatch(event);
    }
}
