package ch.opsfabric.infra.local;

import ch.opsfabric.infra.emulators.FreePort;
import ch.opsfabric.infra.emulators.LocalAws;
import ch.opsfabric.infra.emulators.SamTemplate;
import ch.opsfabric.review.ReviewQueue;
import ch.opsfabric.store.DynamoReviewQueue;
import ch.opsfabric.store.Keys;
import ch.opsfabric.store.SingleTable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

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

    private static final class Filler {
        private final LocalAws aws;
        private final Instant now;
        private int written;

        Filler(LocalAws aws, Instant now) {
            this.aws = aws;
            this.now = now;
        }

        void due(int count) {
            write(count, i -> now.minusSeconds(600));
        }

        void others(int count) {
            write(count, i -> i % 3 == 0 ? now.plusSeconds(7 * 86_400) : null);
        }

        private void write(int count, java.util.function.IntFunction<Instant> dueAt) {
            List<WriteRequest> batch = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String tenant = "bench-" + (written % 50);
                String id = "20261101-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase();
                Map<String, AttributeValue> item = new HashMap<>();
                item.put(Keys.PK, AttributeValue.fromS(Keys.tenant(tenant)));
                item.put(Keys.SK, AttributeValue.fromS(Keys.ticket(id)));
                item.put("tenantId", AttributeValue.fromS(tenant));
                item.put("id", AttributeValue.fromS(id));
                item.put("source", AttributeValue.fromS("wizard"));
                item.put("urgency", AttributeValue.fromS("MEDIUM"));
                item.put("phone", AttributeValue.fromS("+41795550000"));
                item.put("message", AttributeValue.fromS("Benchmark ticket " + written + " with a message of ordinary length."));
                Instant due = dueAt.apply(i);
                item.put("status", AttributeValue.fromS(due == null ? "CLOSED" : "DONE"));
                if (due != null) {
                    item.put("reviewDueAt", AttributeValue.fromS(due.toString()));
                    item.put(Keys.GSI2PK, AttributeValue.fromS(Keys.reviewShard(tenant, id)));
                    item.put(Keys.GSI2SK, AttributeValue.fromS(Keys.reviewDue(due, tenant, id)));
                }
                written++;
                batch.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
                if (batch.size() == 25 || i == count - 1) {
                    Map<String, List<WriteRequest>> pending = Map.of("OpsTable", List.copyOf(batch));
                    while (!pending.isEmpty()) {
                        Map<String, List<WriteRequest>> request = pending;
                        pending = aws.dynamo().batchWriteItem(b -> b.requestItems(request)).unprocessedItems();
                    }
                    batch.clear();
                }
            }
        }
    }
}
