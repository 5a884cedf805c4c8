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
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One run of the review engine: the review requests due now, each sent once. Tenants without
 * the module or a Google review link, and opted-out numbers, are taken out of the queue for good;
 * tickets of a tenant in its quiet hours stay for the next run after 07:00.
 *
 * <p>The due requests sit in {@link ch.opsfabric.store.Keys#REVIEW_SHARDS} index partitions; a run
 * drains all of them with a bounded parallel loop ({@value #PARALLEL} partitions at a time), page
 * by page, until each is empty or the run's time budget is spent; what is left waits for the next
 * run, a quarter of an hour later. One invocation rather than one per shard: one schedule, one
 * warm tenant cache, and the claim (a conditional write) keeps overlapping runs to one SMS per
 * ticket either way.
 */
final class ReviewRequests {

    static final int PAGE = 50;
    static final int PARALLEL = 4;

    /** @param unfinished partitions the time budget cut short */
    record Result(int due, int sent, int skipped, int waiting, int claimedElsewhere, int failed, double readUnits,
                  int unfinished) {
    }

    /** Counted from several threads. */
    private static final class Counts {
        final java.util.concurrent.atomic.AtomicInteger due = new java.util.concurrent.atomic.AtomicInteger();
        final java.util.EnumMap<Outcome, java.util.concurrent.atomic.AtomicInteger> outcomes = new java.util.EnumMap<>(Outcome.class);
        final java.util.concurrent.atomic.DoubleAdder readUnits = new java.util.concurrent.atomic.DoubleAdder();
        final java.util.concurrent.atomic.AtomicInteger unfinished = new java.util.concurrent.atomic.AtomicInteger();

        Counts() {
            for (Outcome o : Outcome.values()) {
                outcomes.put(o, new java.util.concurrent.atomic.AtomicInteger());
            }
        }

        int of(Outcome o) {
            return outcomes.get(o).get();
        }
    }

    private final Clock clock;
    private final ReviewQueue reviews;
    private final TenantDirectory tenants;
    private final OptOuts optOuts;
    private final SmsDispatch sms;
    private final SmsTemplates templates;
    private final String publicBaseUrl;
    private final java.time.Duration budget;
    private final java.util.concurrent.ExecutorService workers = java.util.concurrent.Executors.newFixedThreadPool(PARALLEL, r -> {
        Thread t = new Thread(r, "review-drain");
        t.setDaemon(true);
        return t;
    });

    /**
     * @param publicBaseUrl where the tracked link {@code /r/{token}} points
     * @param budget        how long a run starts new pages (the function's timeout minus a page's time)
     */
    ReviewRequests(Clock clock, ReviewQueue reviews, TenantDirectory tenants, OptOuts optOuts, SmsDispatch sms,
                   SmsTemplates templates, String publicBaseUrl, java.time.Duration budget) {
        this.budget = budget;
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
        long deadline = System.nanoTime() + budget.toNanos();
        Counts counts = new Counts();
        List<java.util.concurrent.Future<?>> drains = new java.util.ArrayList<>();
        for (String partition : reviews.partitions()) {
            drains.add(workers.submit(() -> drain(partition, now, deadline, counts)));
        }
        for (java.util.concurrent.Future<?> drain : drains) {
            try {
                drain.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while draining", e);
            } catch (java.util.concurrent.ExecutionException e) {
                // a partition that failed (DynamoDB down) is left for the next run; the others went on
                Log.error("review.partition_failed", Map.of(), e.getCause());
                counts.unfinished.incrementAndGet();
            }
        }
        Result result = new Result(counts.due.get(), counts.of(Outcome.SENT), counts.of(Outcome.SKIPPED),
                counts.of(Outcome.WAITING), counts.of(Outcome.CLAIMED_ELSEWHERE), counts.of(Outcome.FAILED),
                counts.readUnits.sum(), counts.unfinished.get());
        Log.info("review.run", Map.of("due", result.due(), "sent", result.sent(), "skipped", result.skipped(),
                "waiting", result.waiting(), "claimedElsewhere", result.claimedElsewhere(), "failed", result.failed(),
                "readUnits", result.readUnits(), "unfinished", result.unfinished()));
        return result;
    }

    private void drain(String partition, Instant now, long deadline, Counts counts) {
        ReviewQueue.Cursor next = null;
        do {
            if (System.nanoTime() > deadline) {
                counts.unfinished.incrementAndGet();
                return;
            }
            ReviewQueue.DuePage page = reviews.due(partition, now, PAGE, next);
            counts.readUnits.add(page.consumedReadUnits());
            next = page.next();
            for (Ticket ticket : page.tickets()) {
                counts.due.incrementAndGet();
                counts.outcomes.get(handle(ticket, now)).incrementAndGet();
            }
        } while (next != null);
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
