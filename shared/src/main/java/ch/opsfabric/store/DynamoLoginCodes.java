package ch.opsfabric.store;

import ch.opsfabric.staff.LoginCodes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * {@code LOGIN#<attempt> / LOGIN}: the number, the code's hash, the tries so far; gone by TTL.
 * A try is counted before the code is compared, in one conditional update, so parallel guesses
 * cannot get past {@link LoginCodes#MAX_TRIES}.
 */
public final class DynamoLoginCodes implements LoginCodes {

    private final SingleTable db;

    public DynamoLoginCodes(SingleTable db) {
        this.db = db;
    }

    @Override
    public void start(String attemptId, String mobile, String codeHash, Instant expiresAt) {
        db.client().putItem(b -> b.tableName(db.tableName()).item(Map.of(
                Keys.PK, AttributeValue.fromS(Keys.login(attemptId)),
                Keys.SK, AttributeValue.fromS("LOGIN"),
                "mobile", AttributeValue.fromS(mobile),
                "codeHash", AttributeValue.fromS(codeHash),
                "tries", AttributeValue.fromN("0"),
                "validUntil", AttributeValue.fromS(expiresAt.toString()),
                Keys.EXPIRES_AT, AttributeValue.fromN(Long.toString(expiresAt.getEpochSecond() + 3600))))
                .conditionExpression("attribute_not_exists(PK)"));
    }

    @Override
    public Check verify(String attemptId, String codeHash, Instant now) {
        Map<String, AttributeValue> key = Map.of(Keys.PK, AttributeValue.fromS(Keys.login(attemptId)),
                Keys.SK, AttributeValue.fromS("LOGIN"));
        Map<String, AttributeValue> attempt;
        try {
            attempt = db.client().updateItem(b -> b.tableName(db.tableName()).key(key)
                    .updateExpression("ADD tries :one")
                    .conditionExpression("attribute_exists(PK) AND tries < :max AND validUntil > :now")
                    .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"),
                            ":max", AttributeValue.fromN(Integer.toString(MAX_TRIES)),
                            ":now", AttributeValue.fromS(now.toString())))
                    .returnValues(ReturnValue.ALL_NEW)).attributes();
        } catch (ConditionalCheckFailedException spent) {
            return new Spent();
        }
        boolean right = MessageDigest.isEqual(attempt.get("codeHash").s().getBytes(StandardCharsets.US_ASCII),
                codeHash.getBytes(StandardCharsets.US_ASCII));
        if (right) {
            // used once: a second sign-in needs a new code
            db.client().deleteItem(b -> b.tableName(db.tableName()).key(key));
            return new Accepted(attempt.get("mobile").s());
        }
        int tries = Integer.parseInt(attempt.get("tries").n());
        return tries >= MAX_TRIES ? new Spent() : new Wrong(MAX_TRIES - tries);
    }
}
