package ch.opsfabric.infra.local;

import ch.opsfabric.app.AppContext;
import ch.opsfabric.app.Secrets;
import ch.opsfabric.app.Settings;
import ch.opsfabric.infra.emulators.FreePort;
import ch.opsfabric.infra.emulators.LocalAws;
import ch.opsfabric.infra.emulators.SamTemplate;
import ch.opsfabric.infra.emulators.SqsEventSource;
import ch.opsfabric.messaging.ConsoleSmsProvider;
import ch.opsfabric.messaging.SqsSmsOutbox;
import ch.opsfabric.store.DynamoTenantDirectory;
import ch.opsfabric.tenant.Tenant;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * OpsFabric on one machine: dynalite and ElasticMQ with the table and queues of template.yaml,
 * every function of the template in this JVM behind a local API gateway, an SQS poller that
 * feeds sms-sender like an event source mapping, the console SMS provider, a settable clock,
 * the dev routes and the demo tenants. Ctrl-C stops all of it, the dynalite process included.
 */
public final class LocalStack implements AutoCloseable {

    public static final int DEFAULT_PORT = 3000;
    /** Generous, so end-to-end suites from one address pass; production uses the template's value. */
    static final int LOCAL_INTAKE_RATE_PER_MINUTE = 600;
    /** The dev secrets, as listed in the README; never used outside the local stack. */
    static final Secrets DEV_SECRETS = new Secrets("dev-webhook-secret", "dev-twilio-token", "dev-ecall-token",
            "dev-cron-secret", AppContext.bundledSipgateKey());
    /** A failed SMS comes back after seconds instead of the deployed 90 s. */
    static final int LOCAL_VISIBILITY_TIMEOUT_SECONDS = 5;

    private final LocalAws aws;
    private final LocalClock clock;
    private final ConsoleSmsProvider console;
    private final AppContext app;
    private final List<Tenant> tenants;
    private final LocalScheduler scheduler;
    private final LocalCron cron;
    private final LocalApiGateway gateway;
    private final List<SqsEventSource> pollers = new ArrayList<>();

    private LocalStack(int port) throws IOException {
        SamTemplate template = SamTemplate.locate();
        this.aws = LocalAws.start(LocalAws.dynaliteHome(), template, FreePort.find(), FreePort.find(),
                LOCAL_VISIBILITY_TIMEOUT_SECONDS);
        try {
            this.clock = new LocalClock();
            this.console = new ConsoleSmsProvider(clock);
            int actualPort = port == 0 ? FreePort.find() : port;
            // like EventBridge Scheduler, the local scheduler targets the outbound queue directly
            this.scheduler = new LocalScheduler(new SqsSmsOutbox(aws.sqs(), aws.queueUrl("OutboundSmsQueue")), clock);
            this.app = new AppContext(clock, aws.dynamo(), aws.tableName("OpsTable"), aws.sqs(),
                    aws.queueUrl("OutboundSmsQueue"), scheduler, List.of(console),
                    new Settings("http://localhost:" + actualPort, LOCAL_INTAKE_RATE_PER_MINUTE, DEV_SECRETS));
            this.tenants = DemoTenants.seed((DynamoTenantDirectory) app.tenants());
            LocalFunctions functions = new LocalFunctions(template, app);
            this.gateway = new LocalApiGateway(actualPort, functions.routes(), new DevRoutes(app, clock, console));
            this.cron = new LocalCron(functions.schedules(), clock);
            for (LocalFunctions.QueueSource source : functions.queueSources()) {
                SqsEventSource poller = new SqsEventSource(aws.sqs(), aws.queueUrl(source.queueLogicalId()),
                        event -> (SQSBatchResponse) source.function().invoke(event), 1);
                pollers.add(poller);
            }
        } catch (IOException | RuntimeException e) {
            aws.close();
            throw e;
        }
    }

    /** Starts everything; {@code port} 0 picks a free one. */
    public static LocalStack start(int port) {
        try {
            LocalStack stack = new LocalStack(port);
            stack.gateway.start();
            stack.pollers.forEach(SqsEventSource::start);
            stack.scheduler.start();
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
        for (Tenant t : stack.tenants) {
            banner.append(String.format("  %-16s %-26s line %s  [%s]%n", t.slug(), t.name(),
                    t.config().phoneLines().get(0), DemoTenants.apiKey(t)));
        }
        banner.append("\nDev routes: ").append(base).append("/_local/sms  ").append(base).append("/_local/clock  ")
                .append(base).append("/_local/tickets/{slug}\nCtrl-C stops everything.\n");
        System.out.println(banner);
    }

    public String baseUrl() {
        return "http://localhost:" + gateway.port();
    }

    public int port() {
        return gateway.port();
    }

    public LocalClock clock() {
        return clock;
    }

    public ConsoleSmsProvider console() {
        return console;
    }

    public AppContext app() {
        return app;
    }

    LocalScheduler scheduler() {
        return scheduler;
    }

    public LocalAws aws() {
        return aws;
    }

    @Override
    public synchronized void close() {
        gateway.close();
        cron.close();
        scheduler.close();
        pollers.forEach(SqsEventSource::close);
        aws.close();
    }
}
