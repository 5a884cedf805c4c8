package ch.opsfabric.store;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondarySortKey;

import ch.opsfabric.ticket.Ticket;
import ch.opsfabric.ticket.TicketEvent;
import ch.opsfabric.ticket.TicketSource;
import ch.opsfabric.ticket.TicketStatus;
import ch.opsfabric.ticket.Urgency;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/**
 * The stored shape of a ticket. Mapped by hand-written {@link StaticTableSchema}s, built once per
 * JVM: no bean introspection at cold start or on the request path.
 */
final class TicketItem {

    String pk;
    String sk;
    String gsi1pk;
    String gsi1sk;
    String tenantId;
    String id;
    String reference;
    String source;
    String status;
    String urgency;
    Integer urgencyRank;
    String phone;
    String name;
    String email;
    String flow;
    String category;
    String message;
    Map<String, String> fields;
    Integer contactCount;
    List<EventItem> history;
    String localDate;
    Instant createdAt;
    Instant updatedAt;
    Instant slaDueAt;
    Instant firstResponseAt;
    Instant appointmentAt;
    Instant reviewDueAt;
    Instant reviewRequestSentAt;
    Instant reviewClickedAt;
    String contactId;
    String gsi2pk;
    String gsi2sk;
    String gsi3pk;
    String gsi3sk;

    static final class EventItem {
        Instant at;
        String type;
        String source;
        String text;
        String author;
        String ref;

        static EventItem of(TicketEvent event) {
            EventItem item = new EventItem();
            item.at = event.at();
            item.type = event.type();
            item.source = event.source();
            item.text = event.text();
            item.author = event.author();
            item.ref = event.ref();
            return item;
        }

        TicketEvent toEvent() {
            return new TicketEvent(at, type, source, text, author, ref);
        }
    }

    static final StaticTableSchema<EventItem> EVENT_SCHEMA = StaticTableSchema.builder(EventItem.class)
            .newItemSupplier(EventItem::new)
            .addAttribute(Instant.class, a -> a.name("at").getter(i -> i.at).setter((i, v) -> i.at = v))
            .addAttribute(String.class, a -> a.name("type").getter(i -> i.type).setter((i, v) -> i.type = v))
            .addAttribute(String.class, a -> a.name("source").getter(i -> i.source).setter((i, v) -> i.source = v))
            .addAttribute(String.class, a -> a.name("text").getter(i -> i.text).setter((i, v) -> i.text = v))
            .addAttribute(String.class, a -> a.name("author").getter(i -> i.author).setter((i, v) -> i.author = v))
            .addAttribute(String.class, a -> a.name("ref").getter(i -> i.ref).setter((i, v) -> i.ref = v))
            .build();

    static final StaticTableSchema<TicketItem> SCHEMA = StaticTableSchema.builder(TicketItem.class)
            .newItemSupplier(TicketItem::new)
            .addAttribute(String.class, a -> a.name(Keys.PK).getter(i -> i.pk).setter((i, v) -> i.pk = v)
                    .tags(primaryPartitionKey()))
            .addAttribute(String.class, a -> a.name(Keys.SK).getter(i -> i.sk).setter((i, v) -> i.sk = v)
                    .tags(primarySortKey()))
            .addAttribute(String.class, a -> a.name(Keys.GSI1PK).getter(i -> i.gsi1pk).setter((i, v) -> i.gsi1pk = v)
                    .tags(secondaryPartitionKey(Keys.GSI1)))
            .addAttribute(String.class, a -> a.name(Keys.GSI1SK).getter(i -> i.gsi1sk).setter((i, v) -> i.gsi1sk = v)
                    .tags(secondarySortKey(Keys.GSI1)))
            .addAttribute(String.class, a -> a.name("tenantId").getter(i -> i.tenantId).setter((i, v) -> i.tenantId = v))
            .addAttribute(String.class, a -> a.name("id").getter(i -> i.id).setter((i, v) -> i.id = v))
            .addAttribute(String.class, a -> a.name("reference").getter(i -> i.reference).setter((i, v) -> i.reference = v))
            .addAttribute(String.class, a -> a.name("source").getter(i -> i.source).setter((i, v) -> i.source = v))
            .addAttribute(String.class, a -> a.name("status").getter(i -> i.status).setter((i, v) -> i.status = v))
            .addAttribute(String.class, a -> a.name("urgency").getter(i -> i.urgency).setter((i, v) -> i.urgency = v))
            .addAttribute(Integer.class, a -> a.name("urgencyRank").getter(i -> i.urgencyRank).setter((i, v) -> i.urgencyRank = v))
            .addAttribute(String.class, a -> a.name("phone").getter(i -> i.phone).setter((i, v) -> i.phone = v))
            .addAttribute(String.class, a -> a.name("name").getter(i -> i.name).setter((i, v) -> i.name = v))
            .addAttribute(String.class, a -> a.name("email").getter(i -> i.email).setter((i, v) -> i.email = v))
            .addAttribute(String.class, a -> a.name("flow").getter(i -> i.flow).setter((i, v) -> i.flow = v))
            .addAttribute(String.class, a -> a.name("category").getter(i -> i.category).setter((i, v) -> i.category = v))
            .addAttribute(String.class, a -> a.name("message").getter(i -> i.message).setter((i, v) -> i.message = v))
            .addAttribute(EnhancedType.mapOf(String.class, String.class),
                    a -> a.name("fields").getter(i -> i.fields).setter((i, v) -> i.fields = v))
            .addAttribute(Integer.class, a -> a.name("contactCount").getter(i -> i.contactCount).setter((i, v) -> i.contactCount = v))
            .addAttribute(EnhancedType.listOf(EnhancedType.documentOf(EventItem.class, EVENT_SCHEMA)),
                    a -> a.name("history").getter(i -> i.history).setter((i, v) -> i.history = v))
            .addAttribute(String.class, a -> a.name("localDate").getter(i -> i.localDate).setter((i, v) -> i.localDate = v))
            .addAttribute(Instant.class, a -> a.name("createdAt").getter(i -> i.createdAt).setter((i, v) -> i.createdAt = v))
            .addAttribute(Instant.class, a -> a.name("updatedAt").getter(i -> i.updatedAt).setter((i, v) -> i.updatedAt = v))
            .addAttribute(Instant.class, a -> a.name("slaDueAt").getter(i -> i.slaDueAt).setter((i, v) -> i.slaDueAt = v))
            .addAttribute(Instant.class, a -> a.name("firstResponseAt").getter(i -> i.firstResponseAt)
                    .setter((i, v) -> i.firstResponseAt = v))
            .addAttribute(Instant.class, a -> a.name("appointmentAt").getter(i -> i.appointmentAt)
                    .setter((i, v) -> i.appointmentAt = v))
            .addAttribute(Instant.class, a -> a.name("reviewDueAt").getter(i -> i.reviewDueAt)
                    .setter((i, v) -> i.reviewDueAt = v))
            .addAttribute(Instant.class, a -> a.name("reviewRequestSentAt").getter(i -> i.reviewRequestSentAt)
                    .setter((i, v) -> i.reviewRequestSentAt = v))
            .addAttribute(Instant.class, a -> a.name("reviewClickedAt").getter(i -> i.reviewClickedAt)
                    .setter((i, v) -> i.reviewClickedAt = v))
            .addAttribute(String.class, a -> a.name(Keys.GSI2PK).getter(i -> i.gsi2pk).setter((i, v) -> i.gsi2pk = v)
                    .tags(secondaryPartitionKey(Keys.GSI2)))
            .addAttribute(String.class, a -> a.name(Keys.GSI2SK).getter(i -> i.gsi2sk).setter((i, v) -> i.gsi2sk = v)
                    .tags(secondarySortKey(Keys.GSI2)))
            .addAttribute(String.class, a -> a.name("contactId").getter(i -> i.contactId).setter((i, v) -> i.contactId = v))
            .addAttribute(String.class, a -> a.name(Keys.GSI3PK).getter(i -> i.gsi3pk).setter((i, v) -> i.gsi3pk = v)
                    .tags(secondaryPartitionKey(Keys.GSI3)))
            .addAttribute(String.class, a -> a.name(Keys.GSI3SK).getter(i -> i.gsi3sk).setter((i, v) -> i.gsi3sk = v)
                    .tags(secondarySortKey(Keys.GSI3)))
            .build();

    Ticket toTicket() {
        List<TicketEvent> events = new ArrayList<>();
        if (history != null) {
            history.forEach(e -> events.add(e.toEvent()));
        }
        return new Ticket(tenantId, id, reference, TicketSource.fromWire(source), TicketStatus.valueOf(status),
                Urgency.valueOf(urgency), phone, name, email, flow, category, message, fields,
                contactCount == null ? 0 : contactCount, events,
                localDate == null ? null : LocalDate.parse(localDate), createdAt, updatedAt, slaDueAt, firstResponseAt,
                appointmentAt, reviewDueAt, reviewRequestSentAt, reviewClickedAt, contactId);
    }
}
