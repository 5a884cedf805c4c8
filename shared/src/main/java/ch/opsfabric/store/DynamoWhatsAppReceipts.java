package ch.opsfabric.store;

import ch.opsfabric.messaging.WhatsAppReceipts;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * {@code WAOUT#<wamid> / POINTER}: our message's tenant, ticket, ledger key and furthest status
 * ({@code rank}), kept 30 days. Meta's status webhook finds the message by its wamid alone.
 */
public final class DynamoWhatsAppReceipts implements WhatsAppReceipts {

    private final SingleTable db;

    public DynamoWhatsAppReceipts(SingleTable db) {
        this.db = db;
    }

    @Override
    public void sent(String wamid, String tenantId, String ticketId, String idempotencyKey, Instant at) {
        Map<String, AttributeValue> item = new HashMap<>(key(wamid));
        item.put("tenantId", AttributeValue.fromS(tenantId));
        item.put("key", AttributeValue.fromS(idempotencyKey));
        if (ticketId != null) {
            item.put("ticketId", AttributeValue.fromS(ticketId));
        }
        item.put("status", AttributeValue.fromS(Status.SENT.name()));
        item.put("rank", AttributeValue.fromN(Integer.toString(Status.SENT.rank())));
        item.put("updatedAt", AttributeValue.fromS(at.toString()));
        item.put(Keys.EXPIRES_AT, AttributeValue.fromN(Long.toString(at.plus(Duration.ofDays(30)).getEpochSecond())));
        try {
            // a status webhook may have been faster than this write: it keeps its rank
            db.client().putItem(b -> b.tableName(db.tableName()).item(item).conditionExpression("attribute_not_exists(PK)"));
        } catch (ConditionalCheckFailedException statusFirst) {
            db.client().updateItem(b -> b.tableName(db.tableName()).key(key(wamid))
                    .updateExpression("SET tenantId = :t, #k = :k" + (ticketId == null ? "" : ", ticketId = :ticket"))
                    .expressionAttributeNames(Map.of("#k", "key"))
                    .expressionAttributeValues(ticketId == null
                            ? Map.of(":t", AttributeValue.fromS(tenantId), ":k", AttributeValue.fromS(idempotencyKey))
                            : Map.of(":t", AttributeValue.fromS(tenantId), ":k", AttributeValue.fromS(idempotencyKey),
                                    ":ticket", AttributeValue.fromS(ticketId))));
        }
    }

    @Override
    public Optional<Receipt> update(String wamid, Status status, String errorCode, Instant at) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":status", AttributeValue.fromS(status.name()));
        values.put(":rank", AttributeValue.fromN(Integer.toString(status.rank())));
        values.put(":at", AttributeValue.fromS(at.toString()));
        String set = "SET #status = :status, #rank = :rank, updatedAt = :at";
        if (errorCode != null) {
            values.put(":error", AttributeValue.fromS(errorCode));
            set += ", errorCode = :error";
        }
        String expression = set;
        try {
            Map<String, AttributeValue> after = db.client().updateItem(b -> b.tableName(db.tableName()).key(key(wamid))
                    .updateExpression(expression)
                    .conditionExpression("attribute_exists(tenantId) AND #rank < :rank")
                    .expressionAttributeNames(Map.of("#status", "status", "#rank", "rank"))
                    .expressionAttributeValues(values)
                    .returnValues(ReturnValue.ALL_NEW)).attributes();
            return Optional.of(receipt(after, true));
        } catch (ConditionalCheckFailedException notFurther) {
            Map<String, AttributeValue> current = db.client().getItem(b -> b.tableName(db.tableName()).key(key(wamid))
                    .consistentRead(true)).item();
            return current == null || !current.containsKey("tenantId") ? Optional.empty() : Optional.of(receipt(current, false));
        }
    }

    private static Receipt receipt(Map<String, AttributeValue> item, boolean moved) {
        return new Receipt(item.get("tenantId").s(), item.containsKey("ticketId") ? item.get("ticketId").s() : null,
                item.get("key").s(), Status.valueOf(item.get("status").s()),
                item.containsKey("errorCode") ? item.get("errorCode").s() : null, moved);
    }

    private static Map<String, AttributeValue> key(String wamid) {
        return Map.of(Keys.PK, AttributeValue.fromS("WAOUT#" + wamid), Keys.SK, AttributeValue.fromS(Keys.POINTER_SK));
    }
}
