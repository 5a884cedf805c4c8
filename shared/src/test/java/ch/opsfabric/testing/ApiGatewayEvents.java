package ch.opsfabric.testing;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/** API Gateway HTTP API (payload 2.0) events for handler tests: from fixture files or built in place. */
public final class ApiGatewayEvents {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private ApiGatewayEvents() {
    }

    /** Reads {@code /events/<name>} from the test classpath. */
    public static APIGatewayV2HTTPEvent fixture(String name) {
        try (InputStream in = ApiGatewayEvents.class.getResourceAsStream("/events/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture /events/" + name);
            }
            return MAPPER.readValue(in, APIGatewayV2HTTPEvent.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static APIGatewayV2HTTPEvent request(String method, String routePath, String rawPath,
                                               Map<String, String> headers, String body) {
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setVersion("2.0");
        event.setRouteKey(method + " " + routePath);
        event.setRawPath(rawPath);
        event.setRawQueryString("");
        Map<String, String> lower = new HashMap<>();
        headers.forEach((k, v) -> lower.put(k.toLowerCase(java.util.Locale.ROOT), v));
        event.setHeaders(lower);
        event.setBody(body);
        event.setIsBase64Encoded(false);
        APIGatewayV2HTTPEvent.RequestContext context = new APIGatewayV2HTTPEvent.RequestContext();
        APIGatewayV2HTTPEvent.RequestContext.Http http = new APIGatewayV2HTTPEvent.RequestContext.Http();
        http.setMethod(method);
        http.setPath(rawPath);
        http.setSourceIp("198.51.100.7");
        context.setHttp(http);
        context.setRequestId("test-" + System.nanoTime());
        context.setRouteKey(event.getRouteKey());
        event.setRequestContext(context);
        return event;
    }
}
