package ch.opsfabric.http;

import ch.opsfabric.log.Log;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Routes an API Gateway event to the route registered under its route key and turns every
 * failure into a JSON answer: {@link ApiException} as it says, an unavailable AWS dependency as
 * 503 (so providers retry), anything else as 500 without internals. Clients never see a stack trace.
 */
public final class ApiDispatcher {

    private final Map<String, ApiRoute> routes;

    public ApiDispatcher(Map<String, ApiRoute> routes) {
        this.routes = Map.copyOf(routes);
    }

    public APIGatewayV2HTTPResponse dispatch(APIGatewayV2HTTPEvent event) {
        ApiRequest request = new ApiRequest(event);
        Log.requestId(request.requestId());
        try {
            ApiRoute route = routes.get(event.getRouteKey());
            if (route == null) {
                throw ApiException.notFound("Diese Adresse gibt es nicht.");
            }
            return route.handle(request);
        } catch (ApiException e) {
            return ApiResponses.error(e);
        } catch (SdkException e) {
            Log.error("request.dependency_failed", Map.of("route", String.valueOf(event.getRouteKey())), e);
            return ApiResponses.error(new ApiException(503, "temporarily_unavailable",
                    "Der Dienst ist vorübergehend nicht erreichbar. Bitte versuchen Sie es in Kürze erneut."));
        } catch (RuntimeException e) {
            Log.error("request.failed", Map.of("route", String.valueOf(event.getRouteKey())), e);
            return ApiResponses.error(new ApiException(500, "internal_error",
                    "Ein unerwarteter Fehler ist aufgetreten."));
        } finally {
            Log.requestId(null);
        }
    }
}
