package ch.opsfabric.app;

import ch.opsfabric.messaging.ConsoleSmsProvider;
import ch.opsfabric.messaging.OptOuts;
import ch.opsfabric.messaging.SmsLedger;
import ch.opsfabric.messaging.SmsOutbox;
import ch.opsfabric.messaging.SmsProvider;
import ch.opsfabric.messaging.SmsTemplates;
import ch.opsfabric.messaging.SqsSmsOutbox;
import ch.opsfabric.store.DynamoOptOuts;
import ch.opsfabric.store.DynamoRateLimiter;
import ch.opsfabric.store.DynamoSmsLedger;
import ch.opsfabric.store.DynamoTenantDirectory;
import ch.opsfabric.store.DynamoTicketStore;
import ch.opsfabric.store.SingleTable;
import ch.opsfabric.tenant.TenantDirectory;
import ch.opsfabric.ticket.TicketIntake;
import ch.opsfabric.ticket.TicketStore;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Everything a handler needs, wired once per JVM by plain constructors. In Lambda it comes from
 * the environment ({@link #fromEnvironment()}); the local stack and the tests build one against
 * the emulators with their own clock and the console SMS provider. Handlers take it in their
 * constructor, so cloud and local run the same code.
 */
public final class AppContext {

    private final Clock clock;
    private final SingleTable table;
    private final TenantDirectory tenants;
    private final TicketStore tickets;
    private final TicketIntake intake;
    private final SmsOutbox outbox;
    private final OptOuts optOuts;
    private final SmsLedger smsLedger;
    private final SmsTemplates smsTemplates;
    private final Map<String, SmsProvider> smsProviders;
    private final DynamoRateLimiter intakeRateLimiter;
    private final Settings settings;

    public AppContext(Clock clock, DynamoDbClient dynamo, String tableName, SqsClient sqs, String outboundQueueUrl,
                      List<SmsProvider> smsProviders, Settings settings) {
        this.clock = clock;
        this.table = SingleTable.of(dynamo, tableName);
        this.tenants = new DynamoTenantDirectory(table, TimeUnit.SECONDS.toNanos(60));
        this.tickets = new DynamoTicketStore(table);
        this.intake = new TicketIntake(tickets);
        this.outbox = new SqsSmsOutbox(sqs, outboundQueueUrl);
        this.optOuts = new DynamoOptOuts(table);
        this.smsLedger = new DynamoSmsLedger(table);
        this.smsTemplates = new SmsTemplates();
        this.smsProviders = smsProviders.stream().collect(Collectors.toUnmodifiableMap(SmsProvider::name, Function.identity()));
        this.intakeRateLimiter = new DynamoRateLimiter(table, settings.intakeRateLimitPerMinute());
        this.settings = settings;
    }

    /** The Lambda wiring: region, table and queue from the environment, url-connection HTTP client. */
    public static AppContext fromEnvironment() {
        Region region = Region.of(Env.require("AWS_REGION"));
        DynamoDbClient dynamo = DynamoDbClient.builder()
                .region(region)
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        SqsClient sqs = SqsClient.builder()
                .region(region)
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        Clock clock = Clock.systemUTC();
        return new AppContext(clock, dynamo, Env.require("TABLE_NAME"), sqs, Env.require("OUTBOUND_QUEUE_URL"),
                List.of(new ConsoleSmsProvider(clock)),
                new Settings(Env.require("PUBLIC_BASE_URL"), Env.integer("INTAKE_RATE_LIMIT_PER_MINUTE", 20)));
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

    public SmsOutbox outbox() {
        return outbox;
    }

    public OptOuts optOuts() {
        return optOuts;
    }

    public SmsLedger smsLedger() {
        return smsLedger;
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
