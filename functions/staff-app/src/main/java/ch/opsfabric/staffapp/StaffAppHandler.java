package ch.opsfabric.staffapp;

import ch.opsfabric.app.Priming;
import ch.opsfabric.http.ApiDispatcher;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** The staff-app function: the pages under {@code /app/}, one route class per route key. */
public final class StaffAppHandler implements RequestStreamHandler {

    private final ApiDispatcher dispatcher;
    private final Priming priming;

    public StaffAppHandler() {
        this(StaffAppWiring.fromEnvironment());
    }

    public StaffAppHandler(StaffAppWiring wiring) {
        this.dispatcher = wiring.dispatcher();
        this.priming = Priming.register("staff-app", wiring::warmUp);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        dispatcher.handle(input, output);
    }

    /** One request as a typed event, for in-JVM tests. */
    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
        return dispatcher.dispatch(event);
    }
}
