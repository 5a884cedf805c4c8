package ch.opsfabric.missedcall;

import ch.opsfabric.app.Cloud;
import ch.opsfabric.app.Env;
import ch.opsfabric.app.Settings;
import ch.opsfabric.http.ApiDispatcher;
import ch.opsfabric.messaging.DeferredDelivery;
import ch.opsfabric.messaging.SmsDispatch;
import ch.opsfabric.messaging.SmsTemplates;
import ch.opsfabric.messaging.SqsSmsOutbox;
import ch.opsfabric.store.DynamoCallStats;
import ch.opsfabric.store.DynamoSmsWindows;
import ch.opsfabric.store.DynamoTenantDirectory;
import ch.opsfabric.store.DynamoTicketStore;
import ch.opsfabric.store.SingleTable;
import ch.opsfabric.ticket.TicketIntake;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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

    public MissedCallWiring(Clock clock, DynamoDbClient dynamo, String tableName, SqsClient sqs, String outboundQueueUrl,
                     Settings settings) {
        SingleTable table = SingleTable.of(dynamo, tableName);
        MissedCallRecovery recovery = new MissedCallRecovery(clock,
                new DynamoTenantDirectory(table, TimeUnit.SECONDS.toNanos(60)),
                new TicketIntake(new DynamoTicketStore(table)),
                new DynamoCallStats(table),
                new DynamoSmsWindows(table),
                new SmsDispatch(new SqsSmsOutbox(sqs, outboundQueueUrl), DeferredDelivery.NONE, clock),
                new SmsTemplates());
        this.dispatcher = new ApiDispatcher(Map.of(
                "POST /api/webhook/missed-call", new GenericMissedCallRoute(settings, recovery),
                "POST /api/webhook/missed-call/twilio", new TwilioMissedCallRoute(settings, recovery),
                "POST /api/webhook/missed-call/sipgate", new SipgateMissedCallRoute(settings, recovery)));
    }

    /** In Lambda: region, table, queue and secrets from the environment template.yaml gives it. */
    public static MissedCallWiring fromEnvironment() {
        return new MissedCallWiring(Cloud.clock(), Cloud.dynamo(), Env.require("TABLE_NAME"), Cloud.sqs(),
                Env.require("OUTBOUND_QUEUE_URL"), Cloud.settings());
    }

    ApiDispatcher dispatcher() {
        return dispatcher;
    }
}
