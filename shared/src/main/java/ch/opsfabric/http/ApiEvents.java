package ch.opsfabric.http;

import ch.opsfabric.json.Json;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * API Gateway's payload-2.0 JSON, read and written with our own Jackson. The HTTP functions are
 * stream handlers: the runtime's serializer would load its own copy of Jackson and its mix-ins
 * (about 700 classes) for every cold start, to fill the same fields these few lines fill.
 * Only the fields the routes read are read; the rest of the event is ignored, as the typed
 * serializer ignores unknown fields.
 */
public final class ApiEvents {

    private ApiEvents() {
    }

    /** @throws IOException when the event is not JSON: the runtime reports that as the function's error */
    public static APIGatewayV2HTTPEvent read(InputStream in) throws IOException {
        JsonNode json = Json.MAPPER.readTree(in);
        if (json == null || !json.isObject()) {
            throw new IOException("not an API Gateway event");
        }
        return read(json);
    }

    /** True when the event is an API Gateway request (a function with more triggers than HTTP asks). */
    public static boolean isHttp(JsonNode json) {
        return json != null && json.has("routeKey") && json.path("requestContext").isObject();
    }

    public static APIGatewayV2HTTPEvent read(JsonNode json) {
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setVersion(text(json, "version"));
        event.setRouteKey(text(json, "routeKey"));
        event.setRawPath(text(json, "rawPath"));
        event.setRawQueryString(text(json, "rawQueryString"));
        event.setHeaders(map(json.get("headers")));
        event.setQueryStringParameters(map(json.get("queryStringParameters")));
        event.setPathParameters(map(json.get("pathParameters")));
        JsonNode cookies = json.get("cookies");
        if (cookies != null && cookies.isArray()) {
            List<String> list = new ArrayList<>();
            cookies.forEach(c -> list.add(c.asText()));
            event.setCookies(list);
        }
        event.setBody(text(json, "body"));
        event.setIsBase64Encoded(json.path("isBase64Encoded").asBoolean(false));
        JsonNode context = json.path("requestContext");
        if (context.isObject()) {
            APIGatewayV2HTTPEvent.RequestContext requestContext = new APIGatewayV2HTTPEvent.RequestContext();
            requestContext.setRequestId(text(context, "requestId"));
            requestContext.setRouteKey(text(context, "routeKey"));
            requestContext.setStage(text(context, "stage"));
            requestContext.setDomainName(text(context, "domainName"));
            requestContext.setTimeEpoch(context.path("timeEpoch").asLong(0));
            JsonNode http = context.path("http");
            if (http.isObject()) {
                APIGatewayV2HTTPEvent.RequestContext.Http h = new APIGatewayV2HTTPEvent.RequestContext.Http();
                h.setMethod(text(http, "method"));
                h.setPath(text(http, "path"));
                h.setProtocol(text(http, "protocol"));
                h.setSourceIp(text(http, "sourceIp"));
                h.setUserAgent(text(http, "userAgent"));
                requestContext.setHttp(h);
            }
            JsonNode iam = context.path("authorizer").path("iam");
            if (iam.isObject()) {
                // what API Gateway's AWS_IAM authorization says about the verified caller
                APIGatewayV2HTTPEvent.RequestContext.IAM caller = new APIGatewayV2HTTPEvent.RequestContext.IAM();
                caller.setAccessKey(text(iam, "accessKey"));
                caller.setAccountId(text(iam, "accountId"));
                caller.setCallerId(text(iam, "callerId"));
                caller.setUserArn(text(iam, "userArn"));
                caller.setUserId(text(iam, "userId"));
                caller.setPrincipalOrgId(text(iam, "principalOrgId"));
                APIGatewayV2HTTPEvent.RequestContext.Authorizer authorizer = new APIGatewayV2HTTPEvent.RequestContext.Authorizer();
                authorizer.setIam(caller);
                requestContext.setAuthorizer(authorizer);
            }
            event.setRequestContext(requestContext);
        }
        return event;
    }

    /** The response as API Gateway reads it: status, headers, cookies, body (base64 when flagged). */
    public static void write(APIGatewayV2HTTPResponse response, OutputStream out) throws IOException {
        out.write(Json.MAPPER.writeValueAsBytes(toJson(response)));
    }

    public static ObjectNode toJson(APIGatewayV2HTTPResponse response) {
        ObjectNode json = Json.object();
        json.put("statusCode", response.getStatusCode());
        ObjectNode headers = json.putObject("headers");
        if (response.getHeaders() != null) {
            response.getHeaders().forEach(headers::put);
        }
        if (response.getMultiValueHeaders() != null && !response.getMultiValueHeaders().isEmpty()) {
            ObjectNode multi = json.putObject("multiValueHeaders");
            response.getMultiValueHeaders().forEach((name, values) -> {
                ArrayNode list = multi.putArray(name);
                values.forEach(list::add);
            });
        }
        if (response.getCookies() != null && !response.getCookies().isEmpty()) {
            ArrayNode cookies = json.putArray("cookies");
            response.getCookies().forEach(cookies::add);
        }
        if (response.getBody() != null) {
            json.put("body", response.getBody());
        }
        json.put("isBase64Encoded", response.getIsBase64Encoded());
        return json;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static Map<String, String> map(JsonNode node) {
        if (node == null || !node.isObject()) {
            return null;
        }
        Map<String, String> map = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText()));
        return map;
    }
}
