package ch.opsfabric.app;

import ch.opsfabric.messaging.DeferredDelivery;
import ch.opsfabric.messaging.OptOuts;
import ch.opsfabric.messaging.SchedulerDeferredDelivery;
import ch.opsfabric.messaging.SmsDispatch;
import ch.opsfabric.messaging.SmsLedger;
import ch.opsfabric.messaging.SmsProvider;
import ch.opsfabric.messaging.SmsTemplates;
import ch.opsfabric.messaging.SqsSmsOutbox;
import ch.opsfabric.store.DynamoCallStats;
import ch.opsfabric.store.DynamoFormRefs;
import ch.opsfabric.store.DynamoOptOuts;
import ch.opsfabric.store.DynamoRateLimiter;
import ch.opsfabric.store.DynamoReviewQueue;
import ch.opsfabric.store.DynamoSmsLedger;
import ch.opsfabric.store.DynamoSmsWindows;
import ch.opsfabric.store.DynamoTenantDirectory;
import ch.opsfabric.store.DynamoTicketStore;
import ch.opsfabric.store.SingleTable;
import ch.opsfabric.tenant.TenantDirectory;
import ch.opsfabric.ticket.TicketIntake;
import ch.opsfabric.ticket.TicketStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Everything a handler needs, wired once per JVM by plain constructors. In Lambda it comes from
 * the environment ({@link #fromEnvironment}); the local stack and the tests build one against
 * the emulators with their own clock, scheduler and the console SMS provider. Handlers take it
 * in their constructor, so cloud and local run the same code.
 */
public final class AppContext {

    private final Clock clock;
    private final SingleTable table;
    private final TenantDirectory tenants;
    private final TicketStore tickets;
    private final TicketIntake intake;
    private final SmsDispatch sms;
    private final OptOuts optOuts;
    private final SmsLedger smsLedger;
    private final DynamoSmsWindows smsWindows;
    private final DynamoCallStats callStats;
    private final DynamoFormRefs formRefs;
    private final DynamoReviewQueue reviews;
    private final SmsTemplates smsTemplates;
    private final Map<String, SmsProvider> smsProviders;
    private final DynamoRateLimiter intakeRateLimiter;
    private final Settings settings;

    public AppContext(Clock clock, DynamoDbClient dynamo, String tableName, SqsClient sqs, String outboundQueueUrl,
                      DeferredDelivery deferredDelivery, List<SmsProvider> smsProviders, Settings settings) {
        this.clock = clock;
        this.table = SingleTable.of(dynamo, tableName);
        this.tenants = new DynamoTenantDirectory(table, TimeUnit.SECONDS.toNanos(60));
        this.tickets = new DynamoTicketStore(table);
        this.intake = new TicketIntake(tickets);
        this.sms = new SmsDispatch(new SqsSmsOutbox(sqs, outboundQueueUrl), deferredDelivery, clock);
        this.optOuts = new DynamoOptOuts(table);
        this.smsLedger = new DynamoSmsLedger(table);
        this.smsWindows = new DynamoSmsWindows(table);
        this.callStats = new DynamoCallStats(table);
        this.formRefs = new DynamoFormRefs(table);
        this.reviews = new DynamoReviewQueue(table);
        this.smsTemplates = new SmsTemplates();
        this.smsProviders = smsProviders.stream().collect(Collectors.toUnmodifiableMap(SmsProvider::name, Function.identity()));
        this.intakeRateLimiter = new DynamoRateLimiter(table, settings.intakeRateLimitPerMinute());
        this.settings = settings;
    }

    /** The Lambda wiring for functions that never talk to an SMS provider. */
    public static AppContext fromEnvironment() {
        return fromEnvironment(clock -> List.of());
    }

    /**
     * The Lambda wiring: region, table, queue and secrets from the environment (template.yaml),
     * url-connection HTTP client, the Scheduler client built on first deferral.
     */
    public static AppContext fromEnvironment(Function<Clock, List<SmsProvider>> providers) {
        Region region = Cloud.region();
        Supplier<SchedulerClient> scheduler = memoize(() -> SchedulerClient.builder()
                .region(region)
                .credentialsProvider(Cloud.credentials())
                .httpClient(UrlConnectionHttpClient.create())
                .build());
        Clock clock = Cloud.clock();
        DeferredDelivery deferred = new SchedulerDeferredDelivery(scheduler,
                Env.optional("OUTBOUND_QUEUE_ARN"), Env.optional("SCHEDULER_ROLE_ARN"), "default");
        return new AppContext(clock, Cloud.dynamo(), Env.require("TABLE_NAME"), Cloud.sqs(), Env.require("OUTBOUND_QUEUE_URL"),
                deferred, providers.apply(clock), Cloud.settings());
    }

    /** sipgate's published webhook signing key, shipped with the code. */
    public static String bundledSipgateKey() {
        try (InputStream in = AppContext.class.getResourceAsStream("/providers/sipgate-webhook-public-key.pem")) {
            if (in == null) {
                throw new IllegalStateException("sipgate public key missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> Supplier<T> memoize(Supplier<T> factory) {
        return new Supplier<>() {
            private volatile T value;

            @Override
            public T get() {
                T result = value;
                if (result == null) {
                    synchronized (this) {
                        if (value == null) {
                            value = factory.get();
                        }
                        result = value;
                    }
                }
                return result;
            }
        };
    }

    public Clock clock() {
        return clock;
    }

    public SingleTable table() {
        return table;
    }

    public TenantDirectory tenants() {
        return tenants;
    }

    public TicketStore tickets() {
        return tickets;
    }

    public TicketIntake intake() {
        return intake;
    }

    /** Sending SMS: straight to the queue, or deferred past quiet hours when proactive. */
    public SmsDispatch sms() {
        return sms;
    }

    public OptOuts optOuts() {
        return optOuts;
    }

    public SmsLedger smsLedger() {
        return smsLedger;
    }

    public DynamoSmsWindows smsWindows() {
        return smsWindows;
    }

    public DynamoCallStats callStats() {
        return callStats;
    }

    public DynamoFormRefs formRefs() {
        return formRefs;
    }

    public DynamoReviewQueue reviews() {
        return reviews;
    }

    public SmsTemplates smsTemplates() {
        return smsTemplates;
    }

    public Map<String, SmsProvider> smsProviders() {
        return smsProviders;
    }

    public DynamoRateLimiter intakeRateLimiter() {
        return intakeRateLimiter;
    }

    public Settings settings() {
        return settings;
    }
}
