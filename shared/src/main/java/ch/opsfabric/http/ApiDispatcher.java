package ch.opsfabric.http;

import ch.opsfabric.log.Log;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Routes an API Gateway event to the route registered under its route key and turns every
 * failure into a JSON answer: {@link ApiException} as it says, an unavailable AWS dependency as
 * 503 (so providers retry), anything else as 500 without internals. Clients never see a stack trace.
 */
public final class ApiDispatcher {

    /** How a failure is answered: JSON for APIs, a friendly page for websites. */
    @FunctionalInterface
    public interface Failures {
        APIGatewayV2HTTPResponse answer(ApiRequest request, ApiException failure);
    }

    private final Map<String, ApiRoute> routes;
    private final Failures failures;
    private final OriginGuard origin;

    public ApiDispatcher(Map<String, ApiRoute> routes, OriginGuard origin) {
        this(routes, (request, failure) -> ApiResponses.error(failure), origin);
    }

    /**
     * @param routes by route key; {@code "$default"} answers whatever no other key names
     * @param origin checked before any route: only requests through the CDN reach one
     */
    public ApiDispatcher(Map<String, ApiRoute> routes, Failures failures, OriginGuard origin) {
        this.routes = Map.copyOf(routes);
        this.failures = failures;
        this.origin = origin;
    }

    /** A stream handler's whole request: the event JSON in, the response JSON out ({@link ApiEvents}). */
    public void handle(InputStream input, OutputStream output) throws IOException {
        ApiEvents.write(dispatch(ApiEvents.read(input)), output);
    }

    public APIGatewayV2HTTPResponse dispatch(APIGatewayV2HTTPEvent event) {
        return dispatch(event, true);
    }

    /**
     * A request the function makes to itself while priming (before the SnapStart checkpoint): it
     * runs the route's code past the origin check, which a request made in code cannot pass honestly.
     */
    public APIGatewayV2HTTPResponse prime(APIGatewayV2HTTPEvent event) {
        return dispatch(event, false);
    }

    private APIGatewayV2HTTPResponse dispatch(APIGatewayV2HTTPEvent event, boolean fromOutside) {
        ApiRequest request = new ApiRequest(event);
        Log.requestId(request.requestId());
        try {
            if (fromOutside) {
                origin.check(request);
            }
            ApiRoute route = routes.getOrDefault(String.valueOf(event.getRouteKey()), routes.get("$default"));
            if (route == null) {
                throw ApiException.notFound("Diese Adresse gibt es nicht.");
            }
            return route.handle(request);
        } catch (ApiException e) {
            return failures.answer(request, e);
        } catch (SdkException e) {
            Log.error("request.dependency_failed", Map.of("route", String.valueOf(event.getRouteKey())), e);
            return failures.answer(request, new ApiException(503, "temporarily_unavailable",
                    "Der Dienst ist vorübergehend nicht erreichbar. Bitte versuchen Sie es in Kürze erneut."));
        } catch (RuntimeException e) {
            Log.error("request.failed", Map.of("route", String.valueOf(event.getRouteKey())), e);
            return failures.answer(request, new ApiException(500, "internal_error",
                    "Ein unerwarteter Fehler ist aufgetreten."));
        } finally {
            Log.requestId(null);
        }
    }
}
