package ch.opsfabric.infra.local;

import ch.opsfabric.infra.emulators.FreePort;
import ch.opsfabric.infra.emulators.LocalAws;
import ch.opsfabric.infra.emulators.SamTemplate;
import ch.opsfabric.review.ReviewQueue;
import ch.opsfabric.store.DynamoReviewQueue;
import ch.opsfabric.store.SingleTable;
import java.time.Instant;

/**
 * What the review cron's "what is due now" costs in read capacity, with 10 due tickets among
 * 1,000 and among 100,000 others (a third of them planned for next week, so in the index but not
 * due). Consumed capacity as dynalite reports it. Run it with {@code infra/bench review-cost}.
 */
public final class ReviewReadCostBench {

    private ReviewReadCostBench() {
    }

    public static void main(String[] args) {
        int large = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Instant now = Instant.parse("2026-11-25T13:00:00Z");
        try (LocalAws aws = LocalAws.start(LocalAws.dynaliteHome(), SamTemplate.locate(), FreePort.find(), FreePort.find(), 5)) {
            DynamoReviewQueue reviews = new DynamoReviewQueue(SingleTable.of(aws.dynamo(), aws.tableName("OpsTable")));
            Filler filler = new Filler(aws, now);
            filler.due(10);
            filler.others(1_000);
            double small = readUnits(reviews, now);
            long started = System.nanoTime();
            filler.others(large - 1_000);
            System.out.printf("%nfilled %,d tickets in %.0f s%n", large, (System.nanoTime() - started) / 1e9);
            double big = readUnits(reviews, now);
            System.out.printf("%nreview cron, 10 due tickets:%n  among %,7d others: %.1f read units%n"
                    + "  among %,7d others: %.1f read units%n  ratio: %.2f%n", 1_000, small, large, big, big / small);
        }
    }

    private static double readUnits(DynamoReviewQueue queue, Instant now) {
        double units = 0;
        ReviewQueue.Cursor next = null;
        int due = 0;
        for (String partition : queue.partitions()) {
            do {
                ReviewQueue.DuePage page = queue.due(partition, now, 50, next);
                units += page.consumedReadUnits();
                due += page.tickets().size();
                next = page.next();
            } while (next != null);
        }
        if (due != 10) {
            throw new IllegalStateException("expected 10 due tickets, read " + due);
        }
        return units;
    }

    /** 50 tenants; due ones ten minutes ago, a third of the others next week (in the index, not due). */
    private static final class Filler {
        private final BenchTickets tickets;
        private final Instant now;

        Filler(LocalAws aws, Instant now) {
            this.tickets = new BenchTickets(aws, "OpsTable");
            this.now = now;
        }

        void due(int count) {
            tickets.write(count, n -> "bench-" + (n % 50), i -> now.minusSeconds(600));
        }

        void others(int count) {
            tickets.write(count, n -> "bench-" + (n % 50), i -> i % 3 == 0 ? now.plusSeconds(7 * 86_400) : null);
        }
    }
}
