package ch.opsfabric.store;

import ch.opsfabric.messaging.WhatsAppWindows;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code TENANT#<id> / WAWINDOW#<e164>}: the customer's last WhatsApp message (kept 30 days, TTL;
 * a later one only moves it forward, so a late retry cannot shorten the window).
 */
public final class DynamoWhatsAppWindows implements WhatsAppWindows {

    private final SingleTable db;

    public DynamoWhatsAppWindows(SingleTable db) {
        this.db = db;
    }

    @Override
    public void customerWrote(String tenantId, String e164, Instant at) {
        try {
            db.client().updateItem(b -> b.tableName(db.tableName()).key(key(tenantId, e164))
                    .updateExpression("SET lastInboundAt = :at, expiresAt = :expires")
                    .conditionExpression("attribute_not_exists(lastInboundAt) OR lastInboundAt < :at")
                    .expressionAttributeValues(Map.of(":at", AttributeValue.fromS(at.toString()),
                            ":expires", AttributeValue.fromN(Long.toString(at.plus(java.time.Duration.ofDays(30)).getEpochSecond())))));
        } catch (software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException later) {
            // a later message moved the window already
        }
    }

    @Override
    public Optional<Instant> lastCustomerMessage(String tenantId, String e164) {
        // consistent: the intake records a message and, at once, answers it
        Map<String, AttributeValue> item = db.client().getItem(b -> b.tableName(db.tableName()).key(key(tenantId, e164))
                .consistentRead(true)).item();
        return item == null || !item.containsKey("lastInboundAt") ? Optional.empty()
                : Optional.of(Instant.parse(item.get("lastInboundAt").s()));
    }

    private static Map<String, AttributeValue> key(String tenantId, String e164) {
        return Map.of(Keys.PK, AttributeValue.fromS(Keys.tenant(tenantId)), Keys.SK, AttributeValue.fromS("WAWINDOW#" + e164));
    }
}
