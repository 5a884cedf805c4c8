package ch.opsfabric.reviewcron;

import ch.opsfabric.app.Secrets;
import ch.opsfabric.app.Settings;
import ch.opsfabric.infra.emulators.FreePort;
import ch.opsfabric.infra.emulators.LocalAws;
import ch.opsfabric.infra.emulators.SamTemplate;
import ch.opsfabric.infra.local.BenchTickets;
import ch.opsfabric.review.ReviewQueue;
import ch.opsfabric.store.DynamoReviewQueue;
import ch.opsfabric.store.Keys;
import ch.opsfabric.store.SingleTable;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * {@code infra/bench review-drain [due] [tenants] [providerPerSecond]}: the sharded due-review
 * index with 100,000 due requests across 10,000 tenants on dynalite. It reads every due request
 * the way a run does (all shards, pages of 50) and prints the read units per due request, then
 * grows the table with three times as many tickets that are not due and reads again: the cost per
 * request must stay flat. Then one real run of the review engine (claim, link, SQS) for its time
 * budget gives our drain rate here, and the drain time of the whole backlog at the SMS provider's
 * rate (default 100 SMS/s) is what a deployment would see.
 */
public final class ReviewDrainBench {

    private ReviewDrainBench() {
    }

    public static void main(String[] args) {
        int due = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int tenants = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int providerRate = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        Instant now = Instant.parse("2026-11-25T13:00:00Z");
        try (LocalAws aws = LocalAws.start(LocalAws.dynaliteHome(), SamTemplate.locate(), FreePort.find(), FreePort.find(), 30)) {
            String table = aws.tableName("OpsTable");
            SingleTable single = SingleTable.of(aws.dynamo(), table);
            DynamoReviewQueue queue = new DynamoReviewQueue(single);
            long started = System.nanoTime();
            for (int t = 0; t < tenants; t++) {
                new ch.opsfabric.store.DynamoTenantDirectory(single, 0).put(ch.opsfabric.tenant.TenantJson.read(ch.opsfabric.json.Json.parse("""
                        {"id":"drain-%05d","slug":"drain-%05d","name":"Betrieb %05d","branch":"handwerk",
                         "config":{"phoneLines":["+41447%06d"],"googleReviewLink":"https://g.page/r/drain/review",
                                   "sms":{"provider":"console","sender":"Drain"}}}""".formatted(t, t, t, t))), List.of());
            }
            BenchTickets tickets = new BenchTickets(aws, table);
            tickets.write(due, n -> "drain-%05d".formatted(n % tenants), i -> now.minusSeconds(600));
            System.out.printf("%nseeded %,d tenants and %,d due review requests in %.0f s (%d shards + the unsharded one)%n",
                    tenants, due, (System.nanoTime() - started) / 1e9, Keys.REVIEW_SHARDS);
            double[] small = readAll(queue, now, due);
            tickets.write(3 * due, n -> "drain-%05d".formatted(n % tenants), i -> null);
            double[] large = readAll(queue, now, due);
            System.out.printf("%nreading every due request (all shards, pages of 50):%n"
                            + "  table with %,9d tickets: %9.1f read units, %.4f per due request, %.1f s%n"
                            + "  table with %,9d tickets: %9.1f read units, %.4f per due request, %.1f s%n"
                            + "  per-request ratio: %.2f%n", due, small[0], small[0] / due, small[1],
                    4 * due, large[0], large[0] / due, large[1], (large[0] / due) / (small[0] / due));

            ReviewCronWiring wiring = new ReviewCronWiring(Clock.fixed(now, ZoneOffset.UTC), aws.dynamo(), table, aws.sqs(),
                    aws.queueUrl("OutboundSmsQueue"), (sms, at, zone) -> {
                        throw new IllegalStateException("nothing is deferred at 14:00");
                    }, new Settings("https://ops.example", 600, new Secrets(null, null, null, "bench", null, null)));
            long runStart = System.nanoTime();
            ReviewRequests.Result run = wiring.reviews().run();
            double runSeconds = (System.nanoTime() - runStart) / 1e9;
            double rate = run.sent() / runSeconds;
            System.out.printf("%none run of the review engine here (dynalite + ElasticMQ, %d partitions %d at a time, 40 s budget):%n"
                            + "  %,d sent in %.1f s: %.0f requests/s; %d partitions left for the next run%n"
                            + "  the whole backlog of %,d: %.0f min at this rate, or %.0f run(s) of the engine, one every 15 min%n"
                            + "  at the provider's %d SMS/s: %.0f min%n", Keys.REVIEW_SHARDS + 1, ReviewRequests.PARALLEL,
                    run.sent(), runSeconds, rate, run.unfinished(), due, due / rate / 60, Math.ceil(due / (rate * 40)),
                    providerRate, due / (double) providerRate / 60);
        }
    }

    private static double[] readAll(ReviewQueue queue, Instant now, int expected) {
        long started = System.nanoTime();
        double units = 0;
        int seen = 0;
        for (String partition : queue.partitions()) {
            ReviewQueue.Cursor next = null;
            do {
                ReviewQueue.DuePage page = queue.due(partition, now, ReviewRequests.PAGE, next);
                units += page.consumedReadUnits();
                seen += page.tickets().size();
                next = page.next();
            } while (next != null);
        }
        if (seen != expected) {
            throw new IllegalStateException("expected " + expected + " due, read " + seen);
        }
        return new double[] {units, (System.nanoTime() - started) / 1e9};
    }
}
