package ch.opsfabric.site;

import ch.opsfabric.http.OriginGuard;
import ch.opsfabric.app.Cloud;
import ch.opsfabric.app.TicketIntakes;
import ch.opsfabric.app.Env;
import ch.opsfabric.app.Settings;
import ch.opsfabric.intake.IntakeSubmission;
import ch.opsfabric.json.Json;
import ch.opsfabric.messaging.DeferredDelivery;
import ch.opsfabric.messaging.DryRunSqs;
import ch.opsfabric.messaging.SmsDispatch;
import ch.opsfabric.messaging.SmsTemplates;
import ch.opsfabric.messaging.SqsSmsOutbox;
import ch.opsfabric.review.ReviewLinks;
import ch.opsfabric.store.DryRunWrites;
import ch.opsfabric.store.DynamoFormRefs;
import ch.opsfabric.store.DynamoRateLimiter;
import ch.opsfabric.store.DynamoReviewQueue;
import ch.opsfabric.store.DynamoTenantDirectory;
import ch.opsfabric.store.DynamoTicketStore;
import ch.opsfabric.store.SingleTable;
import ch.opsfabric.tenant.Tenant;
import ch.opsfabric.tenant.TenantDirectory;
import ch.opsfabric.tenant.TenantJson;
import ch.opsfabric.ticket.TicketStore;
import java.time.Clock;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Everything the site renderer uses, built once per JVM: the page templates (compiled here, at
 * init), tenants, review links, and for the wizard's plain form post the same intake as
 * {@code POST /api/ticket}: rate limit, tickets, form links and the outbound queue for the
 * confirmation (an answer to the customer's own request: never deferred, no Scheduler client).
 */
public final class SiteRendererWiring {

    private final OriginGuard origin;
    private final Clock clock;
    private final TenantDirectory tenants;
    private final ReviewLinks reviewLinks;
    private final ch.opsfabric.stats.DailyStats stats;
    private final SitePages pages;
    private final IntakeSubmission submission;
    private final Runnable warmUp;

    public SiteRendererWiring(Clock clock, DynamoDbClient dynamo, String tableName, SqsClient sqs, String outboundQueueUrl,
                       Settings settings) {
        SingleTable table = SingleTable.of(dynamo, tableName);
        this.clock = clock;
        this.tenants = new DynamoTenantDirectory(table, Cloud.tenantCacheNanos());
        this.reviewLinks = new DynamoReviewQueue(table);
        this.stats = new ch.opsfabric.store.DynamoDailyStats(table);
        this.origin = OriginGuard.of(settings.secrets().originVerifySecret());
        this.pages = new SitePages(new PageTemplates(), settings.publicBaseUrl());
        TicketStore tickets = new DynamoTicketStore(table);
        SqsSmsOutbox outbox = new SqsSmsOutbox(sqs, outboundQueueUrl);
        SmsDispatch sms = ch.opsfabric.app.TicketIntakes.dispatch(table, outbox, DeferredDelivery.NONE, clock);
        SmsTemplates templates = new SmsTemplates();
        this.submission = new IntakeSubmission(clock, new DynamoRateLimiter(table, settings.intakeRateLimitPerMinute()),
                tenants, TicketIntakes.inTable(table, tickets, sms, clock, settings.publicBaseUrl()), tickets,
                new DynamoFormRefs(table), sms, templates, TicketIntakes.emailConfirmations(table, outbox, templates));
        this.warmUp = () -> {
            // pages are reads: one lookup, and every page of a made-up tenant rendered in memory
            tenants.bySlug("opsfabric-priming");
            Tenant sample = TenantJson.read(Json.parse("{\"id\":\"priming\",\"slug\":\"opsfabric-priming\","
                    + "\"name\":\"OpsFabric\",\"branch\":\"handwerk\",\"config\":{\"phoneLines\":[\"+41445550000\"]}}"));
            pages.home(sample);
            pages.landing(sample);
            for (String page : new String[] {"leistungen", "kontakt", "impressum", "datenschutz"}) {
                pages.page(sample, page);
            }
            pages.wizard(sample, null, null, Map.of(), Map.of());
            sample.flows().forEach(flow -> pages.wizard(sample, flow, null, Map.of(), Map.of()));
            pages.thanks(sample, "K-0000-0000");
            pages.notFound(null, "Seite nicht gefunden", "Diese Seite gibt es nicht.");
            outbox.warm();
            // the writes: built, marshalled and signed by dry-run clients, stopped before sending
            DryRunWrites.warm(clock.instant());
            DryRunSqs.warm(clock.instant());
        };
    }

    /** SnapStart priming: the request path once, reads only. */
    public void warmUp() {
        warmUp.run();
    }

    /** In Lambda: region, table, queue and settings from the environment template.yaml gives it. */
    public static SiteRendererWiring fromEnvironment() {
        return new SiteRendererWiring(Cloud.clock(), Cloud.dynamo(), Env.require("TABLE_NAME"), Cloud.sqs(),
                Env.require("OUTBOUND_QUEUE_URL"), Cloud.settings());
    }

    OriginGuard origin() {
        return origin;
    }

    Clock clock() {
        return clock;
    }

    TenantDirectory tenants() {
        return tenants;
    }

    ReviewLinks reviewLinks() {
        return reviewLinks;
    }

    ch.opsfabric.stats.DailyStats stats() {
        return stats;
    }

    SitePages pages() {
        return pages;
    }

    IntakeSubmission submission() {
        return submission;
    }
}
