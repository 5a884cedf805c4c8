package ch.opsfabric.store;

import ch.opsfabric.crypto.Tokens;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

/**
 * The {@code ?ref=} tokens of the "3 = Online-Formular" link: random, unguessable, no personal
 * data in them; the item maps a token to its tenant and ticket for 14 days.
 */
public final class DynamoFormRefs {

    public static final Duration LIFETIME = Duration.ofDays(14);

    public record FormRef(String tenantId, String ticketId) {
    }

    private final SingleTable db;

    public DynamoFormRefs(SingleTable db) {
        this.db = db;
    }

    public String create(String tenantId, String ticketId, Instant now) {
        String token = Tokens.random();
        Instant expires = now.plus(LIFETIME);
        db.client().putItem(b -> b.tableName(db.tableName())
                .item(Map.of(
                        Keys.PK, AttributeValue.fromS(Keys.formRef(token)),
                        Keys.SK, AttributeValue.fromS(Keys.POINTER_SK),
                        "tenantId", AttributeValue.fromS(tenantId),
                        "ticketId", AttributeValue.fromS(ticketId),
                        "validUntil", AttributeValue.fromS(expires.toString()),
                        Keys.EXPIRES_AT, AttributeValue.fromN(Long.toString(expires.getEpochSecond()))))
                .conditionExpression("attribute_not_exists(PK)"));
        return token;
    }

    public Optional<FormRef> resolve(String token, Instant now) {
        if (!Tokens.looksValid(token)) {
            return Optional.empty();
        }
        GetItemResponse response = db.client().getItem(b -> b.tableName(db.tableName())
                .key(Map.of(Keys.PK, AttributeValue.fromS(Keys.formRef(token)), Keys.SK, AttributeValue.fromS(Keys.POINTER_SK))));
        if (!response.hasItem() || Instant.parse(response.item().get("validUntil").s()).isBefore(now)) {
            return Optional.empty();
        }
        return Optional.of(new FormRef(response.item().get("tenantId").s(), response.item().get("ticketId").s()));
    }
}
