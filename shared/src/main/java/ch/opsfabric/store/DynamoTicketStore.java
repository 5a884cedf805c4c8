package ch.opsfabric.store;

import ch.opsfabric.ticket.ContactOutcome;
import ch.opsfabric.ticket.NewContact;
import ch.opsfabric.ticket.Ticket;
import ch.opsfabric.ticket.TicketEvent;
import ch.opsfabric.ticket.TicketStateMachine;
import ch.opsfabric.ticket.TicketStatus;
import ch.opsfabric.ticket.TicketStore;
import ch.opsfabric.ticket.Urgency;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Tickets in the single table: {@code PK=TENANT#<tenant>}, {@code SK=TICKET#<id>}; GSI1 lists a
 * tenant's tickets per status, newest first. The create-or-join write uses the low-level client
 * because it needs {@code if_not_exists}, {@code list_append} and {@code ADD} in one expression;
 * results are mapped back through the same static schema.
 */
public final class DynamoTicketStore implements TicketStore {

    private static final List<String> OPEN_STATUSES = java.util.Arrays.stream(TicketStatus.values())
            .filter(TicketStatus::isOpen).map(Enum::name).toList();

    private final SingleTable db;
    private final DynamoDbTable<TicketItem> table;

    public DynamoTicketStore(SingleTable db) {
        this.db = db;
        this.table = db.enhanced().table(db.tableName(), TicketItem.SCHEMA);
    }

    @Override
    public Optional<ContactOutcome> createOrJoin(String ticketId, String reference, NewContact c,
                                                 LocalDate localDate, Instant slaDueAt, String contactId) {
        UpdateBuilder update = new UpdateBuilder();
        update.setIfAbsent("tenantId", AttributeValue.fromS(c.tenantId()));
        update.setIfAbsent("id", AttributeValue.fromS(ticketId));
        update.setIfAbsent("reference", AttributeValue.fromS(reference));
        update.setIfAbsent("source", AttributeValue.fromS(c.source().wireName()));
        update.setIfAbsent("status", AttributeValue.fromS(c.initialStatus().name()));
        update.setIfAbsent("urgency", AttributeValue.fromS(c.urgency().name()));
        update.setIfAbsent("urgencyRank", AttributeValue.fromN(Integer.toString(c.urgency().rank())));
        update.setIfAbsent(Keys.GSI1PK, AttributeValue.fromS(Keys.ticketsByStatus(c.tenantId(), c.initialStatus())));
        update.setIfAbsent(Keys.GSI1SK, AttributeValue.fromS(c.at() + "#" + ticketId));
        update.setIfAbsent("localDate", AttributeValue.fromS(localDate.toString()));
        update.setIfAbsent("createdAt", AttributeValue.fromS(c.at().toString()));
        update.setIfAbsent("slaDueAt", AttributeValue.fromS(slaDueAt.toString()));
        if (c.initialStatus().isOpen()) {
            // the staff inbox: open tickets by SLA due (a joined ticket is open, so it is in there already)
            update.setIfAbsent(Keys.GSI3PK, AttributeValue.fromS(Keys.openTickets(c.tenantId())));
            update.setIfAbsent(Keys.GSI3SK, AttributeValue.fromS(slaDueAt + "#" + ticketId));
        }
        update.setIfAbsentWhenPresent("phone", c.phone() == null ? null : c.phone().e164());
        update.setIfAbsentWhenPresent("contactId", contactId);
        // the first contact that brings a name, e-mail or message fills it; later ones go to the history
        update.setIfAbsentWhenPresent("name", c.name());
        update.setIfAbsentWhenPresent("email", c.email());
        update.setIfAbsentWhenPresent("flow", c.flow());
        update.setIfAbsentWhenPresent("category", c.category());
        update.setIfAbsentWhenPresent("message", c.text());
        if (!c.fields().isEmpty()) {
            Map<String, AttributeValue> fields = new HashMap<>();
            c.fields().forEach((k, v) -> fields.put(k, AttributeValue.fromS(v)));
            update.setIfAbsent("fields", AttributeValue.fromM(fields));
        }
        update.set("updatedAt", AttributeValue.fromS(c.at().toString()));
        update.appendHistory(TicketEvent.contact(c.at(), c.source(), c.text()));
        update.add("contactCount", 1);

        if (c.eventId() != null) {
            update.addToSet("contactIds", c.eventId());
        }

        Map<String, AttributeValue> values = new HashMap<>(update.values());
        StringBuilder condition = new StringBuilder("(attribute_not_exists(#PK) OR #status IN (");
        for (int i = 0; i < OPEN_STATUSES.size(); i++) {
            String placeholder = ":open" + i;
            values.put(placeholder, AttributeValue.fromS(OPEN_STATUSES.get(i)));
            condition.append(i == 0 ? "" : ", ").append(placeholder);
        }
        condition.append("))");
        if (c.eventId() != null) {
            condition.append(" AND NOT contains(contactIds, :contactId)");
            values.put(":contactId", AttributeValue.fromS(c.eventId()));
        }
        Map<String, String> names = new HashMap<>(update.names());
        names.put("#PK", Keys.PK);
        names.put("#status", "status");
        UpdateItemRequest request = UpdateItemRequest.builder()
                .tableName(db.tableName())
                .key(Keys.ticketKey(c.tenantId(), ticketId))
                .updateExpression(update.expression())
                .conditionExpression(condition.toString())
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)
                .returnValues(ReturnValue.ALL_NEW)
                .build();
        // a failed condition has two causes, told apart by one read; a status moved back to an
        // open one in between is simply tried again
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                Ticket ticket = TicketItem.SCHEMA.mapToItem(db.client().updateItem(request).attributes()).toTicket();
                return Optional.of(ticket.contactCount() > 1 ? ContactOutcome.joined(ticket) : ContactOutcome.created(ticket));
            } catch (ConditionalCheckFailedException refused) {
                Map<String, AttributeValue> current = db.client().getItem(b -> b.tableName(db.tableName())
                        .key(Keys.ticketKey(c.tenantId(), ticketId)).consistentRead(true)).item();
                if (current.isEmpty()) {
                    continue;
                }
                Ticket existing = TicketItem.SCHEMA.mapToItem(current).toTicket();
                AttributeValue seen = current.get("contactIds");
                if (c.eventId() != null && seen != null && seen.ss().contains(c.eventId())) {
                    return Optional.of(ContactOutcome.duplicate(existing));
                }
                if (!existing.status().isOpen()) {
                    return Optional.empty();
                }
            }
        }
        throw new ConcurrentChangeException("ticket " + ticketId + " kept changing while a contact was recorded");
    }

    @Override
    public Ticket raiseUrgency(String tenantId, String ticketId, Urgency urgency, Instant at) {
        try {
            return update(tenantId, ticketId,
                    "SET #urgency = :urgency, urgencyRank = :rank, updatedAt = :at",
                    "urgencyRank < :rank",
                    Map.of("#urgency", "urgency"),
                    Map.of(":urgency", AttributeValue.fromS(urgency.name()),
                            ":rank", AttributeValue.fromN(Integer.toString(urgency.rank())),
                            ":at", AttributeValue.fromS(at.toString())));
        } catch (ConditionalCheckFailedException alreadyAsUrgent) {
            return find(tenantId, ticketId).orElseThrow();
        }
    }

    @Override
    public Optional<Ticket> find(String tenantId, String ticketId) {
        TicketItem item = table.getItem(Key.builder()
                .partitionValue(Keys.tenant(tenantId)).sortValue(Keys.ticket(ticketId)).build());
        return Optional.ofNullable(item).map(TicketItem::toTicket);
    }

    @Override
    public Optional<Ticket> findByReference(String tenantId, String reference, int year) {
        java.util.regex.Matcher m = ch.opsfabric.ticket.TicketIds.REFERENCE.matcher(reference);
        if (!m.matches()) {
            return Optional.empty();
        }
        for (int y : new int[] {year, year - 1}) {
            String prefix = Keys.ticket(String.format("%04d%s%s-%s", y, m.group(2), m.group(1), m.group(3)));
            var page = db.client().query(b -> b.tableName(db.tableName())
                    .keyConditionExpression("PK = :pk AND begins_with(SK, :prefix)")
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(Keys.tenant(tenantId)),
                            ":prefix", AttributeValue.fromS(prefix)))
                    .limit(2));
            if (page.count() == 1) {
                return Optional.of(TicketItem.SCHEMA.mapToItem(page.items().get(0)).toTicket());
            }
        }
        return Optional.empty();
    }

    @Override
    public Page list(String tenantId, TicketStatus status, int limit, String cursor) {
        QueryEnhancedRequest.Builder request = QueryEnhancedRequest.builder()
                .scanIndexForward(false)
                .limit(limit)
                .exclusiveStartKey(Cursors.decode(cursor));
        software.amazon.awssdk.enhanced.dynamodb.model.Page<TicketItem> page;
        if (status == null) {
            request.queryConditional(QueryConditional.sortBeginsWith(Key.builder()
                    .partitionValue(Keys.tenant(tenantId)).sortValue(Keys.TICKET_PREFIX).build()));
            page = table.query(request.build()).iterator().next();
        } else {
            request.queryConditional(QueryConditional.keyEqualTo(Key.builder()
                    .partitionValue(Keys.ticketsByStatus(tenantId, status)).build()));
            page = table.index(Keys.GSI1).query(request.build()).iterator().next();
        }
        List<Ticket> tickets = new ArrayList<>();
        page.items().forEach(i -> tickets.add(i.toTicket()));
        return new Page(tickets, Cursors.encode(page.lastEvaluatedKey()));
    }

    @Override
    public Ticket changeStatus(String tenantId, String ticketId, StatusChange change) {
        TicketStatus from = change.from();
        TicketStatus to = change.to();
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":to", AttributeValue.fromS(to.name()));
        values.put(":from", AttributeValue.fromS(from.name()));
        values.put(":gsi1pk", AttributeValue.fromS(Keys.ticketsByStatus(tenantId, to)));
        values.put(":at", AttributeValue.fromS(change.at().toString()));
        values.put(":entry", UpdateBuilder.historyEntry(TicketEvent.status(change.at(), from, to, change.note(),
                change.author())));
        StringBuilder set = new StringBuilder(
                "SET #status = :to, GSI1PK = :gsi1pk, updatedAt = :at, history = list_append(history, :entry)");
        List<String> remove = new ArrayList<>();
        if (from.awaitsResponse() && !to.awaitsResponse()) {
            set.append(", firstResponseAt = if_not_exists(firstResponseAt, :at)");
        }
        if (change.appointmentAt() != null) {
            set.append(", appointmentAt = :appointment");
            values.put(":appointment", AttributeValue.fromS(change.appointmentAt().toString()));
        }
        if (to == TicketStatus.DONE && change.reviewDueAt() != null) {
            // into the sparse due-review index, unless a request went out before (rework, done again)
            set.append(", reviewDueAt = :due, GSI2PK = :reviewPk, GSI2SK = :reviewSk");
            values.put(":due", AttributeValue.fromS(change.reviewDueAt().toString()));
            values.put(":reviewPk", AttributeValue.fromS(Keys.reviewShard(tenantId, ticketId)));
            values.put(":reviewSk", AttributeValue.fromS(Keys.reviewDue(change.reviewDueAt(), tenantId, ticketId)));
        }
        if (TicketStateMachine.withdrawsReviewRequest(from, to)) {
            remove.add("reviewDueAt");
            remove.add(Keys.GSI2PK);
            remove.add(Keys.GSI2SK);
        }
        if (!to.isOpen() && change.retainUntil() != null) {
            set.append(", ").append(Keys.EXPIRES_AT).append(" = :expires");
            values.put(":expires", AttributeValue.fromN(Long.toString(change.retainUntil().getEpochSecond())));
        } else if (to.isOpen()) {
            remove.add(Keys.EXPIRES_AT);
        }
        if (from.isOpen() && !to.isOpen()) {
            remove.add(Keys.GSI3PK);
            remove.add(Keys.GSI3SK);
        } else if (!from.isOpen() && to.isOpen()) {
            // reopened: back into the inbox, under its own SLA due (or now, when the caller did not say)
            Instant due = change.slaDueAt() == null ? change.at() : change.slaDueAt();
            set.append(", GSI3PK = :gsi3pk, GSI3SK = :gsi3sk");
            values.put(":gsi3pk", AttributeValue.fromS(Keys.openTickets(tenantId)));
            values.put(":gsi3sk", AttributeValue.fromS(due + "#" + ticketId));
        }
        String condition = "#status = :from";
        if (to == TicketStatus.DONE && change.reviewDueAt() != null) {
            condition += " AND attribute_not_exists(reviewRequestSentAt)";
        }
        String expression = set + (remove.isEmpty() ? "" : " REMOVE " + String.join(", ", remove));
        try {
            return update(tenantId, ticketId, expression, condition, Map.of("#status", "status"), values);
        } catch (ConditionalCheckFailedException failed) {
            Ticket current = find(tenantId, ticketId).orElseThrow(() ->
                    new ConcurrentChangeException("ticket " + ticketId + " no longer exists", true));
            if (current.status() == from && current.reviewRequestSentAt() != null) {
                // the customer was asked already: move without planning a second request
                return changeStatus(tenantId, ticketId, new StatusChange(from, to, change.note(), change.at(),
                        change.appointmentAt(), null, change.author(), change.slaDueAt(), change.retainUntil()));
            }
            throw new ConcurrentChangeException("ticket " + ticketId + " is no longer " + from);
        }
    }

    @Override
    public Ticket addNote(String tenantId, String ticketId, String note, Instant at) {
        return addEvent(tenantId, ticketId, TicketEvent.note(at, note));
    }

    @Override
    public Ticket addEvent(String tenantId, String ticketId, TicketEvent event) {
        return update(tenantId, ticketId,
                "SET updatedAt = :at, history = list_append(history, :entry)",
                "attribute_exists(PK)",
                Map.of(),
                Map.of(":at", AttributeValue.fromS(event.at().toString()),
                        ":entry", UpdateBuilder.historyEntry(event)));
    }

    @Override
    public boolean reassignContact(String tenantId, String ticketId, String fromContactId, String toContactId) {
        try {
            db.client().updateItem(b -> b.tableName(db.tableName()).key(Keys.ticketKey(tenantId, ticketId))
                    .updateExpression("SET contactId = :to")
                    .conditionExpression("attribute_exists(PK) AND (attribute_not_exists(contactId) OR contactId IN (:from, :to))")
                    .expressionAttributeValues(Map.of(":to", AttributeValue.fromS(toContactId),
                            ":from", AttributeValue.fromS(fromContactId))));
            return true;
        } catch (ConditionalCheckFailedException goneOrSomeoneElses) {
            return false;
        }
    }

    @Override
    public boolean markRecovered(String tenantId, String ticketId, Instant at) {
        try {
            db.client().updateItem(b -> b.tableName(db.tableName()).key(Keys.ticketKey(tenantId, ticketId))
                    .updateExpression("SET recoveredAt = :at")
                    .conditionExpression("attribute_exists(PK) AND attribute_not_exists(recoveredAt)")
                    .expressionAttributeValues(Map.of(":at", AttributeValue.fromS(at.toString()))));
            return true;
        } catch (ConditionalCheckFailedException already) {
            return false;
        }
    }

    @Override
    public boolean markNoticed(String tenantId, String ticketId, String reason, Instant at) {
        try {
            db.client().updateItem(b -> b.tableName(db.tableName()).key(Keys.ticketKey(tenantId, ticketId))
                    .updateExpression("SET #n = :at")
                    .conditionExpression("attribute_exists(PK) AND attribute_not_exists(#n)")
                    .expressionAttributeNames(Map.of("#n", "noticed_" + reason))
                    .expressionAttributeValues(Map.of(":at", AttributeValue.fromS(at.toString()))));
            return true;
        } catch (ConditionalCheckFailedException already) {
            return false;
        }
    }

    @Override
    public long count(String tenantId, TicketStatus status) {
        long count = 0;
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            var page = db.client().query(b -> b.tableName(db.tableName()).indexName(Keys.GSI1)
                    .keyConditionExpression("GSI1PK = :pk")
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(Keys.ticketsByStatus(tenantId, status))))
                    .select(software.amazon.awssdk.services.dynamodb.model.Select.COUNT)
                    .exclusiveStartKey(from));
            count += page.count();
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return count;
    }

    @Override
    public Page openBySla(String tenantId, int limit, String cursor) {
        software.amazon.awssdk.enhanced.dynamodb.model.Page<TicketItem> page = table.index(Keys.GSI3).query(
                QueryEnhancedRequest.builder()
                        .queryConditional(QueryConditional.keyEqualTo(Key.builder()
                                .partitionValue(Keys.openTickets(tenantId)).build()))
                        .limit(limit)
                        .exclusiveStartKey(Cursors.decode(cursor))
                        .build()).iterator().next();
        List<Ticket> tickets = new ArrayList<>();
        page.items().forEach(i -> tickets.add(i.toTicket()));
        return new Page(tickets, Cursors.encode(page.lastEvaluatedKey()));
    }

    private Ticket update(String tenantId, String ticketId, String expression, String condition,
                          Map<String, String> names, Map<String, AttributeValue> values) {
        UpdateItemRequest.Builder request = UpdateItemRequest.builder()
                .tableName(db.tableName())
                .key(Keys.ticketKey(tenantId, ticketId))
                .updateExpression(expression)
                .conditionExpression(condition)
                .expressionAttributeValues(values)
                .returnValues(ReturnValue.ALL_NEW);
        if (!names.isEmpty()) {
            request.expressionAttributeNames(names);
        }
        return TicketItem.SCHEMA.mapToItem(db.client().updateItem(request.build()).attributes()).toTicket();
    }


    /** Collects SET/ADD clauses with generated placeholders. */
    private static final class UpdateBuilder {
        private final List<String> sets = new ArrayList<>();
        private final List<String> adds = new ArrayList<>();
        private final Map<String, String> names = new HashMap<>();
        private final Map<String, AttributeValue> values = new HashMap<>();

        void setIfAbsent(String attribute, AttributeValue value) {
            String n = name(attribute);
            String v = value(value);
            sets.add(n + " = if_not_exists(" + n + ", " + v + ")");
        }

        void setIfAbsentWhenPresent(String attribute, String value) {
            if (value != null && !value.isBlank()) {
                setIfAbsent(attribute, AttributeValue.fromS(value));
            }
        }

        void set(String attribute, AttributeValue value) {
            sets.add(name(attribute) + " = " + value(value));
        }

        void appendHistory(TicketEvent event) {
            String n = name("history");
            String empty = value(AttributeValue.fromL(List.of()));
            sets.add(n + " = list_append(if_not_exists(" + n + ", " + empty + "), " + value(historyEntry(event)) + ")");
        }

        void addToSet(String attribute, String member) {
            adds.add(name(attribute) + " " + value(AttributeValue.fromSs(List.of(member))));
        }

        void add(String attribute, int amount) {
            adds.add(name(attribute) + " " + value(AttributeValue.fromN(Integer.toString(amount))));
        }

        static AttributeValue historyEntry(TicketEvent event) {
            return AttributeValue.fromL(List.of(AttributeValue.fromM(
                    TicketItem.EVENT_SCHEMA.itemToMap(TicketItem.EventItem.of(event), true))));
        }

        private String name(String attribute) {
            String placeholder = "#a" + names.size();
            names.put(placeholder, attribute);
            return placeholder;
        }

        private String value(AttributeValue value) {
            String placeholder = ":v" + values.size();
            values.put(placeholder, value);
            return placeholder;
        }

        String expression() {
            return "SET " + String.join(", ", sets) + (adds.isEmpty() ? "" : " ADD " + String.join(", ", adds));
        }

        Map<String, String> names() {
            return names;
        }

        Map<String, AttributeValue> values() {
            return values;
        }
    }
}
