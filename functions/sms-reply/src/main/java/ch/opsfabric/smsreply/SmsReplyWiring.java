package ch.opsfabric.smsreply;

import ch.opsfabric.app.Cloud;
import ch.opsfabric.app.TicketIntakes;
import ch.opsfabric.app.Env;
import ch.opsfabric.app.Settings;
import ch.opsfabric.http.ApiDispatcher;
import ch.opsfabric.http.OriginGuard;
import ch.opsfabric.http.SyntheticRequests;
import ch.opsfabric.messaging.DeferredDelivery;
import ch.opsfabric.messaging.DryRunSqs;
import ch.opsfabric.messaging.SmsDispatch;
import ch.opsfabric.messaging.SmsTemplates;
import ch.opsfabric.messaging.SqsSmsOutbox;
import ch.opsfabric.store.DryRunWrites;
import ch.opsfabric.store.DynamoFormRefs;
import ch.opsfabric.store.DynamoOptOuts;
import ch.opsfabric.store.DynamoSmsWindows;
import ch.opsfabric.store.DynamoTenantDirectory;
import ch.opsfabric.store.DynamoTicketStore;
import ch.opsfabric.store.SingleTable;
import ch.opsfabric.webhook.OpsFabricSignature;
import java.time.Clock;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Everything the sms-reply function uses, built once per JVM: tenants, tickets, opt-outs, form
 * links and the acknowledgement window in the table; the outbound queue (every SMS it sends
 * answers the customer's own message or alerts the owner, so none is deferred and no Scheduler
 * client is built); one route per SMS provider in front of one {@link SmsReplyProcessing}.
 */
public final class SmsReplyWiring {

    private final ApiDispatcher dispatcher;
    private final Runnable warmUp;

    public SmsReplyWiring(Clock clock, DynamoDbClient dynamo, String tableName, SqsClient sqs, String outboundQueueUrl,
                   Settings settings) {
        SingleTable table = SingleTable.of(dynamo, tableName);
        SqsSmsOutbox outbox = new SqsSmsOutbox(sqs, outboundQueueUrl);
        SmsTemplates templates = new SmsTemplates();
        SmsDispatch sms = ch.opsfabric.app.TicketIntakes.dispatch(table, outbox, DeferredDelivery.NONE, clock);
        SmsReplyProcessing processing = new SmsReplyProcessing(clock,
                new DynamoTenantDirectory(table, Cloud.tenantCacheNanos()),
                TicketIntakes.inTable(table, new DynamoTicketStore(table), sms, clock, settings.publicBaseUrl()),
                new DynamoOptOuts(table),
                new DynamoFormRefs(table),
                new ch.opsfabric.store.DynamoSmsThreads(table),
                new ch.opsfabric.store.DynamoDailyStats(table),
                new DynamoSmsWindows(table),
                sms,
                templates,
                settings.publicBaseUrl());
        EcallSmsReplyRoute ecall = new EcallSmsReplyRoute(settings, processing);
        this.dispatcher = new ApiDispatcher(Map.of(
                "POST /api/webhook/sms-reply", new GenericSmsReplyRoute(settings, processing),
                "POST /api/webhook/sms-reply/twilio", new TwilioSmsReplyRoute(settings, processing),
                "POST /api/webhook/sms-reply/ecall/{token}", ecall,
                "GET /api/webhook/sms-reply/ecall/{token}", ecall), OriginGuard.of(settings.secrets().originVerifySecret()));
        ApiDispatcher routes = this.dispatcher;
        this.warmUp = () -> {
            // a sender that is no number is refused after the tenant lookup: nothing is written
            processing.handle(new InboundSms("priming", "priming", "OpsFabric", "+41445550000", "1"));
            routes.prime(SyntheticRequests.request("POST", "/api/webhook/sms-reply", "/api/webhook/sms-reply",
                    Map.of("content-type", "application/json", OpsFabricSignature.HEADER, "sha256=00"),
                    "{\"from\":\"0795550000\",\"to\":\"+41445550000\",\"text\":\"1\",\"messageId\":\"priming\"}"));
            outbox.warm();
            // the writes: built, marshalled and signed by dry-run clients, stopped before sending
            DryRunWrites.warm(clock.instant());
            DryRunSqs.warm(clock.instant());
            templates.render(SmsTemplates.Name.REPLY_ACKNOWLEDGEMENT, Map.of("business", "OpsFabric"));
        };
    }

    /** SnapStart priming: the request path once, reads only. */
    public void warmUp() {
        warmUp.run();
    }

    /** In Lambda: region, table, queue and secrets from the environment template.yaml gives it. */
    public static SmsReplyWiring fromEnvironment() {
        return new SmsReplyWiring(Cloud.clock(), Cloud.dynamo(), Env.require("TABLE_NAME"), Cloud.sqs(),
                Env.require("OUTBOUND_QUEUE_URL"), Cloud.settings());
    }

    ApiDispatcher dispatcher() {
        return dispatcher;
    }
}
