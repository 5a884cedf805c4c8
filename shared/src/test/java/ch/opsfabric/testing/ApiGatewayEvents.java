package ch.opsfabric.testing;

import ch.opsfabric.http.SyntheticRequests;
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
        APIGatewayV2HTTPEvent event = SyntheticRequests.request(method, routePath, rawPath, headers, body);
        event.getRequestContext().setRequestId("test-" + System.nanoTime());
        return event;
    }
}
