package ch.opsfabric.emailintake;

import ch.opsfabric.app.Priming;
import ch.opsfabric.http.ApiDispatcher;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** The e-mail intake function: Postmark's inbound webhook in front of one {@link EmailIntake}. */
public final class EmailIntakeHandler implements RequestStreamHandler {

    private final ApiDispatcher dispatcher;
    private final Priming priming;

    public EmailIntakeHandler() {
        this(EmailIntakeWiring.fromEnvironment());
    }

    public EmailIntakeHandler(EmailIntakeWiring wiring) {
        this.dispatcher = wiring.dispatcher();
        this.priming = Priming.register("email-intake", wiring::warmUp);
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
