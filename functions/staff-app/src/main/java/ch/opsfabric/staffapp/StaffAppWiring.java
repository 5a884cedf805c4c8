package ch.opsfabric.staffapp;

import ch.opsfabric.attachment.AttachmentDeletion;
import ch.opsfabric.attachment.S3AttachmentStore;
import ch.opsfabric.privacy.PersonalData;
import ch.opsfabric.store.DynamoPersonalRecords;
import ch.opsfabric.app.Cloud;
import ch.opsfabric.app.TicketIntakes;
import ch.opsfabric.app.Env;
import ch.opsfabric.app.Settings;
import ch.opsfabric.http.ApiDispatcher;
import ch.opsfabric.http.OriginGuard;
import ch.opsfabric.http.ApiRoute;
import ch.opsfabric.http.SyntheticRequests;
import ch.opsfabric.intake.IntakeSubmission;
import ch.opsfabric.messaging.DeferredDelivery;
import ch.opsfabric.messaging.DryRunSqs;
import ch.opsfabric.messaging.SchedulerDeferredDelivery;
import ch.opsfabric.messaging.SmsDispatch;
import ch.opsfabric.messaging.SmsTemplates;
import ch.opsfabric.messaging.SqsSmsOutbox;
import ch.opsfabric.messaging.StatusUpdates;
import ch.opsfabric.store.DryRunWrites;
import ch.opsfabric.store.DynamoLoginCodes;
import ch.opsfabric.store.DynamoOptOuts;
import ch.opsfabric.store.DynamoRateLimiter;
import ch.opsfabric.store.DynamoSessions;
import ch.opsfabric.store.DynamoSmsThreads;
import ch.opsfabric.store.DynamoStaffDirectory;
import ch.opsfabric.store.DynamoTenantDirectory;
import ch.opsfabric.store.DynamoTicketStore;
import ch.opsfabric.store.SingleTable;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Everything the staff app uses, built once per JVM: tenants, staff, sign-in codes, sessions,
 * tickets, opt-outs and SMS threads in the table; the outbound queue; Scheduler for the
 * appointment SMS that waits for the morning. Pages under {@code /app/}, server-rendered.
 */
public final class StaffAppWiring {

    /** Codes per number and minute: enough for a typo, too few to flood someone's phone. */
    static final int CODES_PER_NUMBER_PER_MINUTE = 3;

    private final ApiDispatcher dispatcher;
    private final Runnable warmUp;

    /** @param attachments where an erasure (owners, on the ticket page) deletes the person's files */
    public StaffAppWiring(Clock clock, DynamoDbClient dynamo, String tableName, SqsClient sqs, String outboundQueueUrl,
                          DeferredDelivery deferred, Settings settings, AttachmentDeletion attachments) {
        SingleTable table = SingleTable.of(dynamo, tableName);
        DynamoTenantDirectory tenants = new DynamoTenantDirectory(table, Cloud.tenantCacheNanos());
        SqsSmsOutbox outbox = new SqsSmsOutbox(sqs, outboundQueueUrl);
        SmsDispatch sms = ch.opsfabric.app.TicketIntakes.dispatch(table, outbox, deferred, clock);
        SmsTemplates templates = new SmsTemplates();
        DynamoStaffDirectory staff = new DynamoStaffDirectory(table);
        SignIn signIn = new SignIn(clock, tenants, staff, new DynamoLoginCodes(table),
                new DynamoSessions(table), new DynamoRateLimiter(table, CODES_PER_NUMBER_PER_MINUTE),
                new DynamoRateLimiter(table, settings.intakeRateLimitPerMinute()), sms, templates);
        DynamoTicketStore tickets = new DynamoTicketStore(table);
        ch.opsfabric.store.DynamoDailyStats stats = new ch.opsfabric.store.DynamoDailyStats(table);
        TicketDesk desk = new TicketDesk(clock, tickets, new DynamoOptOuts(table), sms,
                new DynamoSmsThreads(table), new StatusUpdates(sms, templates), new ch.opsfabric.stats.TicketMilestones(stats, tickets));
        AppHttp http = new AppHttp(settings.publicBaseUrl());
        AppPages pages = new AppPages();
        Map<String, ApiRoute> routes = new LinkedHashMap<>();
        routes.put("GET /app", new AppHomeRoute());
        routes.put("GET /app/login", new LoginPageRoute(signIn, http, pages));
        routes.put("POST /app/login", new RequestCodeRoute(signIn, http, pages));
        routes.put("GET /app/login/code", new CodePageRoute(http, pages));
        routes.put("POST /app/login/code", new VerifyCodeRoute(signIn, http, pages));
        routes.put("POST /app/logout", new LogoutRoute(signIn, http, pages));
        routes.put("GET /app/tickets", new InboxRoute(clock, signIn, http, pages, desk));
        ch.opsfabric.contact.Contacts contacts = TicketIntakes.contacts(table, tickets);
        ContactDesk people = new ContactDesk(contacts, tickets, clock, new PersonalData(clock, contacts, tickets,
                new DynamoOptOuts(table), new DynamoPersonalRecords(table), attachments));
        routes.put("GET /app/tickets/{id}", new TicketPageRoute(clock, signIn, http, pages, desk, people));
        routes.put("POST /app/tickets/{id}", new TicketActionRoute(clock, signIn, http, pages, desk, people));
        routes.put("GET /app/tickets/{id}/export", new PersonExportRoute(clock, signIn, http, pages, desk, people));
        IntakeSubmission submission = new IntakeSubmission(clock, new DynamoRateLimiter(table, settings.intakeRateLimitPerMinute()),
                tenants, TicketIntakes.inTable(table, tickets, sms, clock, settings.publicBaseUrl()), tickets, new ch.opsfabric.store.DynamoFormRefs(table), sms, templates,
                TicketIntakes.emailConfirmations(table, outbox, templates));
        NewTicketRoute newTicket = new NewTicketRoute(signIn, http, pages, submission);
        routes.put("GET /app/tickets/new", newTicket);
        routes.put("POST /app/tickets/new", newTicket);
        TeamRoute team = new TeamRoute(signIn, http, pages, staff);
        routes.put("GET /app/team", team);
        routes.put("POST /app/team", team);
        routes.put("POST /app/switch", new SwitchBusinessRoute(signIn, http, pages));
        RoiReport report = new RoiReport(clock, stats);
        routes.put("GET /app/roi", new RoiRoute(signIn, http, pages, report));
        routes.put("GET /app/roi/export", new RoiExportRoute(signIn, http, pages, report));
        // a failure is a friendly page, never JSON or a stack trace
        this.dispatcher = new ApiDispatcher(routes, (request, failure) -> AppHttp.page(failure.status(),
                pages.error(null, failure.status() == 404 ? "Seite nicht gefunden" : "Das hat nicht geklappt",
                        failure.getMessage())), OriginGuard.of(settings.secrets().originVerifySecret()));
        ApiDispatcher api = dispatcher;
        this.warmUp = () -> {
            // reads only: the sign-in page, and an unknown session sent to the sign-in
            api.prime(SyntheticRequests.request("GET", "/app/login", "/app/login", Map.of(), null));
            api.prime(SyntheticRequests.request("GET", "/app/tickets", "/app/tickets",
                    Map.of(), null));
            signIn.current("x".repeat(44));
            outbox.warm();
            DryRunWrites.warm(clock.instant());
            DryRunSqs.warm(clock.instant());
        };
    }

    /** SnapStart priming: the request path once, reads only. */
    public void warmUp() {
        warmUp.run();
    }

    /** In Lambda: region, table, queue, Scheduler target and settings from the environment template.yaml gives it. */
    public static StaffAppWiring fromEnvironment() {
        String s3 = Env.optional("AWS_ENDPOINT_URL_S3");
        return new StaffAppWiring(Cloud.clock(), Cloud.dynamo(), Env.require("TABLE_NAME"), Cloud.sqs(),
                Env.require("OUTBOUND_QUEUE_URL"), SchedulerDeferredDelivery.fromEnvironment(), Cloud.settings(),
                new S3AttachmentStore(s3 == null ? null : java.net.URI.create(s3), Env.require("ATTACHMENT_BUCKET"),
                        Env.require("AWS_REGION"), Cloud.credentials()));
    }

    ApiDispatcher dispatcher() {
        return dispatcher;
    }
}
