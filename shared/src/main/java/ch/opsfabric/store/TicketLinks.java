package ch.opsfabric.store;

import ch.opsfabric.crypto.Tokens;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

/**
 * A link token that points at a ticket ({@code PK=<prefix><token>, SK=POINTER}): the SMS form
 * link and the review link are both this, each under its own key prefix and lifetime.
 */
final class TicketLinks {

    record Link(String tenantId, String ticketId, Instant validUntil) {
    }

    private TicketLinks() {
    }

    static String create(SingleTable db, UnaryOperator<String> key, String tenantId, String ticketId, Instant validUntil) {
        String token = Tokens.random();
        String pk = key.apply(token);
        // first the marker in the tenant's partition, so an offboarding finds every pointer it must remove
        db.client().putItem(b -> b.tableName(db.tableName())
                .item(Map.of(
                        Keys.PK, AttributeValue.fromS(Keys.tenant(tenantId)),
                        Keys.SK, AttributeValue.fromS(Keys.linkMarker(pk)),
                        "target", AttributeValue.fromS(pk),
                        Keys.EXPIRES_AT, AttributeValue.fromN(Long.toString(validUntil.getEpochSecond())))));
        db.client().putItem(b -> b.tableName(db.tableName())
                .item(Map.of(
                        Keys.PK, AttributeValue.fromS(pk),
                        Keys.SK, AttributeValue.fromS(Keys.POINTER_SK),
                        "tenantId", AttributeValue.fromS(tenantId),
                        "ticketId", AttributeValue.fromS(ticketId),
                        "validUntil", AttributeValue.fromS(validUntil.toString()),
                        Keys.EXPIRES_AT, AttributeValue.fromN(Long.toString(validUntil.getEpochSecond()))))
                .conditionExpression("attribute_not_exists(PK)"));
        return token;
    }

    static Optional<Link> resolve(SingleTable db, UnaryOperator<String> key, String token) {
        if (!Tokens.looksValid(token)) {
            return Optional.empty();
        }
        GetItemResponse response = db.client().getItem(b -> b.tableName(db.tableName())
                .key(Map.of(Keys.PK, AttributeValue.fromS(key.apply(token)), Keys.SK, AttributeValue.fromS(Keys.POINTER_SK))));
        if (!response.hasItem()) {
            return Optional.empty();
        }
        Map<String, AttributeValue> item = response.item();
        AttributeValue validUntil = item.get("validUntil");
        return Optional.of(new Link(item.get("tenantId").s(), item.get("ticketId").s(),
                validUntil == null ? null : Instant.parse(validUntil.s())));
    }
}
