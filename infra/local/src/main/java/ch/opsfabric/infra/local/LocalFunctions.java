package ch.opsfabric.infra.local;

import ch.opsfabric.app.AppContext;
import ch.opsfabric.infra.emulators.SamTemplate;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.InvocationTargetException;
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
                    RequestHandler<Object, Object> handler) {

        Object invoke(Object event) {
            Context context = new LocalContext(logicalId, memoryMb, timeoutSeconds);
            return handler.handleRequest(event, context);
        }
    }

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

    LocalFunctions(SamTemplate template, AppContext app) {
        JsonNode globals = template.root().path("Globals").path("Function");
        template.resourcesOfType("AWS::Serverless::Function").forEach((logicalId, resource) -> {
            JsonNode props = resource.path("Properties");
            String handlerSpec = props.path("Handler").asText();
            String className = handlerSpec.contains("::") ? handlerSpec.substring(0, handlerSpec.indexOf("::")) : handlerSpec;
            Function function = new Function(logicalId, className,
                    props.path("MemorySize").asInt(globals.path("MemorySize").asInt(512)),
                    props.path("Timeout").asInt(globals.path("Timeout").asInt(3)),
                    instantiate(className, app));
            functions.put(logicalId, function);
            props.path("Events").fields().forEachRemaining(e -> {
                JsonNode event = e.getValue();
                JsonNode eventProps = event.path("Properties");
                switch (event.path("Type").asText()) {
                    case "HttpApi" -> routes.add(new HttpRoute(eventProps.path("Method").asText().toUpperCase(),
                            eventProps.path("Path").asText(), function));
                    case "SQS" -> queueSources.add(new QueueSource(
                            SamTemplate.referencedLogicalId(eventProps.path("Queue")), function));
                    default -> {
                        // schedules are fired by the local scheduler, which reads them itself
                    }
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
