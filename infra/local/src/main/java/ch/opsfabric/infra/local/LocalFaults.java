package ch.opsfabric.infra.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Faults between the functions' SDKs and the emulators, for tests of what the functions do when
 * AWS misbehaves: a rule picks calls by service ({@code dynamodb}, {@code sqs}) and operation
 * ({@code PutItem}, {@code SendMessage}, {@code *}), lets the first {@code skip} through and
 * spoils the next {@code times}: {@code drop} (the connection closes unanswered), {@code delay}
 * ({@code delayMillis}, then the call goes on), {@code error} (HTTP 500, the service's
 * InternalServerError / InternalFailure), {@code throttle} (DynamoDB's
 * ProvisionedThroughputExceededException, SQS's ThrottlingException) or {@code throttling}
 * (the generic ThrottlingException, for DynamoDB too). Set with {@code PUT /_local/faults},
 * cleared with {@code DELETE}, and {@code GET} lists what was injected.
 */
final class LocalFaults {

    enum Kind { DROP, DELAY, ERROR, THROTTLE, THROTTLING }

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final class Rule {
        final String service;
        final String operation;
        final Kind kind;
        final long delayMillis;
        int skip;
        int times;

        Rule(String service, String operation, Kind kind, int skip, int times, long delayMillis) {
            this.service = service;
            this.operation = operation;
            this.kind = kind;
            this.skip = skip;
            this.times = times;
            this.delayMillis = delayMillis;
        }
    }

    private final List<Rule> rules = new ArrayList<>();
    private final List<String> injected = new CopyOnWriteArrayList<>();

    /** {@code {"service","operation","fault","skip","times","delayMillis"}}, one rule or an array of them. */
    synchronized void set(JsonNode body) {
        for (JsonNode r : body.isArray() ? body : JSON.createArrayNode().add(body)) {
            String fault = r.path("fault").asText("").toUpperCase(Locale.ROOT);
            Kind kind;
            try {
                kind = Kind.valueOf(fault);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("fault must be drop, delay, error, throttle or throttling");
            }
            String service = r.path("service").asText("");
            if (!service.equals("dynamodb") && !service.equals("sqs")) {
                throw new IllegalArgumentException("service must be dynamodb or sqs");
            }
            rules.add(new Rule(service, r.path("operation").asText("*"), kind, r.path("skip").asInt(0),
                    r.path("times").asInt(Integer.MAX_VALUE), r.path("delayMillis").asLong(0)));
        }
    }

    synchronized void clear() {
        rules.clear();
    }

    String injectedJson() {
        ArrayNode list = JSON.createArrayNode();
        injected.forEach(list::add);
        return list.toString();
    }

    /**
     * Applies the first matching rule to the call.
     *
     * @return true when the call was answered (or dropped) here and must not go on
     */
    boolean intercept(String service, String target, HttpExchange exchange) throws IOException {
        String operation = target == null ? "" : target.substring(target.indexOf('.') + 1);
        Rule rule = null;
        synchronized (this) {
            for (Rule r : rules) {
                if (r.service.equals(service) && (r.operation.equals("*") || r.operation.equals(operation)) && r.times > 0) {
                    if (r.skip > 0) {
                        r.skip--;
                        return false;
                    }
                    r.times--;
                    rule = r;
                    break;
                }
            }
        }
        if (rule == null) {
            return false;
        }
        injected.add(service + " " + operation + " " + rule.kind.name().toLowerCase(Locale.ROOT));
        switch (rule.kind) {
            case DELAY -> {
                try {
                    Thread.sleep(rule.delayMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return false;
            }
            case DROP -> {
                // closing without a status line is what a connection reset looks like to the SDK
                exchange.getResponseBody().close();
                return true;
            }
            case ERROR -> answer(exchange, 500, service.equals("dynamodb")
                    ? error("com.amazonaws.dynamodb.v20120810#InternalServerError", "Internal server error (injected)")
                    : error("com.amazon.coral.service#InternalFailure", "We encountered an internal error (injected)"));
            case THROTTLE -> answer(exchange, 400, service.equals("dynamodb")
                    ? error("com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException",
                    "The level of configured provisioned throughput for the table was exceeded (injected)")
                    : error("com.amazon.coral.availability#ThrottlingException", "Rate exceeded (injected)"));
            case THROTTLING -> answer(exchange, 400, error("com.amazon.coral.availability#ThrottlingException",
                    "Rate of requests exceeds the allowed throughput (injected)"));
            default -> throw new IllegalStateException(rule.kind.name());
        }
        return true;
    }

    private static String error(String type, String message) {
        return JSON.createObjectNode().put("__type", type).put("message", message).toString();
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("content-type", "application/x-amz-json-1.0");
        exchange.getResponseHeaders().add("x-amzn-RequestId", java.util.UUID.randomUUID().toString());
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

}
