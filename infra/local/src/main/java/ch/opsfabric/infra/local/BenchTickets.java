package ch.opsfabric.infra.local;

import ch.opsfabric.infra.emulators.LocalAws;
import ch.opsfabric.store.Keys;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Tickets written straight into the table for the review benchmarks, 25 to a BatchWriteItem: a
 * DONE ticket with a due time is in the (sharded) due-review index, any other is not.
 */
public final class BenchTickets {

    private final LocalAws aws;
    private final String table;
    private int written;

    public BenchTickets(LocalAws aws, String table) {
        this.aws = aws;
        this.table = table;
    }

    /**
     * @param tenant the tenant of the n-th ticket written so far
     * @param dueAt  the i-th ticket's review due time, or null for a finished ticket without one
     */
    public void write(int count, IntFunction<String> tenant, IntFunction<Instant> dueAt) {
        List<WriteRequest> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String tenantId = tenant.apply(written);
            String id = "20261101-%012d".formatted(written);
            Map<String, AttributeValue> item = new HashMap<>();
            item.put(Keys.PK, AttributeValue.fromS(Keys.tenant(tenantId)));
            item.put(Keys.SK, AttributeValue.fromS(Keys.ticket(id)));
            item.put("tenantId", AttributeValue.fromS(tenantId));
            item.put("id", AttributeValue.fromS(id));
            item.put("source", AttributeValue.fromS("wizard"));
            item.put("urgency", AttributeValue.fromS("MEDIUM"));
            item.put("phone", AttributeValue.fromS("+4179%07d".formatted(written % 10_000_000)));
            item.put("message", AttributeValue.fromS("Benchmark ticket " + written + " with a message of ordinary length."));
            Instant due = dueAt.apply(i);
            item.put("status", AttributeValue.fromS(due == null ? "CLOSED" : "DONE"));
            if (due != null) {
                item.put("reviewDueAt", AttributeValue.fromS(due.toString()));
                item.put(Keys.GSI2PK, AttributeValue.fromS(Keys.reviewShard(tenantId, id)));
                item.put(Keys.GSI2SK, AttributeValue.fromS(Keys.reviewDue(due, tenantId, id)));
            }
            written++;
            batch.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
            if (batch.size() == 25 || i == count - 1) {
                Map<String, List<WriteRequest>> pending = Map.of(table, List.copyOf(batch));
                while (!pending.isEmpty()) {
                    Map<String, List<WriteRequest>> request = pending;
                    pending = aws.dynamo().batchWriteItem(b -> b.requestItems(request)).unprocessedItems();
                }
                batch.clear();
            }
        }
    }
}
