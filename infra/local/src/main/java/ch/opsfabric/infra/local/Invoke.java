package ch.opsfabric.infra.local;

import ch.opsfabric.infra.emulators.SamTemplate;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * OpsFabric's {@code sam local invoke}: {@code infra/invoke <FunctionLogicalId> <event.json>}.
 * Starts the emulators with the demo tenants, runs the function's own shaded jar in a fresh JVM
 * under Amazon's runtime interface client against a local Runtime API, sends it the event as
 * JSON, and prints the environment, the init and invoke times, the function's log lines and its
 * response. Exits 1 on an init error or an unhandled error. {@code HelloWorld} as the function
 * runs a bare handler from a jar of its own, for comparison.
 *
 * <p>{@code infra/invoke --cold <FunctionLogicalId|all> <event.json|->} measures cold starts:
 * each run a fresh JVM, JVM start → first answer, init and first invoke, median of 3, next to
 * the hello-world handler in the same run.
 */
public final class Invoke {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    static final int COLD_RUNS = 3;

    /** The event each function is measured with by {@code --cold all}. */
    static final Map<String, String> COLD_EVENTS = coldEvents();

    private static Map<String, String> coldEvents() {
        Map<String, String> events = new LinkedHashMap<>();
        events.put("HelloWorld", "review-cron/schedule.json");
        events.put("MissedCallFunction", "missed-call/generic-mobile.json");
        events.put("SmsReplyFunction", "sms-reply/reply-2-callback.json");
        events.put("TicketIntakeFunction", "ticket-intake/create-ticket-notfall.json");
        events.put("SiteRendererFunction", "site-renderer/home.json");
        events.put("ReviewCronFunction", "review-cron/schedule.json");
        events.put("SmsSenderFunction", "sms-sender/ticket-confirmation.json");
        events.put("TenantAdminFunction", "tenant-admin/get-tenant.json");
        events.put("StaffAppFunction", "staff-app/login-page.json");
        events.put("EmailIntakeFunction", "email-intake/postmark-inbound.json");
        events.put("WhatsAppIntakeFunction", "whatsapp-intake/meta-text-message.json");
        events.put("VoiceAgentFunction", "voice-agent/prompt-unknown-connection.json");
        return Collections.unmodifiableMap(events);
    }

    /** What one invocation in a fresh environment produced. */
    record Result(String function, byte[] response, String error, List<String> logs, long initMillis,
                  long invokeMillis, long jvmStartToAnswerMillis) {

        boolean failed() {
            return error != null;
        }
    }

    private Invoke() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 3 && args[0].equals("--cold")) {
            System.exit(coldStarts(args[1], args[2]));
        }
        if (args.length != 2) {
            System.err.println("usage: infra/invoke [--cold] <FunctionLogicalId|HelloWorld|all> <event.json>");
            System.exit(2);
        }
        PrintStream terminal = System.out;
        // the emulators' own chatter stays off the report
        System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        int exit;
        try (LocalEnvironment env = LocalEnvironment.start("http://localhost:3000")) {
            FunctionProcess.Spec spec = spec(env, args[0]);
            terminal.println("function   " + spec.logicalId() + " (" + spec.jar() + ")");
            terminal.println("handler    " + spec.handler());
            Map<String, String> shown = new java.util.TreeMap<>(spec.environment());
            env.secretVariables(spec.logicalId()).forEach(name -> shown.computeIfPresent(name, (k, v) -> "(dev secret)"));
            shown.forEach((k, v) -> terminal.println("env        " + k + "=" + v));
            Result result = invoke(env, spec, Files.readAllBytes(Path.of(args[1])));
            terminal.printf("init       %d ms (JVM start to the runtime client's first /next: handler and its clients)%n",
                    result.initMillis());
            if (result.invokeMillis() >= 0) {
                terminal.printf("invoke     %d ms (first request)%n", result.invokeMillis());
            }
            terminal.println("--- logs ---");
            result.logs().forEach(terminal::println);
            if (result.failed()) {
                terminal.println("--- " + (result.invokeMillis() < 0 ? "init error" : "unhandled error") + " ---");
                terminal.println(result.error());
                exit = 1;
            } else {
                terminal.println("--- response ---");
                terminal.println(pretty(result.response()));
                exit = 0;
            }
        }
        System.setOut(terminal);
        System.exit(exit);
    }

    static FunctionProcess.Spec spec(LocalEnvironment env, String functionId) {
        return functionId.equals("HelloWorld") ? env.helloWorld() : env.spec(functionId);
    }

    /** One invocation in a fresh execution environment, which is stopped afterwards. */
    static Result invoke(LocalEnvironment env, FunctionProcess.Spec spec, byte[] event) {
        List<String> logs = new CopyOnWriteArrayList<>();
        FunctionProcess process = env.process(spec, logs::add);
        try {
            FunctionProcess.Init init;
            try {
                init = process.awaitInit();
            } catch (FunctionProcess.InvocationFailed e) {
                process.close();
                return new Result(spec.logicalId(), null, describe(e), List.copyOf(logs), -1, -1, -1);
            }
            long start = System.nanoTime();
            byte[] response = null;
            String error = null;
            try {
                response = process.invoke(event);
            } catch (FunctionProcess.InvocationFailed e) {
                error = describe(e);
            }
            long done = System.nanoTime();
            // stopping the process closes its pipes: every line it printed is in logs after this
            process.close();
            return new Result(spec.logicalId(), response, error, List.copyOf(logs), init.millis(),
                    (done - start) / 1_000_000, (done - init.spawnedAt()) / 1_000_000);
        } finally {
            process.close();
        }
    }

    private static String describe(FunctionProcess.InvocationFailed e) {
        return e.payload() == null ? e.getMessage() : e.errorType() + " " + pretty(e.payload().getBytes(StandardCharsets.UTF_8));
    }

    static String pretty(byte[] json) {
        try {
            return JSON.writeValueAsString(JSON.readTree(json));
        } catch (IOException notJson) {
            return new String(json, StandardCharsets.UTF_8);
        }
    }

    /**
     * Cold starts, each in a fresh JVM under the runtime client, against emulators started here:
     * {@code all} measures every function (each with its usual sample event) and hello-world.
     */
    private static int coldStarts(String function, String eventArg) throws IOException {
        PrintStream terminal = System.out;
        System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        int exit = 0;
        Path events = SamTemplate.projectRoot().resolve("events");
        try (LocalEnvironment env = LocalEnvironment.start("http://localhost:3000")) {
            Map<String, Path> runs = new LinkedHashMap<>();
            if (function.equals("all")) {
                COLD_EVENTS.forEach((id, file) -> runs.put(id, events.resolve(file)));
            } else {
                runs.put("HelloWorld", events.resolve(COLD_EVENTS.get("HelloWorld")));
                runs.put(function, Path.of(eventArg));
            }
            terminal.printf("cold starts through the runtime client, fresh JVM each run, median of %d (min-max)%n", COLD_RUNS);
            terminal.printf("%-22s %-15s %-17s %-21s %-7s | %-19s %-22s %s%n", "function", "init ms", "first invoke ms",
                    "JVM start→answer ms", "× hello", "primed init ms", "first invoke after ms", "jar");
            long hello = 0;
            for (Map.Entry<String, Path> run : runs.entrySet()) {
                FunctionProcess.Spec spec = spec(env, run.getKey());
                byte[] event = Files.readAllBytes(run.getValue());
                Runs onDemand = runs(env, withInitType(spec, "on-demand"), event);
                Runs primed = run.getKey().equals("HelloWorld") ? null : runs(env, withInitType(spec, "snap-start"), event);
                String failure = onDemand.failure != null ? onDemand.failure : primed == null ? null : primed.failure;
                if (failure != null) {
                    terminal.printf("%-22s FAILED: %s%n", spec.logicalId(), failure);
                    exit = 1;
                    continue;
                }
                long median = median(onDemand.total);
                if (spec.logicalId().equals("HelloWorld")) {
                    hello = median;
                }
                terminal.printf("%-22s %-15s %-17s %-21s %-7s | %-19s %-22s %,d B%n", spec.logicalId(), spread(onDemand.init),
                        spread(onDemand.first), spread(onDemand.total),
                        hello == 0 ? "-" : String.format("%.2f", (double) median / hello),
                        primed == null ? "-" : spread(primed.init), primed == null ? "-" : spread(primed.first),
                        Files.size(spec.jar()));
            }
            terminal.println("primed: started as a SnapStart version is (init, the priming hooks, restore) without the snapshot");
        }
        System.setOut(terminal);
        return exit;
    }

    /** Init, first invoke and JVM start → answer of COLD_RUNS fresh environments, or the first failure. */
    private static final class Runs {
        final List<Long> init = new ArrayList<>();
        final List<Long> first = new ArrayList<>();
        final List<Long> total = new ArrayList<>();
        String failure;
    }

    private static Runs runs(LocalEnvironment env, FunctionProcess.Spec spec, byte[] event) {
        Runs runs = new Runs();
        for (int i = 0; i < COLD_RUNS; i++) {
            Result result = invoke(env, spec, event);
            if (result.failed()) {
                runs.failure = result.error();
                return runs;
            }
            runs.init.add(result.initMillis());
            runs.first.add(result.invokeMillis());
            runs.total.add(result.jvmStartToAnswerMillis());
        }
        return runs;
    }

    static FunctionProcess.Spec withInitType(FunctionProcess.Spec spec, String type) {
        Map<String, String> environment = new java.util.TreeMap<>(spec.environment());
        environment.put("AWS_LAMBDA_INITIALIZATION_TYPE", type);
        return new FunctionProcess.Spec(spec.logicalId(), spec.handler(), spec.jar(), spec.memoryMb(), spec.timeoutSeconds(),
                environment);
    }

    static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static String spread(List<Long> values) {
        return median(values) + " (" + Collections.min(values) + "-" + Collections.max(values) + ")";
    }

    static JsonNode tree(byte[] json) throws IOException {
        return JSON.readTree(json);
    }
}
