package ch.opsfabric.infra.local.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/** A handler whose construction fails, as one with a missing environment variable would. */
public final class FailingInitHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    public FailingInitHandler() {
        throw new IllegalStateException("environment variable TABLE_NAME is not set");
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        return event;
    }
}
