package ch.opsfabric.ticketintake;

import ch.opsfabric.attachment.AttachmentDeletion;
import ch.opsfabric.attachment.S3AttachmentStore;
import ch.opsfabric.privacy.PersonalData;
import ch.opsfabric.store.DynamoOptOuts;
import ch.opsfabric.store.DynamoPersonalRecords;
import ch.opsfabric.messaging.StatusUpdates;

import ch.opsfabric.app.Cloud;
import ch.opsfabric.app.TicketIntakes;
import ch.opsfabric.app.Env;
import ch.opsfabric.app.Settings;
import ch.opsfabric.http.ApiDispatcher;
import ch.opsfabric.http.OriginGuard;
import ch.opsfabric.http.SyntheticRequests;
import ch.opsfabric.intake.IntakeSubmission;
import ch.opsfabric.intake.TicketRequest;
import ch.opsfabric.messaging.DeferredDelivery;
import ch.opsfabric.messaging.DryRunSqs;
import ch.opsfabric.messaging.SchedulerDeferredDelivery;
import ch.opsfabric.messaging.SmsDispatch;
import ch.opsfabric.messaging.SmsTemplates;
import ch.opsfabric.messaging.SqsSmsOutbox;
import ch.opsfabric.store.DryRunWrites;
import ch.opsfabric.store.DynamoFormRefs;
import ch.opsfabric.store.DynamoRateLimiter;
import ch.opsfabric.store.DynamoTenantDirectory;
import ch.opsfabric.store.DynamoTicketStore;
import ch.opsfabric.store.SingleTable;
import ch.opsfabric.tenant.Branch;
import ch.opsfabric.tenant.TenantDirectory;
import ch.opsfabric.ticket.TicketStore;
import java.time.Clock;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Everything the ticket-intake function uses, built once per JVM: tenants, tickets, form links
 * and the intake rate limit in the table; the outbound queue; and EventBridge Scheduler, the one
 * function besides the review cron that defers SMS (a status update at night waits for 07:00).
 * Routes: the public intake and the staff ticket API behind the tenant's API key.
 */
public final class TicketIntakeWiring {

    private final ApiDispatcher dispatcher;
    private final Runnable warmUp;

    /** @param attachments where an erasure deletes the person's files */
    public TicketIntakeWiring(Clock clock, DynamoDbClient dynamo, String tableName, SqsClient sqs, String outboundQueueUrl,
                       DeferredDelivery deferred, Settings settings, AttachmentDeletion attachments) {
        SingleTable table = SingleTable.of(dynamo, tableName);
        TenantDirectory tenants = new DynamoTenantDirectory(table, Cloud.tenantCacheNanos());
        TicketStore tickets = new DynamoTicketStore(table);
        ch.opsfabric.store.DynamoDailyStats stats = new ch.opsfabric.store.DynamoDailyStats(table);
        SqsSmsOutbox outbox = new SqsSmsOutbox(sqs, outboundQueueUrl);
        SmsDispatch sms = ch.opsfabric.app.TicketIntakes.dispatch(table, outbox, deferred, clock);
        SmsTemplates templates = new SmsTemplates();
        IntakeSubmission submission = new IntakeSubmission(clock,
                new DynamoRateLimiter(table, settings.intakeRateLimitPerMinute()), tenants, TicketIntakes.inTable(table, tickets, sms, clock, settings.publicBaseUrl()),
                tickets, new DynamoFormRefs(table), sms, templates, TicketIntakes.emailConfirmations(table, outbox, templates));
        StaffAuth auth = new StaffAuth(tenants);
        ch.opsfabric.contact.Contacts contacts = TicketIntakes.contacts(table, tickets);
        PersonalData personal = new PersonalData(clock, contacts, tickets, new DynamoOptOuts(table),
                new DynamoPersonalRecords(table), attachments);
        this.dispatcher = new ApiDispatcher(Map.ofEntries(
                Map.entry("GET /api/contacts/{id}", ContactRoutes.get(contacts, auth)),
                Map.entry("GET /api/contacts/{id}/export", ContactRoutes.export(clock, personal, auth)),
                Map.entry("POST /api/contacts/{id}/erase", ContactRoutes.erase(personal, auth)),
                Map.entry("POST /api/contacts/{id}/merge", ContactRoutes.merge(clock, contacts, auth)),
                Map.entry("POST /api/ticket", new CreateTicketRoute(submission)),
                Map.entry("GET /api/tickets", new ListTicketsRoute(clock, tickets, auth)),
                Map.entry("POST /api/tickets", new CreateStaffTicketRoute(clock, submission, auth)),
                Map.entry("GET /api/tickets/{id}", new GetTicketRoute(clock, tickets, auth)),
                Map.entry("PATCH /api/tickets/{id}", new UpdateTicketRoute(clock, tickets, auth, new StatusUpdates(sms, templates),
                        new ch.opsfabric.stats.TicketMilestones(stats, tickets)))), OriginGuard.of(settings.secrets().originVerifySecret()));
        ApiDispatcher routes = this.dispatcher;
        this.warmUp = () -> {
            // an unknown staff key is refused after one read; a submission would count against the rate limit
            routes.prime(SyntheticRequests.request("GET", "/api/tickets", "/api/tickets",
                    Map.of("authorization", "Bearer opsfabric-priming"), null));
            submission.tenantOf("opsfabric-priming");
            TicketRequest.validate("opsfabric-priming", Map.of("flow", "standard", "name", "Priming",
                    "phone", "079 555 00 00", "message", "Priming"), Branch.HANDWERK);
            outbox.warm();
            // the writes: built, marshalled and signed by dry-run clients, stopped before sending
            DryRunWrites.warm(clock.instant());
            DryRunSqs.warm(clock.instant());
            templates.render(SmsTemplates.Name.TICKET_CONFIRMATION, Map.of("business", "OpsFabric", "reference", "K-0000-0000"));
        };
    }

    /** SnapStart priming: the request path once, reads only. */
    public void warmUp() {
        warmUp.run();
    }

    /** In Lambda: region, table, queue, Scheduler target and settings from the environment template.yaml gives it. */
    public static TicketIntakeWiring fromEnvironment() {
        String s3 = Env.optional("AWS_ENDPOINT_URL_S3");
        return new TicketIntakeWiring(Cloud.clock(), Cloud.dynamo(), Env.require("TABLE_NAME"), Cloud.sqs(),
                Env.require("OUTBOUND_QUEUE_URL"), SchedulerDeferredDelivery.fromEnvironment(), Cloud.settings(),
                new S3AttachmentStore(s3 == null ? null : java.net.URI.create(s3), Env.require("ATTACHMENT_BUCKET"),
                        Env.require("AWS_REGION"), Cloud.credentials()));
    }

    ApiDispatcher dispatcher() {
        return dispatcher;
    }
}
