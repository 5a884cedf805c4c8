package ch.opsfabric.smssender;

import ch.opsfabric.app.SqsBatch;
import ch.opsfabric.app.Cloud;
import ch.opsfabric.app.Env;
import ch.opsfabric.json.Json;
import ch.opsfabric.messaging.OutboundSms;
import ch.opsfabric.messaging.SmsKind;
import ch.opsfabric.messaging.SmsProvider;
import ch.opsfabric.store.DryRunWrites;
import ch.opsfabric.store.DynamoOptOuts;
import ch.opsfabric.store.DynamoSmsLedger;
import ch.opsfabric.store.DynamoTenantDirectory;
import ch.opsfabric.store.SingleTable;
import ch.opsfabric.ticket.Urgency;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Everything the sms-sender uses, built once per JVM: tenants, opt-outs and the SMS ledger in the
 * table, and the SMS providers this deployment has credentials for. No SQS client: Lambda's event
 * source mapping receives and deletes the messages; this function only answers which failed.
 */
public final class SmsSenderWiring {

    private final SmsDelivery delivery;
    private final EmailDelivery emailDelivery;
    private final WhatsAppDelivery whatsAppDelivery;
    private final Runnable warmUp;
    private final RetryDelays retryDelays;
    private final ProviderPause pause;

    public SmsSenderWiring(Clock clock, DynamoDbClient dynamo, String tableName, List<SmsProvider> providers) {
        this(clock, dynamo, tableName, providers, new ch.opsfabric.messaging.ConsoleEmailProvider(clock, null),
                "kontakt@opsfabric.ch", SenderProviders.consoleWhatsApp(new ch.opsfabric.messaging.ConsoleWhatsAppProvider(clock, null)),
                RetryDelays.NONE);
    }

    /**
     * @param email       the deployment's e-mail service
     * @param fromAddress its verified sender address
     * @param retryDelays how long a failed message waits for its next try
     */
    public SmsSenderWiring(Clock clock, DynamoDbClient dynamo, String tableName, List<SmsProvider> providers,
                           ch.opsfabric.messaging.EmailProvider email, String fromAddress,
                           Map<String, ch.opsfabric.messaging.WhatsAppProvider> whatsapp, RetryDelays retryDelays) {
        this.retryDelays = retryDelays;
        SingleTable table = SingleTable.of(dynamo, tableName);
        Map<String, SmsProvider> byName = providers.stream()
                .collect(Collectors.toUnmodifiableMap(SmsProvider::name, Function.identity()));
        DynamoTenantDirectory tenants = new DynamoTenantDirectory(table, Cloud.tenantCacheNanos());
        DynamoOptOuts optOuts = new DynamoOptOuts(table);
        ch.opsfabric.store.DynamoTicketStore tickets = new ch.opsfabric.store.DynamoTicketStore(table);
        ch.opsfabric.store.DynamoDailyStats stats = new ch.opsfabric.store.DynamoDailyStats(table);
        DynamoSmsLedger ledger = new DynamoSmsLedger(table);
        SmsDelivery.Timeline timeline = (tenant, message, state, at) -> {
                    if (message.ticketId() != null) {
                        tickets.addEvent(message.tenantId(), message.ticketId(), message instanceof OutboundSms
                                ? ch.opsfabric.ticket.TicketEvent.delivery(at, message.kindName(), state, message.idempotencyKey())
                                : ch.opsfabric.ticket.TicketEvent.emailDelivery(at, message.kindName(), state,
                                        message.idempotencyKey()));
                    }
                    if (!(message instanceof OutboundSms sms)) {
                        return;
                    }
                    ch.opsfabric.stats.DailyStats.Counter sent = !state.equals("sent") ? null : switch (sms.kind()) {
                        case MISSED_CALL_MENU -> ch.opsfabric.stats.DailyStats.Counter.MENU_SMS_SENT;
                        case REVIEW_REQUEST -> ch.opsfabric.stats.DailyStats.Counter.REVIEW_REQUESTS_SENT;
                        default -> null;
                    };
                    if (sent != null) {
                        stats.count(sms.tenantId(), at.atZone(tenant.config().zone()).toLocalDate(), sent);
                    }
                };
        this.pause = new ProviderPause(clock);
        this.delivery = new SmsDelivery(tenants, optOuts, ledger, byName, clock, timeline, pause);
        this.emailDelivery = new EmailDelivery(tenants, ledger, email, fromAddress, clock, timeline, pause);
        this.whatsAppDelivery = new WhatsAppDelivery(tenants, optOuts, ledger, whatsapp,
                new ch.opsfabric.store.DynamoWhatsAppWindows(table), new ch.opsfabric.store.DynamoWhatsAppReceipts(table),
                delivery, clock, pause);
        this.warmUp = () -> {
            // reading a batch and the lookups a delivery makes; a delivery itself claims, so it is not primed
            byte[] sample = ("{\"Records\":[{\"messageId\":\"priming\",\"body\":" + Json.MAPPER.valueToTree(
                    new OutboundSms("opsfabric-priming", "+41795550000", "Priming", SmsKind.TICKET_CONFIRMATION,
                            Urgency.MEDIUM, "priming", null, clock.instant()).toJson()) + "}]}")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
            try {
                SqsBatch.read(new java.io.ByteArrayInputStream(sample)).messages()
                        .forEach(m -> OutboundSms.fromJson(m.body()));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            tenants.byId("opsfabric-priming");
            optOuts.isOptedOut("opsfabric-priming", "+41795550000");
            SqsBatch.failures(List.of("priming"));
            // the writes: built, marshalled and signed by dry-run clients, stopped before sending
            DryRunWrites.warm(clock.instant());
        };
    }

    /** In Lambda: region, table and provider credentials from the environment template.yaml gives it. */
    public static SmsSenderWiring fromEnvironment() {
        Clock clock = Cloud.clock();
        return new SmsSenderWiring(clock, Cloud.dynamo(), Env.require("TABLE_NAME"), SenderProviders.fromEnvironment(clock),
                SenderProviders.emailFromEnvironment(clock), Env.require("EMAIL_FROM_ADDRESS"),
                SenderProviders.whatsAppFromEnvironment(clock), retryDelaysFromEnvironment());
    }

    private static RetryDelays retryDelaysFromEnvironment() {
        String endpoint = Env.optional("AWS_ENDPOINT_URL_SQS");
        return new RetryDelays(new SqsVisibility(endpoint == null ? null : java.net.URI.create(endpoint),
                Env.require("OUTBOUND_QUEUE_URL"), Env.require("AWS_REGION"), Cloud.credentials()),
                Env.integer("RETRY_BASE_SECONDS", 90), Env.integer("RETRY_MAX_SECONDS", 900));
    }

    RetryDelays retryDelays() {
        return retryDelays;
    }

    ProviderPause pause() {
        return pause;
    }

    /** SnapStart priming: the request path once, reads only. */
    public void warmUp() {
        warmUp.run();
    }

    WhatsAppDelivery whatsAppDelivery() {
        return whatsAppDelivery;
    }

    EmailDelivery emailDelivery() {
        return emailDelivery;
    }

    SmsDelivery delivery() {
        return delivery;
    }
}
