package ch.opsfabric.infra.local;

import ch.opsfabric.infra.emulators.SamTemplate;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The functions of template.yaml, each in its own runtime-client process from its own jar
 * ({@link FunctionProcess}), with their HTTP routes, queue sources and schedules. Nothing of a
 * function is loaded into this JVM: events go to it as JSON, answers come back as JSON.
 */
final class LocalFunctions implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What API Gateway makes of a function's answer (payload format 2.0). */
    record HttpResult(int status, Map<String, String> headers, List<String> cookies, byte[] body) {

        /** What API Gateway answers when the integration fails: no detail, no stack trace. */
        static HttpResult internalError() {
            return json(500, "{\"message\":\"Internal Server Error\"}");
        }

        static HttpResult json(int status, String body) {
            return new HttpResult(status, Map.of("content-type", "application/json; charset=utf-8"), List.of(),
                    body.getBytes(StandardCharsets.UTF_8));
        }
    }

    record Function(String logicalId, FunctionProcess process) {

        byte[] invoke(byte[] event) {
            return process.invoke(event);
        }

        /**
         * An HTTP invocation as API Gateway does it: a response with a {@code statusCode} is taken
         * field by field; any other JSON is a 200 with that JSON as body; an error is a 500.
         */
        HttpResult invokeHttp(byte[] event) {
            byte[] payload;
            try {
                payload = process.invoke(event);
            } catch (FunctionProcess.InvocationFailed e) {
                System.err.println("local gateway: " + logicalId + " failed: " + e.getMessage());
                return HttpResult.internalError();
            }
            JsonNode answer;
            try {
                answer = JSON.readTree(payload);
            } catch (java.io.IOException e) {
                System.err.println("local gateway: " + logicalId + " answered no JSON");
                return HttpResult.internalError();
            }
            if (answer == null || !answer.isObject() || !answer.has("statusCode")) {
                return new HttpResult(200, Map.of("content-type", "application/json"), List.of(), payload);
            }
            Map<String, String> headers = new LinkedHashMap<>();
            answer.path("headers").fields().forEachRemaining(h -> headers.put(h.getKey(), h.getValue().asText()));
            List<String> cookies = new ArrayList<>();
            answer.path("cookies").forEach(c -> cookies.add(c.asText()));
            JsonNode body = answer.path("body");
            byte[] bytes = body.isMissingNode() || body.isNull() ? new byte[0]
                    : answer.path("isBase64Encoded").asBoolean(false) ? Base64.getDecoder().decode(body.asText())
                    : body.asText().getBytes(StandardCharsets.UTF_8);
            return new HttpResult(answer.path("statusCode").asInt(), headers, cookies, bytes);
        }
    }

    record Schedule(String expression, String input, Function function) {
    }

    /** @param iam the route says {@code Auth: Authorizer: AWS_IAM}: only SigV4-signed requests reach it */
    record HttpRoute(String method, String path, Function function, boolean iam) {
        String routeKey() {
            return method + " " + path;
        }
    }

    record QueueSource(String queueLogicalId, Function function) {
    }

    private final Map<String, Function> functions = new LinkedHashMap<>();
    private final List<HttpRoute> routes = new ArrayList<>();
    private final List<QueueSource> queueSources = new ArrayList<>();
    private final List<Schedule> schedules = new ArrayList<>();

    /** @param jars logical id → a jar to run instead of the template's CodeUri */
    LocalFunctions(LocalEnvironment env, Map<String, Path> jars, Consumer<String> logs) {
        SamTemplate template = env.template;
        template.resourcesOfType("AWS::Serverless::Function").forEach((logicalId, resource) -> {
            String prefix = "[" + logicalId + "] ";
            FunctionProcess.Spec spec = env.spec(logicalId);
            if (jars.containsKey(logicalId)) {
                spec = new FunctionProcess.Spec(logicalId, spec.handler(), jars.get(logicalId), spec.memoryMb(),
                        spec.timeoutSeconds(), spec.environment());
            }
            Function function = new Function(logicalId, env.process(spec, line -> logs.accept(prefix + line)));
            functions.put(logicalId, function);
            resource.path("Properties").path("Events").fields().forEachRemaining(e -> {
                JsonNode event = e.getValue();
                JsonNode eventProps = event.path("Properties");
                switch (event.path("Type").asText()) {
                    case "HttpApi" -> routes.add(new HttpRoute(eventProps.path("Method").asText().toUpperCase(),
                            eventProps.path("Path").asText(), function,
                            "AWS_IAM".equals(eventProps.path("Auth").path("Authorizer").asText())));
                    case "SQS" -> queueSources.add(new QueueSource(
                            SamTemplate.referencedLogicalId(eventProps.path("Queue")), function));
                    case "ScheduleV2", "Schedule" -> schedules.add(new Schedule(
                            eventProps.path("ScheduleExpression").asText(), eventProps.path("Input").asText("{}"), function));
                    default -> throw new IllegalStateException("the local stack cannot run event type "
                            + event.path("Type").asText() + " of " + logicalId);
                }
            });
        });
    }

    /**
     * Starts every function's first execution environment at once (their inits overlap), and
     * waits for them. A function whose init fails is reported and stays down until it is invoked.
     */
    void startAll() {
        List<CompletableFuture<FunctionProcess.Init>> inits = new ArrayList<>();
        functions.values().forEach(f -> inits.add(f.process().prewarm()));
        for (int i = 0; i < inits.size(); i++) {
            try {
                inits.get(i).join();
            } catch (RuntimeException e) {
                System.err.println("local stack: " + List.copyOf(functions.keySet()).get(i) + " failed its init: "
                        + (e.getCause() == null ? e : e.getCause()).getMessage());
            }
        }
    }

    List<Schedule> schedules() {
        return schedules;
    }

    Map<String, Function> functions() {
        return functions;
    }

    List<HttpRoute> routes() {
        return routes;
    }

    List<QueueSource> queueSources() {
        return queueSources;
    }

    @Override
    public void close() {
        functions.values().forEach(f -> f.process().close());
    }
}
