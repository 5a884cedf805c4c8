package ch.opsfabric.infra.local;

import ch.opsfabric.app.AppContext;
import ch.opsfabric.app.Settings;
import ch.opsfabric.infra.emulators.SamTemplate;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * OpsFabric's {@code sam local invoke}: {@code infra/invoke <FunctionLogicalId> <event.json>}.
 * Reads the function's handler and environment from template.yaml, starts the emulators with the
 * demo tenants, builds the handler the way Lambda does (its dependencies inside the measured
 * init), invokes it once with the event, and prints the response, the function's log lines and
 * the init and invoke times. Exits 1 on an unhandled error. {@code HelloWorld} as the function
 * name measures a bare handler the same way, for comparison.
 */
public final class Invoke {

    static final ObjectMapper EVENTS = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            // Lambda's own event JSON says "Records" and "eventSourceARN" where the classes say records, eventSourceArn
            .configure(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES, true)
            .configure(SerializationFeature.FAIL_ON_EMPTY_BEANS, false)
            .enable(SerializationFeature.INDENT_OUTPUT);

    /** What one invocation produced. */
    record Result(String function, Object response, String logs, long initMillis, long invokeMillis,
                  Map<String, String> environment) {
    }

    private Invoke() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 3 && args[0].equals("--cold")) {
            System.exit(coldStarts(args[1], Path.of(args[2])));
        }
        if (args.length != 2) {
            System.err.println("usage: infra/invoke [--cold] <FunctionLogicalId|HelloWorld|all> <event.json>");
            System.exit(2);
        }
        PrintStream terminal = System.out;
        // the emulators' own chatter stays off the report
        System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        int exit = 0;
        try (LocalEnvironment env = LocalEnvironment.start("http://localhost:3000")) {
            Result result = invoke(env, args[0], Path.of(args[1]));
            terminal.println("function   " + result.function());
            result.environment().forEach((k, v) -> terminal.println("env        " + k + "=" + v));
            terminal.printf("init       %d ms (handler and its clients, in this fresh JVM)%n", result.initMillis());
            terminal.printf("invoke     %d ms (first request)%n", result.invokeMillis());
            terminal.println("--- logs ---");
            terminal.print(result.logs());
            terminal.println("--- response ---");
            terminal.println(EVENTS.writeValueAsString(result.response()));
        } catch (InvocationFailed e) {
            terminal.println("--- logs ---");
            terminal.print(e.logs);
            terminal.println("--- unhandled error ---");
            terminal.println(e.getCause());
            exit = 1;
        }
        System.setOut(terminal);
        System.exit(exit);
    }

    /**
     * Cold starts in fresh JVMs against emulators started here: {@code all} measures every
     * function (each with its first sample event) and the hello-world handler.
     */
    private static int coldStarts(String function, Path event) throws Exception {
        PrintStream terminal = System.out;
        System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        int exit = 0;
        try (LocalEnvironment env = LocalEnvironment.start("http://localhost:3000")) {
            Map<String, Path> runs = new LinkedHashMap<>();
            if (function.equals("all")) {
                Path events = SamTemplate.projectRoot().resolve("events");
                runs.put("HelloWorld", events.resolve("review-cron/schedule.json"));
                runs.put("MissedCallFunction", events.resolve("missed-call/generic-mobile.json"));
                runs.put("SmsReplyFunction", events.resolve("sms-reply/reply-2-callback.json"));
                runs.put("TicketIntakeFunction", events.resolve("ticket-intake/create-ticket-notfall.json"));
                runs.put("SiteRendererFunction", events.resolve("site-renderer/home.json"));
                runs.put("ReviewCronFunction", events.resolve("review-cron/schedule.json"));
                runs.put("SmsSenderFunction", events.resolve("sms-sender/ticket-confirmation.json"));
            } else {
                runs.put(function, event);
            }
            for (Map.Entry<String, Path> run : runs.entrySet()) {
                String handler = run.getKey().equals("HelloWorld") ? HelloWorldHandler.class.getName()
                        : env.template.resource(run.getKey()).path("Properties").path("Handler").asText().split("::")[0];
                Process child = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                        "-Dopsfabric.project.root=" + SamTemplate.projectRoot(),
                        ColdStart.class.getName(), handler, run.getValue().toString(),
                        env.aws.dynamoEndpoint().toString(), env.aws.sqsEndpoint().toString(),
                        env.aws.tableName("OpsTable"), env.aws.queueUrl("OutboundSmsQueue")))
                        .redirectErrorStream(true).start();
                String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                exit |= child.waitFor();
                terminal.print(output.lines().filter(l -> l.startsWith("cold start") || l.contains("Exception"))
                        .map(l -> l + System.lineSeparator()).reduce("", String::concat));
            }
        }
        System.setOut(terminal);
        return exit == 0 ? 0 : 1;
    }

    static final class InvocationFailed extends Exception {
        final String logs;

        InvocationFailed(Throwable cause, String logs) {
            super(cause);
            this.logs = logs;
        }
    }

    @SuppressWarnings("unchecked")
    static Result invoke(LocalEnvironment env, String functionId, Path eventFile) throws IOException, InvocationFailed {
        JsonNode eventJson = EVENTS.readTree(Files.readString(eventFile));
        String handlerClass;
        Map<String, String> environment;
        if (functionId.equals("HelloWorld")) {
            handlerClass = HelloWorldHandler.class.getName();
            environment = Map.of();
        } else {
            JsonNode function = env.template.resource(functionId);
            if (!"AWS::Serverless::Function".equals(function.path("Type").asText())) {
                throw new IllegalArgumentException("template.yaml has no function " + functionId);
            }
            String handler = function.path("Properties").path("Handler").asText();
            handlerClass = handler.substring(0, handler.indexOf("::"));
            environment = environment(env, function);
        }
        PrintStream previous = System.out;
        ByteArrayOutputStream logs = new ByteArrayOutputStream();
        System.setOut(new PrintStream(logs, true, StandardCharsets.UTF_8));
        try {
            long start = System.nanoTime();
            RequestHandler<Object, Object> handler = construct(handlerClass, env, environment);
            long initialized = System.nanoTime();
            Object event = EVENTS.convertValue(eventJson, inputType(handler.getClass()));
            Object response;
            try {
                response = handler.handleRequest(event, new LocalContext(functionId, 1024, 15));
            } catch (RuntimeException e) {
                throw new InvocationFailed(e, logs.toString(StandardCharsets.UTF_8));
            }
            long done = System.nanoTime();
            return new Result(functionId, response, logs.toString(StandardCharsets.UTF_8),
                    (initialized - start) / 1_000_000, (done - initialized) / 1_000_000, environment);
        } finally {
            System.setOut(previous);
        }
    }

    /**
     * Builds the handler as Lambda would, with its dependencies made inside the constructor: the
     * application is wired from the function's environment as template.yaml resolves it locally.
     */
    @SuppressWarnings("unchecked")
    private static RequestHandler<Object, Object> construct(String className, LocalEnvironment env,
                                                            Map<String, String> environment) {
        try {
            Class<?> type = Class.forName(className);
            if (type == HelloWorldHandler.class) {
                return (RequestHandler<Object, Object>) type.getConstructor().newInstance();
            }
            AppContext app = new AppContext(env.clock, env.aws.dynamo(), environment.get("TABLE_NAME"), env.aws.sqs(),
                    environment.get("OUTBOUND_QUEUE_URL"), env.scheduler, List.of(env.console),
                    new Settings(environment.get("PUBLIC_BASE_URL"),
                            Integer.parseInt(environment.getOrDefault("INTAKE_RATE_LIMIT_PER_MINUTE", "600")),
                            LocalEnvironment.DEV_SECRETS));
            return (RequestHandler<Object, Object>) type.getConstructor(AppContext.class).newInstance(app);
        } catch (ReflectiveOperationException e) {
            Throwable cause = e instanceof InvocationTargetException ite ? ite.getCause() : e;
            throw new IllegalStateException("cannot build " + className + ": " + cause, cause);
        }
    }

    /** Globals plus the function's own variables, with references resolved to the local resources. */
    static Map<String, String> environment(LocalEnvironment env, JsonNode function) {
        Map<String, String> resolved = new TreeMap<>();
        List<JsonNode> sources = List.of(env.template.root().path("Globals").path("Function").path("Environment").path("Variables"),
                function.path("Properties").path("Environment").path("Variables"));
        for (JsonNode variables : sources) {
            variables.fields().forEachRemaining(e -> resolved.put(e.getKey(), resolve(env, e.getValue())));
        }
        return resolved;
    }

    private static String resolve(LocalEnvironment env, JsonNode value) {
        if (value.isValueNode()) {
            return value.asText();
        }
        String target = SamTemplate.referencedLogicalId(value);
        if (target != null) {
            String type = env.template.resource(target).path("Type").asText();
            boolean arn = value.has("Fn::GetAtt");
            return switch (type) {
                case "AWS::DynamoDB::Table" -> env.aws.tableName(target);
                case "AWS::SQS::Queue" -> arn ? "arn:aws:sqs:eu-central-2:000000000000:" + target : env.aws.queueUrl(target);
                case "AWS::IAM::Role" -> "arn:aws:iam::000000000000:role/" + target;
                default -> switch (target) {
                    case "PublicBaseUrl" -> "http://localhost:3000";
                    case "IntakeRateLimitPerMinute" -> Integer.toString(LocalEnvironment.LOCAL_INTAKE_RATE_PER_MINUTE);
                    default -> "(" + target + ")";
                };
            };
        }
        if (value.has("Fn::Sub") && value.get("Fn::Sub").asText().startsWith("{{resolve:secretsmanager:")) {
            // a deploy-time secret: locally the dev secret of that name
            return "(dev secret " + value.get("Fn::Sub").asText().replaceAll(".*SecretString:([^}]+)}}", "$1") + ")";
        }
        return value.toString();
    }

    /** The handler's event type; a handler on plain Object gets the event as a map, like Lambda gives it. */
    static Class<?> inputType(Class<?> handlerClass) {
        Class<?> type = LocalFunctions.inputType(handlerClass);
        return type == Object.class ? Map.class : type;
    }

    /** For tests: the response's HTTP status, an SQS handler's failure count, or the cron summary. */
    static Map<String, Object> outcome(Object response) {
        Map<String, Object> outcome = new LinkedHashMap<>();
        JsonNode node = EVENTS.valueToTree(response);
        if (node.has("statusCode")) {
            outcome.put("status", node.get("statusCode").asInt());
        } else if (node.has("batchItemFailures")) {
            outcome.put("batchItemFailures", node.get("batchItemFailures").size());
        } else if (node.has("due")) {
            outcome.put("due", node.get("due").asInt());
        }
        return outcome;
    }
}
