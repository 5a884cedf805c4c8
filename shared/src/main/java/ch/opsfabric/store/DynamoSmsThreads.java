package ch.opsfabric.store;

import ch.opsfabric.messaging.SmsThreads;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

/** {@code TENANT#<id> / THREAD#<e164>}: the ticket a staff member last wrote from to that number, until it ends. */
public final class DynamoSmsThreads implements SmsThreads {

    private final SingleTable db;

    public DynamoSmsThreads(SingleTable db) {
        this.db = db;
    }

    @Override
    public void open(String tenantId, String e164, String ticketId, Instant until) {
        db.client().putItem(b -> b.tableName(db.tableName()).item(Map.of(
                Keys.PK, AttributeValue.fromS(Keys.tenant(tenantId)),
                Keys.SK, AttributeValue.fromS(Keys.thread(e164)),
                "ticketId", AttributeValue.fromS(ticketId),
                "openUntil", AttributeValue.fromS(until.toString()),
                Keys.EXPIRES_AT, AttributeValue.fromN(Long.toString(until.getEpochSecond())))));
    }

    @Override
    public Optional<String> ticketOf(String tenantId, String e164, Instant now) {
        GetItemResponse response = db.client().getItem(b -> b.tableName(db.tableName()).key(Map.of(
                Keys.PK, AttributeValue.fromS(Keys.tenant(tenantId)), Keys.SK, AttributeValue.fromS(Keys.thread(e164)))));
        if (!response.hasItem() || !Instant.parse(response.item().get("openUntil").s()).isAfter(now)) {
            return Optional.empty();
        }
        return Optional.of(response.item().get("ticketId").s());
    }
}
