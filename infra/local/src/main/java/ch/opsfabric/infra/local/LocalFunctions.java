package ch.opsfabric.infra.local;

import ch.opsfabric.app.AppContext;
import ch.opsfabric.infra.emulators.SamTemplate;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The functions of template.yaml, instantiated in this JVM with the local {@link AppContext}
 * (every handler has a constructor that takes one), with their HTTP routes and queue sources.
 */
final class LocalFunctions {

    record Function(String logicalId, String handlerClass, int memoryMb, int timeoutSeconds,
                    RequestHandler<Object, Object> handler, Class<?> inputType) {

        Object invoke(Object event) {
            Context context = new LocalContext(logicalId, memoryMb, timeoutSeconds);
            Object input = event;
            if (Map.class.isAssignableFrom(inputType) && !(event instanceof Map)) {
                // what the Lambda runtime does for a handler typed on Map: the event's JSON as a map
                input = JSON.convertValue(event, Map.class);
            }
            return handler.handleRequest(input, context);
        }

        /** An HTTP invocation, whatever the handler's own types: typed events or plain maps. */
        APIGatewayV2HTTPResponse invokeHttp(APIGatewayV2HTTPEvent event) {
            Object result = invoke(event);
            if (result instanceof APIGatewayV2HTTPResponse response) {
                return response;
            }
            Map<?, ?> map = (Map<?, ?>) result;
            Map<String, String> headers = new LinkedHashMap<>();
            if (map.get("headers") instanceof Map<?, ?> h) {
                h.forEach((k, v) -> headers.put(String.valueOf(k), String.valueOf(v)));
            }
            return APIGatewayV2HTTPResponse.builder()
                    .withStatusCode(((Number) map.get("statusCode")).intValue())
                    .withHeaders(headers)
                    .withBody(map.get("body") == null ? null : String.valueOf(map.get("body")))
                    .withIsBase64Encoded(Boolean.TRUE.equals(map.get("isBase64Encoded")))
                    .build();
        }
    }

    record Schedule(String expression, String input, Function function) {
    }

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(SerializationFeature.FAIL_ON_EMPTY_BEANS, false);

    record HttpRoute(String method, String path, Function function) {
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

    LocalFunctions(SamTemplate template, AppContext app) {
        JsonNode globals = template.root().path("Globals").path("Function");
        template.resourcesOfType("AWS::Serverless::Function").forEach((logicalId, resource) -> {
            JsonNode props = resource.path("Properties");
            String handlerSpec = props.path("Handler").asText();
            String className = handlerSpec.contains("::") ? handlerSpec.substring(0, handlerSpec.indexOf("::")) : handlerSpec;
            RequestHandler<Object, Object> handler = instantiate(className, app);
            Function function = new Function(logicalId, className,
                    props.path("MemorySize").asInt(globals.path("MemorySize").asInt(512)),
                    props.path("Timeout").asInt(globals.path("Timeout").asInt(3)),
                    handler, inputType(handler.getClass()));
            functions.put(logicalId, function);
            props.path("Events").fields().forEachRemaining(e -> {
                JsonNode event = e.getValue();
                JsonNode eventProps = event.path("Properties");
                switch (event.path("Type").asText()) {
                    case "HttpApi" -> routes.add(new HttpRoute(eventProps.path("Method").asText().toUpperCase(),
                            eventProps.path("Path").asText(), function));
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

    @SuppressWarnings("unchecked")
    private static RequestHandler<Object, Object> instantiate(String className, AppContext app) {
        try {
            Class<?> type = Class.forName(className);
            return (RequestHandler<Object, Object>) type.getConstructor(AppContext.class).newInstance(app);
        } catch (ClassNotFoundException | NoSuchMethodException | InstantiationException | IllegalAccessException e) {
            throw new IllegalStateException("template.yaml names handler " + className
                    + ", which is not a handler with an AppContext constructor on the classpath", e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("handler " + className + " failed to start: " + e.getCause(), e.getCause());
        }
    }

    /** The declared input type of handleRequest (not the erased bridge method's Object). */
    static Class<?> inputType(Class<?> handlerClass) {
        for (Method method : handlerClass.getMethods()) {
            if (method.getName().equals("handleRequest") && method.getParameterCount() == 2 && !method.isBridge()) {
                return method.getParameterTypes()[0];
            }
        }
        return Object.class;
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
}
