package ch.opsfabric.reviewcron;

import ch.opsfabric.app.Priming;
import ch.opsfabric.http.ApiDispatcher;
import ch.opsfabric.http.OriginGuard;
import ch.opsfabric.http.ApiEvents;
import ch.opsfabric.json.Json;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;

/**
 * The review engine: run by EventBridge Scheduler every 15 minutes (its event is the schedule's
 * Input) and by {@code POST /api/cron/review-request} (an API Gateway event, answered through the
 * same dispatcher as every HTTP function). A stream handler like the others: no runtime serializer.
 */
public final class ReviewCronHandler implements RequestStreamHandler {

    private final ReviewRequests reviews;
    private final StaffNoticeRun notices;
    private final ApiDispatcher dispatcher;
    private final Priming priming;

    public ReviewCronHandler() {
        this(ReviewCronWiring.fromEnvironment());
    }

    public ReviewCronHandler(ReviewCronWiring wiring) {
        this.reviews = wiring.reviews();
        this.notices = wiring.notices();
        this.dispatcher = new ApiDispatcher(Map.of("POST /api/cron/review-request",
                new CronRoute(wiring.reviews(), wiring.cronSecret())), wiring.origin());
        this.priming = Priming.register("review-cron", wiring::warmUp);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        output.write(Json.MAPPER.writeValueAsBytes(handle(Json.MAPPER.readTree(input))));
    }

    /** An HTTP request gets an HTTP answer; anything else is the schedule, answered with the run's counts. */
    JsonNode handle(JsonNode event) {
        if (ApiEvents.isHttp(event)) {
            return ApiEvents.toJson(dispatcher.dispatch(ApiEvents.read(event)));
        }
        ReviewRequests.Result result = reviews.run();
        ObjectNode summary = Json.object();
        summary.put("due", result.due());
        summary.put("sent", result.sent());
        summary.put("skipped", result.skipped());
        summary.put("waiting", result.waiting());
        summary.put("claimedElsewhere", result.claimedElsewhere());
        summary.put("failed", result.failed());
        summary.put("readUnits", result.readUnits());
        summary.put("unfinished", result.unfinished());
        // the same quarter hour tells staff what may wait: new tickets, SLAs about to be missed
        summary.put("staffNotices", notices.run());
        return summary;
    }

    /** The same for in-JVM tests, with the event and the answer as maps. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> handle(Map<String, Object> event) {
        JsonNode tree = Json.MAPPER.valueToTree(event);
        return Json.MAPPER.convertValue(handle(tree), Map.class);
    }
}
