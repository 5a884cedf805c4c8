package ch.opsfabric.missedcall;

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
import ch.opsfabric.store.DynamoCallStats;
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
 * Everything the missed-call function uses, built once per JVM: the table's tenants, tickets,
 * SMS windows and call counts, the outbound queue (its menu SMS answers a call that just
 * happened, so nothing is ever deferred and no Scheduler client is built), the templates, and
 * one route per telephony provider in front of one {@link MissedCallRecovery}.
 */
public final class MissedCallWiring {

    private final ApiDispatcher dispatcher;
    private final Runnable warmUp;

    public MissedCallWiring(Clock clock, DynamoDbClient dynamo, String tableName, SqsClient sqs, String outboundQueueUrl,
                     Settings settings) {
        this(clock, dynamo, tableName, sqs, outboundQueueUrl, settings, "wss://voice.invalid/none");
    }

    /** @param voiceSocketUrl the ConversationRelay socket of the digital assistant ({@code voice_agent}) */
    public MissedCallWiring(Clock clock, DynamoDbClient dynamo, String tableName, SqsClient sqs, String outboundQueueUrl,
                     Settings settings, String voiceSocketUrl) {
        SingleTable table = SingleTable.of(dynamo, tableName);
        SqsSmsOutbox outbox = new SqsSmsOutbox(sqs, outboundQueueUrl);
        SmsTemplates templates = new SmsTemplates();
        SmsDispatch sms = ch.opsfabric.app.TicketIntakes.dispatch(table, outbox, DeferredDelivery.NONE, clock);
        DynamoTenantDirectory tenants = new DynamoTenantDirectory(table, Cloud.tenantCacheNanos());
        MissedCallRecovery recovery = new MissedCallRecovery(clock,
                tenants,
                TicketIntakes.inTable(table, new DynamoTicketStore(table), sms, clock, settings.publicBaseUrl()),
                new DynamoCallStats(table),
                new DynamoSmsWindows(table),
                sms,
                templates);
        TwilioMissedCallRoute twilio = new TwilioMissedCallRoute(settings, recovery);
        VoiceEntryRoute voice = new VoiceEntryRoute(settings, tenants, twilio, voiceSocketUrl);
        this.dispatcher = new ApiDispatcher(Map.of(
                "POST /api/webhook/missed-call", new GenericMissedCallRoute(settings, recovery),
                "POST /api/webhook/missed-call/twilio", twilio,
                "POST /api/webhook/missed-call/sipgate", new SipgateMissedCallRoute(settings, recovery),
                "POST /api/webhook/voice/twilio", voice,
                "POST /api/webhook/voice/twilio/after", voice), OriginGuard.of(settings.secrets().originVerifySecret()));
        ApiDispatcher routes = this.dispatcher;
        this.warmUp = () -> {
            // an answered call reads the tenant and stops: nothing is written, whoever has the line
            recovery.handle(new MissedCall("priming", "priming", "+41795550000", "+41445550000", false));
            // the route, its JSON and HMAC, refused at the signature
            routes.prime(SyntheticRequests.request("POST", "/api/webhook/missed-call", "/api/webhook/missed-call",
                    Map.of("content-type", "application/json", OpsFabricSignature.HEADER, "sha256=00"),
                    "{\"from\":\"0795550000\",\"to\":\"+41445550000\",\"callId\":\"priming\"}"));
            outbox.warm();
            // the writes: built, marshalled and signed by dry-run clients, stopped before sending
            DryRunWrites.warm(clock.instant());
            DryRunSqs.warm(clock.instant());
            templates.render(SmsTemplates.Name.MISSED_CALL_MENU, Map.of("business", "OpsFabric"));
            // the holiday table is read once per JVM: before the snapshot, not in the first call
            ch.opsfabric.time.SwissHolidays.isWorkingDay(ch.opsfabric.time.SwissHolidays.DEFAULT_CANTON,
                    java.time.LocalDate.now(clock));
        };
    }

    /** In Lambda: region, table, queue and secrets from the environment template.yaml gives it. */
    public static MissedCallWiring fromEnvironment() {
        return new MissedCallWiring(Cloud.clock(), Cloud.dynamo(), Env.require("TABLE_NAME"), Cloud.sqs(),
                Env.require("OUTBOUND_QUEUE_URL"), Cloud.settings(), Env.require("VOICE_SOCKET_URL"));
    }

    /** SnapStart priming: the request path once, reads only. */
    public void warmUp() {
        warmUp.run();
    }

    ApiDispatcher dispatcher() {
        return dispatcher;
    }
}
