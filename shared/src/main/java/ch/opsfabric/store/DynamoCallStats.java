package ch.opsfabric.store;

import ch.opsfabric.ticket.CallStats;
import java.time.LocalDate;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Per tenant and local day: calls that could not become a ticket (withheld numbers). Each call id
 * counts once, so a provider's retry does not inflate the figure.
 */
public final class DynamoCallStats implements CallStats {

    private final SingleTable db;

    public DynamoCallStats(SingleTable db) {
        this.db = db;
    }

    @Override
    public boolean countWithheld(String tenantId, LocalDate day, String callId) {
        try {
            db.client().updateItem(b -> b.tableName(db.tableName())
                    .key(key(tenantId, day))
                    .updateExpression("ADD withheldCalls :one, withheldCallIds :ids")
                    .conditionExpression("NOT contains(withheldCallIds, :id)")
                    .expressionAttributeValues(Map.of(
                            ":one", AttributeValue.fromN("1"),
                            ":ids", AttributeValue.fromSs(java.util.List.of(callId)),
                            ":id", AttributeValue.fromS(callId))));
            return true;
        } catch (ConditionalCheckFailedException counted) {
            return false;
        }
    }

    public long withheldCalls(String tenantId, LocalDate day) {
        var item = db.client().getItem(b -> b.tableName(db.tableName()).key(key(tenantId, day))).item();
        return item.containsKey("withheldCalls") ? Long.parseLong(item.get("withheldCalls").n()) : 0;
    }

    private static Map<String, AttributeValue> key(String tenantId, LocalDate day) {
        return Map.of(Keys.PK, AttributeValue.fromS(Keys.tenant(tenantId)), Keys.SK, AttributeValue.fromS(Keys.stats(day)));
    }
}
