package ch.opsfabric.reviewcron;

import ch.opsfabric.app.Priming;
import ch.opsfabric.crypto.Hashes;
import ch.opsfabric.json.Json;
import ch.opsfabric.log.Log;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The review engine's trigger, for two callers with one handler: EventBridge Scheduler every
 * 15 minutes (the event is the schedule's input, no envelope) and
 * {@code POST /api/cron/review-request} with {@code Authorization: Bearer <cron secret>} (an API
 * Gateway payload-2.0 event). Both arrive as plain maps, so neither needs a typed event class.
 */
public final class ReviewCronHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private final ReviewRequests reviews;
    private final String cronSecret;
    private final Priming priming;

    public ReviewCronHandler() {
        this(ReviewCronWiring.fromEnvironment());
    }

    public ReviewCronHandler(ReviewCronWiring wiring) {
        this.reviews = wiring.reviews();
        this.cronSecret = wiring.cronSecret();
        this.priming = Priming.register("review-cron", wiring::warmUp);
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        if (event != null && event.containsKey("requestContext") && event.containsKey("routeKey")) {
            return http(event);
        }
        return summary(reviews.run());
    }

    private Map<String, Object> http(Map<String, Object> event) {
        if (!"POST /api/cron/review-request".equals(event.get("routeKey"))) {
            return error(404, "not_found", "Diese Adresse gibt es nicht.");
        }
        String expected = cronSecret;
        String header = header(event, "authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return error(401, "unauthorized", "Bearer-Token fehlt.");
        }
        if (expected == null || !Hashes.constantTimeEquals(expected, header.substring(7).strip())) {
            Log.warn("review.cron_forbidden", Map.of());
            return error(403, "forbidden", "Ungültiges Token.");
        }
        ReviewRequests.Result result = reviews.run();
        ObjectNode body = Json.object().put("due", result.due()).put("sent", result.sent()).put("skipped", result.skipped())
                .put("waiting", result.waiting()).put("claimedElsewhere", result.claimedElsewhere())
                .put("failed", result.failed());
        return response(200, Json.write(body));
    }

    @SuppressWarnings("unchecked")
    private static String header(Map<String, Object> event, String name) {
        Object headers = event.get("headers");
        if (!(headers instanceof Map<?, ?> map)) {
            return null;
        }
        for (Map.Entry<String, Object> e : ((Map<String, Object>) map).entrySet()) {
            if (e.getKey().toLowerCase(Locale.ROOT).equals(name)) {
                return String.valueOf(e.getValue());
            }
        }
        return null;
    }

    private static Map<String, Object> error(int status, String code, String message) {
        return response(status, Json.write(Json.object().put("error", code).put("message", message)));
    }

    private static Map<String, Object> response(int status, String json) {
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("statusCode", status);
        response.put("headers", Map.of("content-type", "application/json; charset=utf-8", "cache-control", "no-store"));
        response.put("body", json);
        response.put("isBase64Encoded", false);
        return response;
    }

    private static Map<String, Object> summary(ReviewRequests.Result result) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("due", result.due());
        summary.put("sent", result.sent());
        summary.put("skipped", result.skipped());
        summary.put("waiting", result.waiting());
        summary.put("claimedElsewhere", result.claimedElsewhere());
        summary.put("failed", result.failed());
        summary.put("readUnits", result.readUnits());
        return summary;
    }
}
