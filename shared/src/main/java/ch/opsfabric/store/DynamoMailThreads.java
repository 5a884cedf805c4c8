package ch.opsfabric.store;

import ch.opsfabric.crypto.Hashes;
import ch.opsfabric.mail.MailThreads;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * {@code TENANT#<id> / MSGID#<sha256 of the Message-ID>} → {@code ticketId}, kept two years (TTL):
 * an answer to a confirmation finds its ticket long after the day's dedupe has moved on.
 */
public final class DynamoMailThreads implements MailThreads {

    static final Duration RETENTION = Duration.ofDays(730);
    /** A References header can list a long thread; the newest ids are at its end and are enough. */
    static final int MAX_IDS = 20;

    private final SingleTable db;

    public DynamoMailThreads(SingleTable db) {
        this.db = db;
    }

    @Override
    public boolean remember(String tenantId, String messageId, String ticketId, Instant at) {
        Map<String, AttributeValue> item = new HashMap<>(key(tenantId, messageId));
        item.put("ticketId", AttributeValue.fromS(ticketId));
        item.put("createdAt", AttributeValue.fromS(at.toString()));
        item.put(Keys.EXPIRES_AT, AttributeValue.fromN(Long.toString(at.plus(RETENTION).getEpochSecond())));
        try {
            db.client().putItem(b -> b.tableName(db.tableName()).item(item).conditionExpression("attribute_not_exists(PK)"));
            return true;
        } catch (ConditionalCheckFailedException seenBefore) {
            return false;
        }
    }

    @Override
    public Optional<String> ticketOf(String tenantId, List<String> messageIds) {
        List<String> ids = new ArrayList<>(new LinkedHashSet<>(messageIds));
        if (ids.isEmpty()) {
            return Optional.empty();
        }
        if (ids.size() > MAX_IDS) {
            ids = ids.subList(ids.size() - MAX_IDS, ids.size());
        }
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        ids.forEach(id -> keys.add(key(tenantId, id)));
        Map<String, String> ticketBySk = new HashMap<>();
        db.batchGet(keys).forEach(item -> ticketBySk.put(item.get(Keys.SK).s(), item.get("ticketId").s()));
        for (String id : ids) {
            String ticket = ticketBySk.get(Keys.mailMessage(hash(id)));
            if (ticket != null) {
                return Optional.of(ticket);
            }
        }
        return Optional.empty();
    }

    /** Message-IDs compare without their angle brackets and case (mail systems differ in both). */
    private static String hash(String messageId) {
        String bare = messageId.strip();
        if (bare.startsWith("<") && bare.endsWith(">")) {
            bare = bare.substring(1, bare.length() - 1);
        }
        return Hashes.sha256Hex(bare.toLowerCase(Locale.ROOT));
    }

    private static Map<String, AttributeValue> key(String tenantId, String messageId) {
        return Map.of(Keys.PK, AttributeValue.fromS(Keys.tenant(tenantId)),
                Keys.SK, AttributeValue.fromS(Keys.mailMessage(hash(messageId))));
    }
}
