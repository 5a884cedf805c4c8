package ch.opsfabric.reviewcron;

import ch.opsfabric.app.AppContext;
import ch.opsfabric.log.Log;
import ch.opsfabric.log.Metrics;
import ch.opsfabric.messaging.OutboundSms;
import ch.opsfabric.messaging.SmsKind;
import ch.opsfabric.messaging.SmsTemplates;
import ch.opsfabric.phone.PhoneNumbers;
import ch.opsfabric.store.DynamoReviewQueue;
import ch.opsfabric.tenant.Module;
import ch.opsfabric.tenant.Tenant;
import ch.opsfabric.ticket.Ticket;
import ch.opsfabric.ticket.Urgency;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One run of the review engine: the review requests due now, each sent once. Tenants without
 * the module or a Google review link, and opted-out numbers, are taken out of the queue for good;
 * tickets of a tenant in its quiet hours stay for the next run after 07:00. Work per run is
 * bounded; what is left is picked up a quarter of an hour later.
 */
final class ReviewRequests {

    static final int PAGE = 50;
    static final int MAX_PER_RUN = 200;

    record Result(int due, int sent, int skipped, int waiting, int claimedElsewhere, int failed, double readUnits) {
    }

    private final AppContext app;

    ReviewRequests(AppContext app) {
        this.app = app;
    }

    Result run() {
        Instant now = app.clock().instant();
        int due = 0;
        int sent = 0;
        int skipped = 0;
        int waiting = 0;
        int claimedElsewhere = 0;
        int failed = 0;
        double readUnits = 0;
        Map<String, AttributeValue> next = null;
        do {
            DynamoReviewQueue.DuePage page = app.reviews().due(now, PAGE, next);
            readUnits += page.consumedReadUnits();
            next = page.next();
            for (Ticket ticket : page.tickets()) {
                due++;
                switch (handle(ticket, now)) {
                    case SENT -> sent++;
                    case SKIPPED -> skipped++;
                    case WAITING -> waiting++;
                    case CLAIMED_ELSEWHERE -> claimedElsewhere++;
                    case FAILED -> failed++;
                    default -> throw new IllegalStateException();
                }
            }
        } while (next != null && due < MAX_PER_RUN);
        Result result = new Result(due, sent, skipped, waiting, claimedElsewhere, failed, readUnits);
        Log.info("review.run", Map.of("due", due, "sent", sent, "skipped", skipped, "waiting", waiting,
                "claimedElsewhere", claimedElsewhere, "failed", failed, "readUnits", readUnits));
        return result;
    }

    private enum Outcome { SENT, SKIPPED, WAITING, CLAIMED_ELSEWHERE, FAILED }

    private Outcome handle(Ticket ticket, Instant now) {
        Optional<Tenant> found = app.tenants().byId(ticket.tenantId());
        String reason = skipReason(found, ticket);
        if (reason != null) {
            app.reviews().drop(ticket.tenantId(), ticket.id(), reason, now);
            Log.info("review.skipped", Map.of("tenant", ticket.tenantId(), "ticket", ticket.id(), "reason", reason));
            return Outcome.SKIPPED;
        }
        Tenant tenant = found.get();
        if (tenant.config().quietHours().isQuiet(now, tenant.config().zone())) {
            return Outcome.WAITING;
        }
        String token = app.reviews().createLink(tenant.id(), ticket.id(), now);
        if (!app.reviews().claim(tenant.id(), ticket.id(), token, now)) {
            return Outcome.CLAIMED_ELSEWHERE;
        }
        String link = app.settings().publicBaseUrl() + "/r/" + token;
        String text = app.smsTemplates().render(SmsTemplates.Name.REVIEW_REQUEST,
                Map.of("business", tenant.name(), "link", link));
        try {
            app.sms().send(tenant, new OutboundSms(tenant.id(), ticket.phone(), text, SmsKind.REVIEW_REQUEST, Urgency.LOW,
                    "review:" + ticket.id(), ticket.id(), now));
        } catch (RuntimeException e) {
            app.reviews().release(ticket);
            Log.error("review.send_failed", Map.of("tenant", tenant.id(), "ticket", ticket.id()), e);
            return Outcome.FAILED;
        }
        Metrics.count(Metrics.Event.REVIEW_SENT, tenant.id());
        Log.info("review.sent", Map.of("tenant", tenant.id(), "ticket", ticket.id(),
                "to", PhoneNumbers.mask(ticket.phone())));
        return Outcome.SENT;
    }

    /** Why this ticket will never get a review request, or null when it may. */
    private String skipReason(Optional<Tenant> tenant, Ticket ticket) {
        if (tenant.isEmpty()) {
            return "tenant_gone";
        }
        if (!tenant.get().has(Module.REVIEW_ENGINE) || !tenant.get().has(Module.SMS)) {
            return "module_off";
        }
        if (tenant.get().config().googleReview().isEmpty()) {
            return "no_review_link";
        }
        if (!PhoneNumbers.isMobile(ticket.phone())) {
            return "no_mobile";
        }
        if (app.optOuts().isOptedOut(ticket.tenantId(), ticket.phone())) {
            return "opted_out";
        }
        return null;
    }
}
