package ch.opsfabric.store;

import ch.opsfabric.messaging.OutboundMessage;
import ch.opsfabric.messaging.SmsLedger;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

/**
 * {@code PK=TENANT#<tenant>, SK=SMS#<idempotency key>}: state, recipient, text, attempts,
 * provider message id. Kept 180 days (TTL), long enough to answer "did they get an SMS?".
 */
public final class DynamoSmsLedger implements SmsLedger {

    static final Duration RETENTION = Duration.ofDays(180);

    private final SingleTable db;

    public DynamoSmsLedger(SingleTable db) {
        this.db = db;
    }

    @Override
    public Claim claim(OutboundMessage sms, String provider, Instant now, Duration lease) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":sending", AttributeValue.fromS(State.SENDING.name()));
        values.put(":retryable", AttributeValue.fromS(State.RETRYABLE.name()));
        values.put(":now", AttributeValue.fromS(now.toString()));
        values.put(":stale", AttributeValue.fromS(now.minus(lease).toString()));
        values.put(":to", AttributeValue.fromS(sms.to()));
        values.put(":text", AttributeValue.fromS(sms.text()));
        values.put(":kind", AttributeValue.fromS(sms.kindName()));
        values.put(":provider", AttributeValue.fromS(provider));
        values.put(":one", AttributeValue.fromN("1"));
        values.put(":expires", AttributeValue.fromN(Long.toString(now.plus(RETENTION).getEpochSecond())));
        String setClause = "SET #state = :sending, claimedAt = :now, #to = :to, #text = :text, kind = :kind, "
                + "provider = :provider, expiresAt = :expires";
        if (sms.ticketId() != null) {
            values.put(":ticket", AttributeValue.fromS(sms.ticketId()));
            setClause += ", ticketId = :ticket";
        }
        String expression = setClause + " ADD attempts :one";
        try {
            db.client().updateItem(b -> b.tableName(db.tableName())
                    .key(key(sms))
                    .updateExpression(expression)
                    .conditionExpression("attribute_not_exists(PK) OR #state = :retryable "
                            + "OR (#state = :sending AND claimedAt < :stale)")
                    .expressionAttributeNames(Map.of("#state", "state", "#to", "to", "#text", "text"))
                    .expressionAttributeValues(values));
            return Claim.CLAIMED;
        } catch (ConditionalCheckFailedException taken) {
            GetItemResponse existing = db.client().getItem(b -> b.tableName(db.tableName()).key(key(sms))
                    .consistentRead(true));
            String state = existing.hasItem() ? existing.item().get("state").s() : State.RETRYABLE.name();
            return State.SENDING.name().equals(state) ? Claim.IN_FLIGHT : Claim.ALREADY_DONE;
        }
    }

    @Override
    public void markSent(OutboundMessage sms, String providerMessageId, Instant at) {
        mark(sms, State.SENT, "providerMessageId", providerMessageId, at);
    }

    @Override
    public void markRetryable(OutboundMessage sms, String reason, Instant at) {
        mark(sms, State.RETRYABLE, "reason", reason, at);
    }

    @Override
    public void markFinal(OutboundMessage sms, State state, String reason, Instant at) {
        mark(sms, state, "reason", reason, at);
    }

    private void mark(OutboundMessage sms, State state, String detailAttribute, String detail, Instant at) {
        db.client().updateItem(b -> b.tableName(db.tableName())
                .key(key(sms))
                .updateExpression("SET #state = :state, #detail = :detail, finishedAt = :at")
                .expressionAttributeNames(Map.of("#state", "state", "#detail", detailAttribute))
                .expressionAttributeValues(Map.of(
                        ":state", AttributeValue.fromS(state.name()),
                        ":detail", AttributeValue.fromS(detail == null ? "" : detail),
                        ":at", AttributeValue.fromS(at.toString()))));
    }

    private static Map<String, AttributeValue> key(OutboundMessage sms) {
        return Map.of(Keys.PK, AttributeValue.fromS(Keys.tenant(sms.tenantId())),
                Keys.SK, AttributeValue.fromS(Keys.sms(sms.idempotencyKey())));
    }
}
