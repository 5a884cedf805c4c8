package ch.opsfabric.store;

import ch.opsfabric.privacy.PersonalRecords;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * A person's items besides contact and tickets. Everything keyed by a number or address is a
 * known key (BatchGetItem, DeleteItem). The outbound ledger is keyed by idempotency key, so its
 * entries about the person's tickets are found by one paged Query of the tenant's {@code SMS#}
 * items filtered by ticket id: it reads at most the tenant's last 180 days of SMS (the ledger's
 * TTL), and it runs only on an access or erasure request, never on a customer's request path.
 */
public final class DynamoPersonalRecords implements PersonalRecords {

    private static final int BATCH = 100;
    private static final List<String> TICKET_FIELDS = List.of("phone", "name", "email", "message", "fields");

    private final SingleTable db;

    public DynamoPersonalRecords(SingleTable db) {
        this.db = db;
    }

    @Override
    public List<Record> heldFor(String tenantId, Set<String> phones, Set<String> emails) {
        List<Record> found = new ArrayList<>();
        List<Map<String, AttributeValue>> keys = keys(tenantId, phones, emails);
        for (int i = 0; i < keys.size(); i += BATCH) {
            Map<String, KeysAndAttributes> request = Map.of(db.tableName(),
                    KeysAndAttributes.builder().keys(keys.subList(i, Math.min(keys.size(), i + BATCH))).consistentRead(true).build());
            while (!request.isEmpty()) {
                Map<String, KeysAndAttributes> pending = request;
                var response = db.client().batchGetItem(b -> b.requestItems(pending));
                response.responses().getOrDefault(db.tableName(), List.of()).forEach(item -> found.add(record(item)));
                request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
            }
        }
        found.sort(java.util.Comparator.comparing(r -> r.attributes().get("SK")));
        return found;
    }

    @Override
    public List<Record> messagesAbout(String tenantId, Set<String> ticketIds) {
        List<Record> found = new ArrayList<>();
        forLedgerEntries(tenantId, ticketIds, item -> found.add(record(item)));
        return found;
    }

    @Override
    public List<String> eraseTicket(String tenantId, String ticketId, Instant at) {
        for (int attempt = 0; attempt < 5; attempt++) {
            var read = db.client().getItem(b -> b.tableName(db.tableName()).key(Keys.ticketKey(tenantId, ticketId)).consistentRead(true));
            if (!read.hasItem()) {
                return List.of();
            }
            AttributeValue history = read.item().get("history");
            List<AttributeValue> events = history == null || !history.hasL() ? List.of() : history.l();
            List<String> files = new ArrayList<>();
            List<AttributeValue> redacted = new ArrayList<>();
            for (AttributeValue event : events) {
                Map<String, AttributeValue> kept = new HashMap<>(event.m());
                kept.remove("text");
                AttributeValue ref = kept.remove("ref");
                if ("attachment".equals(kept.getOrDefault("type", AttributeValue.fromS("")).s()) && ref != null && ref.s() != null) {
                    files.add(ref.s());
                }
                redacted.add(AttributeValue.fromM(kept));
            }
            Map<String, String> names = new HashMap<>();
            StringBuilder remove = new StringBuilder();
            for (String field : TICKET_FIELDS) {
                names.put("#" + field, field);
                remove.append(remove.isEmpty() ? "" : ", ").append('#').append(field);
            }
            Map<String, AttributeValue> values = new HashMap<>();
            values.put(":history", AttributeValue.fromL(redacted));
            values.put(":at", AttributeValue.fromS(at.toString()));
            values.put(":n", AttributeValue.fromN(Integer.toString(events.size())));
            names.put("#history", "history");
            try {
                // the history is rewritten whole: the condition makes an event appended meanwhile a retry, not a loss
                db.client().updateItem(b -> b.tableName(db.tableName()).key(Keys.ticketKey(tenantId, ticketId))
                        .updateExpression("SET #history = :history, erasedAt = if_not_exists(erasedAt, :at) REMOVE " + remove)
                        .conditionExpression("attribute_exists(PK) AND " + (events.isEmpty()
                                ? "(attribute_not_exists(#history) OR size(#history) = :n)" : "size(#history) = :n"))
                        .expressionAttributeNames(names).expressionAttributeValues(values));
                return files;
            } catch (ConditionalCheckFailedException changedMeanwhile) {
                // read again and redact what is there now
            }
        }
        throw new IllegalStateException("ticket " + ticketId + " kept changing during its erasure");
    }

    @Override
    public int eraseMessages(String tenantId, Set<String> ticketIds) {
        int[] erased = {0};
        forLedgerEntries(tenantId, ticketIds, item -> {
            if (item.containsKey("to") || item.containsKey("text")) {
                db.client().updateItem(b -> b.tableName(db.tableName())
                        .key(Map.of(Keys.PK, item.get(Keys.PK), Keys.SK, item.get(Keys.SK)))
                        .updateExpression("REMOVE #to, #text").expressionAttributeNames(Map.of("#to", "to", "#text", "text")));
                erased[0]++;
            }
        });
        return erased[0];
    }

    @Override
    public int eraseHeld(String tenantId, Set<String> phones, Set<String> emails) {
        int deleted = 0;
        for (Record held : heldFor(tenantId, phones, emails)) {
            db.client().deleteItem(b -> b.tableName(db.tableName()).key(Map.of(
                    Keys.PK, AttributeValue.fromS(held.attributes().get("PK")), Keys.SK, AttributeValue.fromS(held.attributes().get("SK")))));
            deleted++;
        }
        return deleted;
    }

    @Override
    public void tombstone(String tenantId, String contactId, Instant at) {
        db.client().updateItem(b -> b.tableName(db.tableName())
                .key(Map.of(Keys.PK, AttributeValue.fromS(Keys.tenant(tenantId)), Keys.SK, AttributeValue.fromS(Keys.contact(contactId))))
                .updateExpression("SET erasedAt = if_not_exists(erasedAt, :at) REMOVE #name, phones, emails, suspects")
                .conditionExpression("attribute_exists(PK)")
                .expressionAttributeNames(Map.of("#name", "name"))
                .expressionAttributeValues(Map.of(":at", AttributeValue.fromS(at.toString()))));
    }

    private void forLedgerEntries(String tenantId, Set<String> ticketIds, java.util.function.Consumer<Map<String, AttributeValue>> each) {
        if (ticketIds.isEmpty()) {
            return;
        }
        List<String> ids = new ArrayList<>(new TreeSet<>(ticketIds));
        // an IN list takes at most 100 operands; a person with more tickets is read in several passes
        for (int i = 0; i < ids.size(); i += 99) {
            List<String> slice = ids.subList(i, Math.min(ids.size(), i + 99));
            Map<String, AttributeValue> values = new LinkedHashMap<>();
            values.put(":pk", AttributeValue.fromS(Keys.tenant(tenantId)));
            values.put(":prefix", AttributeValue.fromS(Keys.sms("")));
            StringBuilder in = new StringBuilder();
            for (int j = 0; j < slice.size(); j++) {
                values.put(":t" + j, AttributeValue.fromS(slice.get(j)));
                in.append(j == 0 ? "" : ", ").append(":t").append(j);
            }
            Map<String, AttributeValue> start = null;
            do {
                QueryRequest.Builder query = QueryRequest.builder().tableName(db.tableName())
                        .keyConditionExpression("PK = :pk AND begins_with(SK, :prefix)")
                        .filterExpression("ticketId IN (" + in + ")")
                        .expressionAttributeValues(values);
                if (start != null) {
                    query.exclusiveStartKey(start);
                }
                QueryResponse page = db.client().query(query.build());
                page.items().forEach(each);
                start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
            } while (start != null);
        }
    }

    private static List<Map<String, AttributeValue>> keys(String tenantId, Set<String> phones, Set<String> emails) {
        AttributeValue pk = AttributeValue.fromS(Keys.tenant(tenantId));
        List<String> sks = new ArrayList<>();
        for (String phone : new TreeSet<>(phones)) {
            sks.add(Keys.window("menu", phone));
            sks.add(Keys.window("ack", phone));
            sks.add("WAWINDOW#" + phone);
            sks.add(Keys.thread(phone));
            sks.add(Keys.contactPointer("tel:" + phone));
        }
        for (String email : new TreeSet<>(emails)) {
            sks.add(Keys.contactPointer("mail:" + email));
        }
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        sks.forEach(sk -> keys.add(Map.of(Keys.PK, pk, Keys.SK, AttributeValue.fromS(sk))));
        return keys;
    }

    /** An item as text for the person to read: kind from the sort key, values flattened. */
    private static Record record(Map<String, AttributeValue> item) {
        Map<String, String> attributes = new TreeMap<>();
        item.forEach((name, value) -> attributes.put(name, text(value)));
        String sk = attributes.getOrDefault("SK", "");
        String kind = sk.startsWith("CID#") ? "contact_pointer" : sk.startsWith("WINDOW#") ? "sms_window"
                : sk.startsWith("WAWINDOW#") ? "whatsapp_window" : sk.startsWith("THREAD#") ? "sms_thread"
                : sk.startsWith("SMS#") ? "outbound_message" : "item";
        return new Record(kind, attributes);
    }

    private static String text(AttributeValue value) {
        if (value.s() != null) {
            return value.s();
        }
        if (value.n() != null) {
            return value.n();
        }
        if (value.bool() != null) {
            return value.bool().toString();
        }
        if (value.hasSs()) {
            return String.join(", ", new TreeSet<>(value.ss()));
        }
        return value.toString();
    }
}
