package ch.opsfabric.infra.local.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/** Sleeps for the event's {@code sleepMs}, then echoes the event: for timeouts. */
public final class SleepingHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        try {
            Thread.sleep(((Number) event.get("sleepMs")).longValue());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Map.of("slept", event.get("sleepMs"), "remainingMs", context.getRemainingTimeInMillis());
    }
}
