package ch.opsfabric.testing;

import ch.opsfabric.webhook.OpsFabricSignature;
import ch.opsfabric.http.SyntheticRequests;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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

    /** A generic webhook's POST with the body signed by the dev webhook secret, as a provider sends it. */
    public static APIGatewayV2HTTPEvent signedJson(String path, String body) {
        return request("POST", path, path, Map.of("content-type", "application/json",
                OpsFabricSignature.HEADER, OpsFabricSignature.sign(TestAws.DEV_SECRETS.webhookSecret(),
                        body.getBytes(java.nio.charset.StandardCharsets.UTF_8))), body);
    }

    /** The {@code outcome} a generic webhook answered with 200. */
    public static String outcome(com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse response) {
        org.junit.jupiter.api.Assertions.assertEquals(200, response.getStatusCode(), response.getBody());
        return ch.opsfabric.json.Json.parse(response.getBody()).get("outcome").asText();
    }
}
