package ch.opsfabric.reviewcron;

import ch.opsfabric.log.Log;
import ch.opsfabric.log.Metrics;
import ch.opsfabric.messaging.OptOuts;
import ch.opsfabric.messaging.OutboundSms;
import ch.opsfabric.messaging.SmsDispatch;
import ch.opsfabric.messaging.SmsKind;
import ch.opsfabric.messaging.SmsTemplates;
import ch.opsfabric.phone.PhoneNumbers;
import ch.opsfabric.review.ReviewEligibility;
import ch.opsfabric.review.ReviewQueue;
import ch.opsfabric.tenant.Tenant;
import ch.opsfabric.tenant.TenantDirectory;
import ch.opsfabric.ticket.Ticket;
import ch.opsfabric.ticket.Urgency;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

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

    private final Clock clock;
    private final ReviewQueue reviews;
    private final TenantDirectory tenants;
    private final OptOuts optOuts;
    private final SmsDispatch sms;
    private final SmsTemplates templates;
    private final String publicBaseUrl;

    /** @param publicBaseUrl where the tracked link {@code /r/{token}} points */
    ReviewRequests(Clock clock, ReviewQueue reviews, TenantDirectory tenants, OptOuts optOuts, SmsDispatch sms,
                   SmsTemplates templates, String publicBaseUrl) {
        this.clock = clock;
        this.reviews = reviews;
        this.tenants = tenants;
        this.optOuts = optOuts;
        this.sms = sms;
        this.templates = templates;
        this.publicBaseUrl = publicBaseUrl;
    }

    Result run() {
        Instant now = clock.instant();
        int due = 0;
        int sent = 0;
        int skipped = 0;
        int waiting = 0;
        int claimedElsewhere = 0;
        int failed = 0;
        double readUnits = 0;
        ReviewQueue.Cursor next = null;
        do {
            ReviewQueue.DuePage page = reviews.due(now, PAGE, next);
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
        Optional<Tenant> found = tenants.byId(ticket.tenantId());
        String reason = skipReason(found, ticket);
        if (reason != null) {
            reviews.drop(ticket.tenantId(), ticket.id(), reason, now);
            Log.info("review.skipped", Map.of("tenant", ticket.tenantId(), "ticket", ticket.id(), "reason", reason));
            return Outcome.SKIPPED;
        }
        Tenant tenant = found.get();
        if (tenant.config().quietHours().isQuiet(now, tenant.config().zone())) {
            return Outcome.WAITING;
        }
        String token = reviews.createLink(tenant.id(), ticket.id(), now);
        if (!reviews.claim(tenant.id(), ticket.id(), token, now)) {
            return Outcome.CLAIMED_ELSEWHERE;
        }
        String link = publicBaseUrl + "/r/" + token;
        String text = templates.render(SmsTemplates.Name.REVIEW_REQUEST,
                Map.of("business", tenant.name(), "link", link));
        try {
            sms.send(tenant, new OutboundSms(tenant.id(), ticket.phone(), text, SmsKind.REVIEW_REQUEST, Urgency.LOW,
                    "review:" + ticket.id(), ticket.id(), now));
        } catch (RuntimeException e) {
            reviews.release(ticket);
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
        Optional<String> ineligible = ReviewEligibility.whyNot(tenant.get(), ticket.phone());
        if (ineligible.isPresent()) {
            return ineligible.get();
        }
        if (optOuts.isOptedOut(ticket.tenantId(), ticket.phone())) {
            return "opted_out";
        }
        return null;
    }
}
