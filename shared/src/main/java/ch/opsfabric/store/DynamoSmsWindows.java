package ch.opsfabric.store;

import ch.opsfabric.messaging.SmsWindows;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * "At most one X to this number per window", race-free: opening a window is one conditional
 * put that wins only if no window is open ({@code PK=TENANT#t, SK=WINDOW#<purpose>#<e164>}).
 * The owner (a call id, a message id) may open its own window again, so a retried webhook gets
 * the same answer as the first attempt. TTL cleans up; the condition never relies on it.
 */
public final class DynamoSmsWindows implements SmsWindows {

    private final SingleTable db;

    public DynamoSmsWindows(SingleTable db) {
        this.db = db;
    }

    /** @return true when this owner holds the window now (newly opened, or opened by itself before) */
    @Override
    public boolean tryOpen(String tenantId, String purpose, String e164, String owner, Instant now, Duration length) {
        Instant until = now.plus(length);
        try {
            db.client().putItem(b -> b.tableName(db.tableName())
                    .item(Map.of(
                            Keys.PK, AttributeValue.fromS(Keys.tenant(tenantId)),
                            Keys.SK, AttributeValue.fromS(Keys.window(purpose, e164)),
                            "openedBy", AttributeValue.fromS(owner),
                            "openUntil", AttributeValue.fromS(until.toString()),
                            Keys.EXPIRES_AT, AttributeValue.fromN(Long.toString(until.getEpochSecond() + 3600))))
                    .conditionExpression("attribute_not_exists(PK) OR openUntil <= :now OR openedBy = :owner")
                    .expressionAttributeValues(Map.of(
                            ":now", AttributeValue.fromS(now.toString()),
                            ":owner", AttributeValue.fromS(owner))));
            return true;
        } catch (ConditionalCheckFailedException stillOpen) {
            return false;
        }
    }
}
