package ch.opsfabric.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** API Gateway payload-2.0 events made in code: for priming a function's routes and for tests. */
public final class SyntheticRequests {

    private SyntheticRequests() {
    }

    public static APIGatewayV2HTTPEvent request(String method, String routePath, String rawPath,
                                               Map<String, String> headers, String body) {
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setVersion("2.0");
        event.setRouteKey(method + " " + routePath);
        event.setRawPath(rawPath);
        event.setRawQueryString("");
        Map<String, String> lower = new HashMap<>();
        headers.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
        event.setHeaders(lower);
        event.setBody(body);
        event.setIsBase64Encoded(false);
        APIGatewayV2HTTPEvent.RequestContext context = new APIGatewayV2HTTPEvent.RequestContext();
        APIGatewayV2HTTPEvent.RequestContext.Http http = new APIGatewayV2HTTPEvent.RequestContext.Http();
        http.setMethod(method);
        http.setPath(rawPath);
        http.setSourceIp("198.51.100.7");
        context.setHttp(http);
        context.setRequestId("synthetic-" + System.nanoTime());
        context.setRouteKey(event.getRouteKey());
        event.setRequestContext(context);
        return event;
    }
}
