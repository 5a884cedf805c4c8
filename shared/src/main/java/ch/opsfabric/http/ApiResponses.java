package ch.opsfabric.http;

import ch.opsfabric.json.Json;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;

/** JSON responses; API answers are never cached. */
public final class ApiResponses {

    private ApiResponses() {
    }

    public static APIGatewayV2HTTPResponse json(int status, JsonNode body) {
        return json(status, body, Map.of());
    }

    public static APIGatewayV2HTTPResponse json(int status, JsonNode body, Map<String, String> extraHeaders) {
        Map<String, String> headers = new HashMap<>(extraHeaders);
        headers.put("content-type", "application/json; charset=utf-8");
        headers.put("cache-control", "no-store");
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(status)
                .withHeaders(headers)
                .withBody(Json.write(body))
                .build();
    }

    /** A provider's answer in its own format (TwiML, sipgate XML, eCall's plain "OK"): never cached. */
    public static APIGatewayV2HTTPResponse body(int status, String contentType, String body) {
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(status)
                .withHeaders(Map.of("content-type", contentType + "; charset=utf-8", "cache-control", "no-store"))
                .withBody(body)
                .build();
    }

    /** Twilio's TwiML. */
    public static APIGatewayV2HTTPResponse twiml(String xml) {
        return body(200, "text/xml", xml);
    }

    /** {@code {"error": code, "message": text[, "errors": {field: message}]}} */
    public static APIGatewayV2HTTPResponse error(ApiException e) {
        ObjectNode body = Json.object().put("error", e.code()).put("message", e.getMessage());
        if (!e.fieldErrors().isEmpty()) {
            ObjectNode errors = body.putObject("errors");
            e.fieldErrors().forEach(errors::put);
        }
        Map<String, String> headers = e.status() == 401 ? Map.of("www-authenticate", "Bearer") : Map.of();
        return json(e.status(), body, headers);
    }
}
