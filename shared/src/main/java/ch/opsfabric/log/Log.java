package ch.opsfabric.log;

import ch.opsfabric.json.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Map;

/**
 * Structured logs: one JSON object per line on stdout (CloudWatch keeps each as one event).
 * Callers pass masked phone numbers and never secrets; exceptions are logged by class and
 * message, never echoed to a client.
 */
public final class Log {

    private static final ThreadLocal<String> REQUEST_ID = new ThreadLocal<>();

    private Log() {
    }

    public static void requestId(String id) {
        if (id == null) {
            REQUEST_ID.remove();
        } else {
            REQUEST_ID.set(id);
        }
    }

    public static void info(String event, Map<String, ?> fields) {
        write("INFO", event, fields, null);
    }

    public static void warn(String event, Map<String, ?> fields) {
        write("WARN", event, fields, null);
    }

    public static void error(String event, Map<String, ?> fields, Throwable error) {
        write("ERROR", event, fields, error);
    }

    private static void write(String level, String event, Map<String, ?> fields, Throwable error) {
        ObjectNode line = Json.object()
                .put("ts", Instant.now().toString())
                .put("level", level)
                .put("event", event);
        String requestId = REQUEST_ID.get();
        if (requestId != null) {
            line.put("requestId", requestId);
        }
        fields.forEach((k, v) -> line.put(k, String.valueOf(v)));
        if (error != null) {
            line.put("error", error.getClass().getName());
            line.put("errorMessage", String.valueOf(error.getMessage()));
        }
        System.out.println(Json.write(line));
    }
}
