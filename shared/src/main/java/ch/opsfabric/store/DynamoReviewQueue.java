package ch.opsfabric.store;

import ch.opsfabric.review.ReviewLinks;
import ch.opsfabric.review.ReviewQueue;
import ch.opsfabric.ticket.Ticket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;

/**
 * The review requests waiting to go out: a sparse index (GSI2) that holds only DONE tickets with
 * a planned, unsent request, sorted by due time, in {@link Keys#REVIEW_SHARDS} partitions. "What is due now" reads only due items, however
 * large the table grows. A ticket leaves the index when it is claimed (the claim is a
 * conditional write, so overlapping cron runs send one SMS), skipped for good, or moved back.
 */
public final class DynamoReviewQueue implements ReviewQueue, ReviewLinks {

    public static final Duration LINK_LIFETIME = Duration.ofDays(90);

    /** The index's LastEvaluatedKey, handed out opaque. */
    private record IndexCursor(Map<String, AttributeValue> lastEvaluatedKey) implements Cursor {
    }

    private final SingleTable db;

    public DynamoReviewQueue(SingleTable db) {
        this.db = db;
    }

    @Override
    public java.util.List<String> partitions() {
        return Keys.reviewPartitions();
    }

    @Override
    public DuePage due(String partition, Instant now, int limit, Cursor startAfter) {
        QueryRequest.Builder request = QueryRequest.builder()
                .tableName(db.tableName())
                .indexName(Keys.GSI2)
                .keyConditionExpression("GSI2PK = :pk AND GSI2SK < :bound")
                .expressionAttributeValues(Map.of(
                        ":pk", AttributeValue.fromS(partition),
                        ":bound", AttributeValue.fromS(Keys.dueBefore(now))))
                .limit(limit)
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL);
        if (startAfter instanceof IndexCursor cursor) {
            request.exclusiveStartKey(cursor.lastEvaluatedKey());
        }
        QueryResponse response = db.client().query(request.build());
        List<Ticket> tickets = new ArrayList<>();
        response.items().forEach(item -> tickets.add(TicketItem.SCHEMA.mapToItem(item).toTicket()));
        double consumed = response.consumedCapacity() == null || response.consumedCapacity().capacityUnits() == null
                ? 0 : response.consumedCapacity().capacityUnits();
        return new DuePage(tickets, response.hasLastEvaluatedKey() ? new IndexCursor(response.lastEvaluatedKey()) : null, consumed);
    }

    /**
     * Claims the ticket's review request: records the send time and the link token and takes it
     * out of the index, only if nobody claimed it before and it is still finished.
     *
     * @return false when another run was first (or the ticket moved back meanwhile)
     */
    @Override
    public boolean claim(String tenantId, String ticketId, String token, Instant now) {
        try {
            db.client().updateItem(b -> b.tableName(db.tableName())
                    .key(Keys.ticketKey(tenantId, ticketId))
                    .updateExpression("SET reviewRequestSentAt = :now, reviewToken = :token REMOVE GSI2PK, GSI2SK")
                    .conditionExpression("attribute_not_exists(reviewRequestSentAt) AND begins_with(GSI2PK, :pk) "
                            + "AND (#status = :done OR #status = :closed)")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(
                            ":now", AttributeValue.fromS(now.toString()),
                            ":token", AttributeValue.fromS(token),
                            ":pk", AttributeValue.fromS(Keys.REVIEW_DUE),
                            ":done", AttributeValue.fromS("DONE"),
                            ":closed", AttributeValue.fromS("CLOSED"))));
            return true;
        } catch (ConditionalCheckFailedException taken) {
            return false;
        }
    }

    /** Undoes a claim whose SMS could not be queued, so the next run tries again. */
    @Override
    public void release(Ticket ticket) {
        db.client().updateItem(b -> b.tableName(db.tableName())
                .key(Keys.ticketKey(ticket.tenantId(), ticket.id()))
                .updateExpression("SET GSI2PK = :pk, GSI2SK = :sk REMOVE reviewRequestSentAt, reviewToken")
                .expressionAttributeValues(Map.of(
                        ":pk", AttributeValue.fromS(Keys.reviewShard(ticket.tenantId(), ticket.id())),
                        ":sk", AttributeValue.fromS(Keys.reviewDue(ticket.reviewDueAt(), ticket.tenantId(), ticket.id())))));
    }

    /** Takes a ticket out of the index for good (module off, no review link, opted out). */
    @Override
    public void drop(String tenantId, String ticketId, String reason, Instant now) {
        db.client().updateItem(b -> b.tableName(db.tableName())
                .key(Keys.ticketKey(tenantId, ticketId))
                .updateExpression("SET reviewSkipped = :reason, reviewSkippedAt = :now REMOVE GSI2PK, GSI2SK")
                .expressionAttributeValues(Map.of(
                        ":reason", AttributeValue.fromS(reason),
                        ":now", AttributeValue.fromS(now.toString()))));
    }

    /** A fresh, unguessable link token pointing at the ticket; no personal data in it. */
    @Override
    public String createLink(String tenantId, String ticketId, Instant now) {
        return TicketLinks.create(db, Keys::reviewToken, tenantId, ticketId, now.plus(LINK_LIFETIME));
    }

    @Override
    public Optional<ReviewLink> resolveLink(String token) {
        return TicketLinks.resolve(db, Keys::reviewToken, token).map(link -> new ReviewLink(link.tenantId(), link.ticketId()));
    }

    /** Records the first click only; later clicks change nothing. */
    @Override
    public boolean recordClick(String tenantId, String ticketId, Instant now) {
        var old = db.client().updateItem(b -> b.tableName(db.tableName())
                .key(Keys.ticketKey(tenantId, ticketId))
                .updateExpression("SET reviewClickedAt = if_not_exists(reviewClickedAt, :now), "
                        + "reviewClicks = if_not_exists(reviewClicks, :zero) + :one")
                .conditionExpression("attribute_exists(PK)")
                .expressionAttributeValues(Map.of(
                        ":now", AttributeValue.fromS(now.toString()),
                        ":zero", AttributeValue.fromN("0"),
                        ":one", AttributeValue.fromN("1")))
                .returnValues(software.amazon.awssdk.services.dynamodb.model.ReturnValue.UPDATED_OLD)).attributes();
        return old == null || !old.containsKey("reviewClickedAt");
    }

}
