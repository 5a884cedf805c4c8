package ch.opsfabric.reviewcron;

import ch.opsfabric.crypto.Hashes;
import ch.opsfabric.http.ApiException;
import ch.opsfabric.http.ApiRequest;
import ch.opsfabric.http.ApiResponses;
import ch.opsfabric.http.ApiRoute;
import ch.opsfabric.json.Json;
import ch.opsfabric.log.Log;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Map;

/** {@code POST /api/cron/review-request} with the cron secret as bearer token: one run, its counts as JSON. */
final class CronRoute implements ApiRoute {

    private final ReviewRequests reviews;
    private final String cronSecret;

    CronRoute(ReviewRequests reviews, String cronSecret) {
        this.reviews = reviews;
        this.cronSecret = cronSecret;
    }

    @Override
    public APIGatewayV2HTTPResponse handle(ApiRequest request) {
        String header = request.header("authorization").orElse(null);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new ApiException(401, "unauthorized", "Bearer-Token fehlt.");
        }
        if (cronSecret == null || !Hashes.constantTimeEquals(cronSecret, header.substring(7).strip())) {
            Log.warn("review.cron_forbidden", Map.of());
            throw new ApiException(403, "forbidden", "Ungültiges Token.");
        }
        ReviewRequests.Result result = reviews.run();
        return ApiResponses.json(200, Json.object().put("due", result.due()).put("sent", result.sent())
                .put("skipped", result.skipped()).put("waiting", result.waiting())
                .put("claimedElsewhere", result.claimedElsewhere()).put("failed", result.failed()));
    }
}
