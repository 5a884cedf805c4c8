package ch.opsfabric.reviewcron;

import ch.opsfabric.http.OriginGuard;
import ch.opsfabric.app.Cloud;
import ch.opsfabric.app.Env;
import ch.opsfabric.app.Settings;
import ch.opsfabric.messaging.DeferredDelivery;
import ch.opsfabric.messaging.DryRunSqs;
import ch.opsfabric.messaging.SchedulerDeferredDelivery;
import ch.opsfabric.messaging.SmsDispatch;
import ch.opsfabric.messaging.SmsTemplates;
import ch.opsfabric.messaging.SqsSmsOutbox;
import ch.opsfabric.store.DryRunWrites;
import ch.opsfabric.store.DynamoOptOuts;
import ch.opsfabric.store.DynamoReviewQueue;
import ch.opsfabric.store.DynamoTenantDirectory;
import ch.opsfabric.store.SingleTable;
import java.time.Clock;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Everything the review cron uses, built once per JVM: the due-review index, tenants and
 * opt-outs in the table; the outbound queue; EventBridge Scheduler for the rare request that
 * meets the start of quiet hours between the cron's check and its send (the cron itself waits
 * for the morning); and the cron secret of the HTTP trigger.
 */
public final class ReviewCronWiring {

    private final ReviewRequests reviews;
    private final StaffNoticeRun notices;
    private final String cronSecret;
    private final OriginGuard origin;
    private final Runnable warmUp;

    public ReviewCronWiring(Clock clock, DynamoDbClient dynamo, String tableName, SqsClient sqs, String outboundQueueUrl,
                     DeferredDelivery deferred, Settings settings) {
        SingleTable table = SingleTable.of(dynamo, tableName);
        DynamoReviewQueue queue = new DynamoReviewQueue(table);
        SqsSmsOutbox outbox = new SqsSmsOutbox(sqs, outboundQueueUrl);
        SmsTemplates templates = new SmsTemplates();
        DynamoTenantDirectory tenants = new DynamoTenantDirectory(table, Cloud.tenantCacheNanos());
        SmsDispatch sms = ch.opsfabric.app.TicketIntakes.dispatch(table, outbox, deferred, clock);
        // of the function's 60 s, 40 for starting pages of due requests; the staff notices follow
        this.reviews = new ReviewRequests(clock, queue, tenants, new DynamoOptOuts(table), sms, templates,
                settings.publicBaseUrl(), java.time.Duration.ofSeconds(40));
        ch.opsfabric.store.DynamoStaffDirectory staff = new ch.opsfabric.store.DynamoStaffDirectory(table);
        this.notices = new StaffNoticeRun(clock, new ch.opsfabric.store.DynamoTenantRegistry(table), staff,
                new ch.opsfabric.store.DynamoTicketStore(table),
                new ch.opsfabric.staff.StaffNotices(staff, sms, clock, settings.publicBaseUrl()));
        this.cronSecret = settings.secrets().cronSecret();
        this.origin = OriginGuard.of(settings.secrets().originVerifySecret());
        this.warmUp = () -> {
            // the due-review query and a tenant read; a run itself would claim tickets, so it is not primed
            queue.due(queue.partitions().get(0), clock.instant(), 1, null);
            tenants.byId("opsfabric-priming");
            outbox.warm();
            // the writes: built, marshalled and signed by dry-run clients, stopped before sending
            DryRunWrites.warm(clock.instant());
            DryRunSqs.warm(clock.instant());
            templates.render(SmsTemplates.Name.REVIEW_REQUEST, Map.of("business", "OpsFabric", "link", "https://example.invalid/r/x"));
        };
    }

    /** In Lambda: region, table, queue, Scheduler target and secrets from the environment template.yaml gives it. */
    public static ReviewCronWiring fromEnvironment() {
        return new ReviewCronWiring(Cloud.clock(), Cloud.dynamo(), Env.require("TABLE_NAME"), Cloud.sqs(),
                Env.require("OUTBOUND_QUEUE_URL"), SchedulerDeferredDelivery.fromEnvironment(), Cloud.settings());
    }

    /** SnapStart priming: the request path once, reads only. */
    public void warmUp() {
        warmUp.run();
    }

    ReviewRequests reviews() {
        return reviews;
    }

    StaffNoticeRun notices() {
        return notices;
    }

    OriginGuard origin() {
        return origin;
    }

    String cronSecret() {
        return cronSecret;
    }
}
