package ch.opsfabric.infra.local;

import ch.opsfabric.infra.emulators.FreePort;
import ch.opsfabric.infra.emulators.LocalAws;
import ch.opsfabric.infra.emulators.SqsEventSource;
import ch.opsfabric.store.DynamoTenantDirectory;
import ch.opsfabric.tenant.Tenant;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * OpsFabric on one machine: dynalite and ElasticMQ with the table and queues of template.yaml,
 * every function of the template in its own runtime-client process from its own jar, behind a
 * local API gateway, an SQS poller that
 * feeds sms-sender like an event source mapping, the console SMS provider, a settable clock,
 * the dev routes and the demo tenants. Ctrl-C stops all of it, the dynalite process included.
 */
public final class LocalStack implements AutoCloseable {

    public static final int DEFAULT_PORT = 3000;

    private final LocalEnvironment env;
    private final LocalFunctions functions;
    private final LocalCron cron;
    private final LocalApiGateway gateway;
    private final List<SqsEventSource> pollers = new ArrayList<>();
    private LocalVoiceSocket voiceSocket;

    private LocalStack(int port, Map<String, Path> jars, Consumer<String> logs) throws IOException {
        int actualPort = port == 0 ? FreePort.find() : port;
        this.env = LocalEnvironment.start("http://localhost:" + actualPort);
        LocalFunctions started = null;
        try {
            started = new LocalFunctions(env, jars, logs);
            this.functions = started;
            DevRoutes dev = new DevRoutes(env.tenantDirectory, env.tickets, env.clock, env.smsSink, env.emailSink, env.whatsappSink, env.model,
                    "ws://127.0.0.1:" + env.voiceSocketPort + "/live", env.cloudFront);
            FaultRoutes faults = new FaultRoutes(env);
            // the execute-api port: bound to whatever is free at that moment (0), no port picked earlier to race for
            this.gateway = new LocalApiGateway(actualPort, 0, functions.routes(),
                    (method, path, body) -> faults.handle(method, path, body).or(() -> dev.handle(method, path, body)),
                    new SigV4Verifier(Map.of(LocalEnvironment.OPERATOR_ACCESS_KEY, LocalEnvironment.OPERATOR_SECRET),
                            LocalAws.REGION.id(), "execute-api", "000000000000", java.time.Clock.systemUTC()),
                    env.originHeaders());
            this.cron = new LocalCron(functions.schedules(), env.clock);
            String voice = env.voiceFunction();
            if (voice != null && functions.functions().containsKey(voice)) {
                this.voiceSocket = new LocalVoiceSocket(env.voiceSocketPort, functions.functions().get(voice));
                env.serveVoice(voiceSocket);
            }
            for (LocalFunctions.QueueSource source : functions.queueSources()) {
                SqsEventSource poller = new SqsEventSource(env.aws.sqs(), env.aws.queueUrl(source.queueLogicalId()),
                        event -> new String(source.function().invoke(event.getBytes(StandardCharsets.UTF_8)),
                                StandardCharsets.UTF_8), 1);
                pollers.add(poller);
            }
        } catch (IOException | RuntimeException e) {
            if (started != null) {
                started.close();
            }
            env.close();
            throw e;
        }
    }

    /** Starts everything; {@code port} 0 picks a free one. */
    public static LocalStack start(int port) {
        return start(port, Map.of(), System.out::println);
    }

    /**
     * @param jars function logical id → a jar to run instead of the template's CodeUri (to show
     *             what a broken jar does)
     * @param logs receives every line the function processes print, prefixed with the function
     */
    static LocalStack start(int port, Map<String, Path> jars, Consumer<String> logs) {
        try {
            LocalStack stack = new LocalStack(port, jars, logs);
            stack.functions.startAll();
            stack.gateway.start();
            stack.pollers.forEach(SqsEventSource::start);
            stack.env.scheduler.start();
            stack.cron.start();
            return stack;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open port " + port, e);
        }
    }

    public static void main(String[] args) {
        long started = System.nanoTime();
        int port = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_PORT;
        LocalStack stack = start(port);
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "local-stack-stop"));
        long millis = (System.nanoTime() - started) / 1_000_000;
        String base = stack.baseUrl();
        StringBuilder banner = new StringBuilder()
                .append("\nOpsFabric local stack ready on ").append(base).append(" in ").append(millis).append(" ms\n\n")
                .append("Demo tenants (staff API key in brackets):\n");
        for (Tenant t : stack.env.tenants) {
            banner.append(String.format("  %-16s %-26s line %s  [%s]%n", t.slug(), t.name(),
                    t.config().phoneLines().get(0), DemoTenants.apiKey(t)));
        }
        banner.append("\nDev routes: ").append(base).append("/_local/sms  ").append(base).append("/_local/email  ").append(base).append("/_local/whatsapp  ").append(base).append("/_local/clock  ")
                .append(base).append("/_local/tickets/{slug}  ").append(base).append("/_local/invalidations\n")
                .append("Operator API: ").append(base).append("/api/admin/tenants (SigV4, access key ")
                .append(LocalEnvironment.OPERATOR_ACCESS_KEY).append("; infra/opsfabric --endpoint ").append(base)
                .append(" tenants list)\nThe API without the CDN in front (public routes refuse): ").append(stack.directUrl())
                .append("\nCtrl-C stops everything.\n");
        System.out.println(banner);
    }

    public String baseUrl() {
        return "http://localhost:" + gateway.port();
    }

    /** The API without the CDN in front (a deployment's execute-api host): public routes answer 403 here. */
    public String directUrl() {
        return "http://localhost:" + gateway.directPort();
    }

    public int port() {
        return gateway.port();
    }

    public LocalClock clock() {
        return env.clock;
    }

    /** The voice assistant's local WebSocket ({@code ws://127.0.0.1:<port>/live}), what Twilio would open. */
    public String voiceSocketUrl() {
        return "ws://127.0.0.1:" + env.voiceSocketPort + "/live";
    }

    /** The S3 emulator (path-style), for tests that read back what a function stored. */
    public java.net.URI s3Endpoint() {
        return env.aws.s3Endpoint();
    }

    /** The demo tenants' directory, for tests that change a tenant. */
    public DynamoTenantDirectory tenants() {
        return env.tenantDirectory;
    }

    @Override
    public synchronized void close() {
        if (voiceSocket != null) {
            voiceSocket.close();
        }
        gateway.close();
        cron.close();
        pollers.forEach(SqsEventSource::close);
        functions.close();
        env.close();
    }
}
