package ch.opsfabric.store;

import ch.opsfabric.staff.Sessions;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

/**
 * {@code SESSION#<sha256(token)> / SESSION}: tenant, member, CSRF token, last use; the TTL
 * removes it some time after 12 idle hours, and reads treat it as gone from that moment.
 */
public final class DynamoSessions implements Sessions {

    private final SingleTable db;

    public DynamoSessions(SingleTable db) {
        this.db = db;
    }

    @Override
    public void create(String tokenHash, Session session) {
        db.client().putItem(b -> b.tableName(db.tableName()).item(Map.of(
                Keys.PK, AttributeValue.fromS(Keys.session(tokenHash)),
                Keys.SK, AttributeValue.fromS("SESSION"),
                "tenantId", AttributeValue.fromS(session.tenantId()),
                "memberId", AttributeValue.fromS(session.memberId()),
                "csrf", AttributeValue.fromS(session.csrf()),
                "lastSeenAt", AttributeValue.fromS(session.lastSeenAt().toString()),
                Keys.EXPIRES_AT, AttributeValue.fromN(Long.toString(session.lastSeenAt().plus(IDLE).getEpochSecond()))))
                .conditionExpression("attribute_not_exists(PK)"));
    }

    @Override
    public Optional<Session> use(String tokenHash, Instant now) {
        Map<String, AttributeValue> key = key(tokenHash);
        GetItemResponse response = db.client().getItem(b -> b.tableName(db.tableName()).key(key));
        if (!response.hasItem()) {
            return Optional.empty();
        }
        Map<String, AttributeValue> item = response.item();
        Instant lastSeen = Instant.parse(item.get("lastSeenAt").s());
        if (!lastSeen.plus(IDLE).isAfter(now)) {
            return Optional.empty();
        }
        if (!lastSeen.plus(TOUCH_EVERY).isAfter(now)) {
            try {
                db.client().updateItem(b -> b.tableName(db.tableName()).key(key)
                        .updateExpression("SET lastSeenAt = :now, expiresAt = :ttl")
                        .conditionExpression("attribute_exists(PK)")
                        .expressionAttributeValues(Map.of(":now", AttributeValue.fromS(now.toString()),
                                ":ttl", AttributeValue.fromN(Long.toString(now.plus(IDLE).getEpochSecond())))));
                lastSeen = now;
            } catch (ConditionalCheckFailedException signedOut) {
                return Optional.empty();
            }
        }
        return Optional.of(new Session(item.get("tenantId").s(), item.get("memberId").s(), item.get("csrf").s(), lastSeen));
    }

    @Override
    public void delete(String tokenHash) {
        db.client().deleteItem(b -> b.tableName(db.tableName()).key(key(tokenHash)));
    }

    private static Map<String, AttributeValue> key(String tokenHash) {
        return Map.of(Keys.PK, AttributeValue.fromS(Keys.session(tokenHash)), Keys.SK, AttributeValue.fromS("SESSION"));
    }
}
