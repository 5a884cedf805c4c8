package ch.opsfabric.store;

import ch.opsfabric.intake.RateLimiter;
import ch.opsfabric.crypto.Hashes;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Fixed one-minute windows per client, counted with one conditional {@code ADD}: shared by all
 * Lambda instances, no read-then-write. The client address is stored only as a hash.
 */
public final class DynamoRateLimiter implements RateLimiter {

    private final SingleTable db;
    private final int perMinute;

    public DynamoRateLimiter(SingleTable db, int perMinute) {
        this.db = db;
        this.perMinute = perMinute;
    }

    @Override
    public boolean tryAcquire(String scope, String client, Instant now) {
        long minute = now.getEpochSecond() / 60;
        String bucket = scope + "#" + hash(client) + "#" + minute;
        try {
            db.client().updateItem(b -> b.tableName(db.tableName())
                    .key(Map.of(Keys.PK, AttributeValue.fromS(Keys.rate(bucket)), Keys.SK, AttributeValue.fromS("RATE")))
                    .updateExpression("ADD hits :one SET expiresAt = :expires")
                    .conditionExpression("attribute_not_exists(hits) OR hits < :limit")
                    .expressionAttributeValues(Map.of(
                            ":one", AttributeValue.fromN("1"),
                            ":limit", AttributeValue.fromN(Integer.toString(perMinute)),
                            ":expires", AttributeValue.fromN(Long.toString((minute + 2) * 60)))));
            return true;
        } catch (ConditionalCheckFailedException limited) {
            return false;
        }
    }

    private static String hash(String client) {
        return Hashes.sha256Hex(client).substring(0, 24);
    }
}
