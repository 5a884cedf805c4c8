package ch.opsfabric.store;

import ch.opsfabric.contact.Contact;
import ch.opsfabric.contact.ContactBook;
import ch.opsfabric.contact.ContactRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Contacts in the tenant's partition: {@code CONTACT#<id>} (numbers, addresses, tickets as string
 * sets, so adding is an idempotent {@code ADD}) and one pointer {@code CID#<identifier>} per number
 * and address ({@code contactId}, {@code seed}). Every lookup is a GetItem or one BatchGetItem;
 * offboarding takes them with the rest of the partition.
 */
public final class DynamoContactBook implements ContactBook {

    private final SingleTable db;

    public DynamoContactBook(SingleTable db) {
        this.db = db;
    }

    @Override
    public Map<String, ContactRef> pointers(String tenantId, Collection<String> identifiers) {
        if (identifiers.isEmpty()) {
            return Map.of();
        }
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (String identifier : new java.util.LinkedHashSet<>(identifiers)) {
            keys.add(pointerKey(tenantId, identifier));
        }
        Map<String, ContactRef> found = new HashMap<>();
        db.batchGet(keys).forEach(item -> found.put(item.get(Keys.SK).s().substring("CID#".length()), ref(item)));
        return found;
    }

    @Override
    public ContactRef claim(String tenantId, String identifier, ContactRef ref, Instant at) {
        Map<String, AttributeValue> item = new HashMap<>(pointerKey(tenantId, identifier));
        item.put("contactId", AttributeValue.fromS(ref.id()));
        item.put("seed", AttributeValue.fromS(ref.seed()));
        item.put("createdAt", AttributeValue.fromS(at.toString()));
        try {
            db.client().putItem(b -> b.tableName(db.tableName()).item(item)
                    .conditionExpression("attribute_not_exists(PK)"));
            return ref;
        } catch (ConditionalCheckFailedException taken) {
            Map<String, AttributeValue> winner = db.client().getItem(b -> b.tableName(db.tableName())
                    .key(pointerKey(tenantId, identifier)).consistentRead(true)).item();
            return ref(winner);
        }
    }

    @Override
    public void repoint(String tenantId, String identifier, String fromId, ContactRef to, Instant at) {
        try {
            db.client().updateItem(b -> b.tableName(db.tableName()).key(pointerKey(tenantId, identifier))
                    .updateExpression("SET contactId = :to, seed = :seed, movedAt = :at")
                    .conditionExpression("contactId = :from")
                    .expressionAttributeValues(Map.of(":to", AttributeValue.fromS(to.id()),
                            ":seed", AttributeValue.fromS(to.seed()), ":from", AttributeValue.fromS(fromId),
                            ":at", AttributeValue.fromS(at.toString()))));
        } catch (ConditionalCheckFailedException movedBefore) {
            // points elsewhere already (a repeated merge, or it was never this contact's): nothing to do
        }
    }

    @Override
    public boolean record(String tenantId, ContactRef ref, Change change, Instant at) {
        StringBuilder set = new StringBuilder("SET id = if_not_exists(id, :id), seed = if_not_exists(seed, :seed), "
                + "tenantId = if_not_exists(tenantId, :tenant), createdAt = if_not_exists(createdAt, :at), updatedAt = :at");
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":id", AttributeValue.fromS(ref.id()));
        values.put(":seed", AttributeValue.fromS(ref.seed()));
        values.put(":tenant", AttributeValue.fromS(tenantId));
        values.put(":at", AttributeValue.fromS(at.toString()));
        if (change.name() != null && !change.name().isBlank()) {
            set.append(", #name = if_not_exists(#name, :name)");
            values.put(":name", AttributeValue.fromS(change.name()));
        }
        List<String> adds = new ArrayList<>();
        addSet(adds, values, "phones", change.phones());
        addSet(adds, values, "emails", change.emails());
        addSet(adds, values, "ticketIds", change.ticketIds());
        addSet(adds, values, "suspects", change.suspects());
        String expression = set + (adds.isEmpty() ? "" : " ADD " + String.join(", ", adds));
        try {
            var request = software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest.builder()
                    .tableName(db.tableName()).key(contactKey(tenantId, ref.id()))
                    .updateExpression(expression)
                    .conditionExpression("attribute_not_exists(mergedInto)")
                    .expressionAttributeValues(values);
            if (values.containsKey(":name")) {
                request.expressionAttributeNames(Map.of("#name", "name"));
            }
            db.client().updateItem(request.build());
            return true;
        } catch (ConditionalCheckFailedException merged) {
            return false;
        }
    }

    private static void addSet(List<String> adds, Map<String, AttributeValue> values, String attribute, Set<String> members) {
        if (!members.isEmpty()) {
            adds.add(attribute + " :" + attribute);
            values.put(":" + attribute, AttributeValue.fromSs(List.copyOf(members)));
        }
    }

    @Override
    public Optional<Contact> find(String tenantId, String contactId) {
        Map<String, AttributeValue> item = db.client().getItem(b -> b.tableName(db.tableName())
                .key(contactKey(tenantId, contactId)).consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Contact(tenantId, item.get("id").s(), item.get("seed").s(), strings(item, "phones"),
                strings(item, "emails"), text(item, "name"), strings(item, "ticketIds"), strings(item, "suspects"),
                text(item, "mergedInto"), instant(item, "createdAt"), instant(item, "updatedAt")));
    }

    @Override
    public boolean markMerged(String tenantId, String fromId, String intoId, Instant at) {
        try {
            db.client().updateItem(b -> b.tableName(db.tableName()).key(contactKey(tenantId, fromId))
                    .updateExpression("SET mergedInto = :into, mergedAt = if_not_exists(mergedAt, :at)")
                    .conditionExpression("attribute_exists(PK) AND (attribute_not_exists(mergedInto) OR mergedInto = :into)")
                    .expressionAttributeValues(Map.of(":into", AttributeValue.fromS(intoId),
                            ":at", AttributeValue.fromS(at.toString()))));
            return true;
        } catch (ConditionalCheckFailedException refused) {
            return false;
        }
    }

    private static ContactRef ref(Map<String, AttributeValue> pointer) {
        return new ContactRef(pointer.get("contactId").s(), pointer.get("seed").s());
    }

    private static Set<String> strings(Map<String, AttributeValue> item, String attribute) {
        AttributeValue value = item.get(attribute);
        return value == null || !value.hasSs() ? Set.of() : Set.copyOf(value.ss());
    }

    private static String text(Map<String, AttributeValue> item, String attribute) {
        AttributeValue value = item.get(attribute);
        return value == null ? null : value.s();
    }

    private static Instant instant(Map<String, AttributeValue> item, String attribute) {
        String value = text(item, attribute);
        return value == null ? null : Instant.parse(value);
    }

    private static Map<String, AttributeValue> pointerKey(String tenantId, String identifier) {
        return Map.of(Keys.PK, AttributeValue.fromS(Keys.tenant(tenantId)),
                Keys.SK, AttributeValue.fromS(Keys.contactPointer(identifier)));
    }

    private static Map<String, AttributeValue> contactKey(String tenantId, String contactId) {
        return Map.of(Keys.PK, AttributeValue.fromS(Keys.tenant(tenantId)),
                Keys.SK, AttributeValue.fromS(Keys.contact(contactId)));
    }
}
