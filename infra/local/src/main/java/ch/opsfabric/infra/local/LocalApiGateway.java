package ch.opsfabric.infra.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A local API Gateway HTTP API: matches method and path against the routes of template.yaml
 * and invokes the function (its own process, see {@link FunctionProcess}) with the payload-2.0
 * event JSON (header names lower-cased,
 * non-text bodies base64-encoded, path and query parameters decoded), then writes its response.
 * {@code /_local/...} goes to the dev routes, which the template never has.
 *
 * <p>It listens twice, as a deployment is reached twice: its main port plays the CloudFront
 * distribution in front of the API (it adds the origin's custom headers of template.yaml,
 * replacing a viewer's own, and {@code cloudfront-viewer-address}), and a second port is the
 * execute-api host itself, where nothing is added, so tests can show that a request that
 * bypasses the CDN is refused.
 */
final class LocalApiGateway implements AutoCloseable {


    private static final ObjectMapper JSON = new ObjectMapper();
    /** API Gateway's own payload limit. */
    static final int MAX_BODY = 10 * 1024 * 1024;
    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    interface DevRoutes {
        /** @return the response, or empty when the path is not a dev route */
        Optional<LocalFunctions.HttpResult> handle(String method, String path, String body);
    }

    private record CompiledRoute(LocalFunctions.HttpRoute route, String[] segments, int literals) {
    }

    private final LocalFunctions.HttpRoute fallback;
    private final HttpServer server;
    private final HttpServer direct;
    private final Map<String, String> originHeaders;
    private final ExecutorService executor;
    private final List<CompiledRoute> routes = new ArrayList<>();
    private final DevRoutes devRoutes;
    private final SigV4Verifier operators;

    /**
     * @param operators     checks the SigV4 signature of requests to AWS_IAM routes, as API Gateway does
     * @param originHeaders what the distribution's origin adds to every request (template.yaml, resolved)
     */
    LocalApiGateway(int port, int directPort, List<LocalFunctions.HttpRoute> httpRoutes, DevRoutes devRoutes,
                    SigV4Verifier operators, Map<String, String> originHeaders) throws IOException {
        this.operators = operators;
        Map<String, String> lower = new LinkedHashMap<>();
        originHeaders.forEach((name, value) -> lower.put(name.toLowerCase(Locale.ROOT), value));
        this.originHeaders = Map.copyOf(lower);
        LocalFunctions.HttpRoute defaultRoute = null;
        for (LocalFunctions.HttpRoute r : httpRoutes) {
            if (r.path().equals("$default")) {
                defaultRoute = r;
                continue;
            }
            String[] segments = r.path().substring(1).split("/", -1);
            int literals = 0;
            for (String s : segments) {
                literals += s.startsWith("{") ? 0 : 1;
            }
            routes.add(new CompiledRoute(r, segments, literals));
        }
        // API Gateway prefers the most specific route: more literal segments first
        routes.sort(Comparator.comparingInt((CompiledRoute c) -> -c.literals()));
        this.fallback = defaultRoute;
        this.devRoutes = devRoutes;
        this.server = HttpServers.bind(port, 128);
        this.executor = Executors.newFixedThreadPool(16);
        server.setExecutor(executor);
        server.createContext("/", exchange -> serve(exchange, true));
        this.direct = HttpServers.bind(directPort, 128);
        direct.setExecutor(executor);
        direct.createContext("/", exchange -> serve(exchange, false));
    }

    void start() {
        server.start();
        direct.start();
    }

    /** The execute-api host: the same routes without the CDN's headers. */
    int directPort() {
        return direct.getAddress().getPort();
    }

    int port() {
        return server.getAddress().getPort();
    }

    private void serve(HttpExchange exchange, boolean viaCdn) throws IOException {
        try (exchange) {
            byte[] body = readBody(exchange.getRequestBody());
            if (body == null) {
                send(exchange, json(413, "{\"message\":\"Request Entity Too Large\"}"));
                return;
            }
            String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            String rawPath = exchange.getRequestURI().getRawPath();
            String path = URLDecoder.decode(rawPath.replace("+", "%2B"), StandardCharsets.UTF_8);
            Optional<LocalFunctions.HttpResult> dev = devRoutes.handle(method, path,
                    new String(body, StandardCharsets.UTF_8));
            if (dev.isPresent()) {
                send(exchange, dev.get());
                return;
            }
            for (CompiledRoute route : routes) {
                if (!route.route().method().equals(method) && !route.route().method().equals("ANY")) {
                    continue;
                }
                Map<String, String> params = match(route.segments(), rawPath);
                if (params != null) {
                    SigV4Verifier.Caller caller = null;
                    if (route.route().iam()) {
                        SigV4Verifier.Result verified = operators.verify(method, rawPath,
                                exchange.getRequestURI().getRawQuery(), lowerCaseHeaders(exchange), body);
                        if (verified.caller().isEmpty()) {
                            // API Gateway's answer: the function is never invoked
                            send(exchange, json(403, JSON.createObjectNode().put("message", verified.refusal()).toString()));
                            return;
                        }
                        caller = verified.caller().get();
                    }
                    byte[] event = event(exchange, route.route(), rawPath, params, body, caller, viaCdn);
                    answeredBy(exchange, route.route());
                    send(exchange, route.route().function().invokeHttp(event));
                    return;
                }
            }
            if (fallback != null) {
                // API Gateway's $default route: whatever no other route matched
                answeredBy(exchange, fallback);
                send(exchange, fallback.function().invokeHttp(event(exchange, fallback, rawPath, Map.of(), body, null, viaCdn)));
                return;
            }
            send(exchange, json(404, "{\"message\":\"Not Found\"}"));
        } catch (RuntimeException e) {
            // what API Gateway answers when the integration fails
            System.err.println("local gateway: handler failed: " + e);
            send(exchange, LocalFunctions.HttpResult.internalError());
        }
    }

    /** Local only: which function of template.yaml answered, so tests can check the route table. */
    private static void answeredBy(HttpExchange exchange, LocalFunctions.HttpRoute route) {
        exchange.getResponseHeaders().add("x-local-function", route.function().logicalId());
    }

    private static byte[] readBody(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_BODY + 1);
        return bytes.length > MAX_BODY ? null : bytes;
    }

    private static Map<String, String> lowerCaseHeaders(HttpExchange exchange) {
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
        return headers;
    }

    private static Map<String, String> match(String[] template, String rawPath) {
        String[] actual = rawPath.substring(1).split("/", -1);
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < template.length; i++) {
            String t = template[i];
            if (t.endsWith("+}")) {
                if (i >= actual.length) {
                    return null;
                }
                params.put(t.substring(1, t.length() - 2), decode(String.join("/",
                        java.util.Arrays.copyOfRange(actual, i, actual.length))));
                return params;
            }
            if (i >= actual.length) {
                return null;
            }
            if (t.startsWith("{")) {
                if (actual[i].isEmpty()) {
                    return null;
                }
                params.put(t.substring(1, t.length() - 1), decode(actual[i]));
            } else if (!t.equals(actual[i])) {
                return null;
            }
        }
        return actual.length == template.length ? params : null;
    }

    private static String decode(String value) {
        return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** The payload-2.0 event API Gateway sends, as JSON, field for field. */
    private byte[] event(HttpExchange exchange, LocalFunctions.HttpRoute route, String rawPath,
                         Map<String, String> pathParams, byte[] body, SigV4Verifier.Caller caller, boolean viaCdn) {
        ObjectNode event = JSON.createObjectNode();
        event.put("version", "2.0");
        String routeKey = route.path().equals("$default") ? "$default" : route.routeKey();
        event.put("routeKey", routeKey);
        event.put("rawPath", rawPath);
        String rawQuery = Optional.ofNullable(exchange.getRequestURI().getRawQuery()).orElse("");
        event.put("rawQueryString", rawQuery);
        Map<String, String> headers = new LinkedHashMap<>();
        List<String> cookies = new ArrayList<>();
        exchange.getRequestHeaders().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals("cookie")) {
                values.forEach(v -> cookies.addAll(List.of(v.split(";\\s*"))));
            } else {
                headers.put(lower, String.join(",", values));
            }
        });
        if (viaCdn) {
            // CloudFront replaces what a viewer sent under these names
            headers.putAll(originHeaders);
            var viewer = exchange.getRemoteAddress();
            headers.put("cloudfront-viewer-address", viewer.getAddress().getHostAddress() + ":" + viewer.getPort());
        }
        if (!cookies.isEmpty()) {
            ArrayNode list = event.putArray("cookies");
            cookies.forEach(list::add);
        }
        ObjectNode headerNode = event.putObject("headers");
        headers.forEach(headerNode::put);
        if (!rawQuery.isEmpty()) {
            Map<String, String> query = new LinkedHashMap<>();
            for (String pair : rawQuery.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                // API Gateway joins repeated parameters with commas
                query.merge(key, value, (a, b) -> a + "," + b);
            }
            ObjectNode queryNode = event.putObject("queryStringParameters");
            query.forEach(queryNode::put);
        }
        ObjectNode context = event.putObject("requestContext");
        context.put("accountId", "000000000000");
        context.put("apiId", "local");
        context.put("domainName", headers.getOrDefault("host", "localhost"));
        context.put("domainPrefix", headers.getOrDefault("host", "localhost").split("[.:]")[0]);
        ObjectNode http = context.putObject("http");
        http.put("method", exchange.getRequestMethod().toUpperCase(Locale.ROOT));
        http.put("path", rawPath);
        http.put("protocol", exchange.getProtocol());
        http.put("sourceIp", exchange.getRemoteAddress().getAddress().getHostAddress());
        http.put("userAgent", headers.getOrDefault("user-agent", ""));
        if (caller != null) {
            ObjectNode iam = context.putObject("authorizer").putObject("iam");
            iam.put("accessKey", caller.accessKey());
            iam.put("accountId", caller.accountId());
            iam.put("callerId", caller.userId());
            iam.putNull("cognitoIdentity");
            iam.putNull("principalOrgId");
            iam.put("userArn", caller.userArn());
            iam.put("userId", caller.userId());
        }
        context.put("requestId", UUID.randomUUID().toString());
        context.put("routeKey", routeKey);
        context.put("stage", "$default");
        Instant now = Instant.now();
        context.put("time", REQUEST_TIME.format(now));
        context.put("timeEpoch", now.toEpochMilli());
        if (!pathParams.isEmpty()) {
            ObjectNode params = event.putObject("pathParameters");
            pathParams.forEach(params::put);
        }
        if (body.length > 0) {
            // bytes that are no UTF-8 cannot travel as a JSON string unchanged: they go base64-encoded
            // (as for a binary type), so the function sees what was sent, not replacement characters
            if (isText(headers.get("content-type")) && validUtf8(body)) {
                event.put("body", new String(body, StandardCharsets.UTF_8));
                event.put("isBase64Encoded", false);
            } else {
                event.put("body", Base64.getEncoder().encodeToString(body));
                event.put("isBase64Encoded", true);
            }
        } else {
            event.put("isBase64Encoded", false);
        }
        return event.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static boolean validUtf8(byte[] body) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(body));
            return true;
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }

    /** API Gateway passes JSON and text through as text and base64-encodes everything else. */
    private static boolean isText(String contentType) {
        if (contentType == null) {
            return true;
        }
        String type = contentType.toLowerCase(Locale.ROOT);
        return type.startsWith("application/json") || type.startsWith("text/") || type.contains("+json");
    }

    static LocalFunctions.HttpResult json(int status, String body) {
        return LocalFunctions.HttpResult.json(status, body);
    }

    private static void send(HttpExchange exchange, LocalFunctions.HttpResult response) throws IOException {
        response.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        response.cookies().forEach(c -> exchange.getResponseHeaders().add("set-cookie", c));
        byte[] bytes = response.body();
        boolean noBody = bytes.length == 0 || response.status() == 304 || response.status() == 204
                || "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(response.status(), noBody ? -1 : bytes.length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        direct.stop(0);
        server.stop(0);
        executor.shutdownNow();
    }
}
