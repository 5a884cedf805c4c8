package ch.opsfabric.testing.fakes;

import ch.opsfabric.ticket.ContactOutcome;
import ch.opsfabric.ticket.NewContact;
import ch.opsfabric.ticket.Ticket;
import ch.opsfabric.ticket.TicketEvent;
import ch.opsfabric.ticket.TicketStatus;
import ch.opsfabric.ticket.TicketStore;
import ch.opsfabric.ticket.Urgency;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Tickets in a map with the DynamoDB store's rules: create or join an open ticket in one step,
 * a seen contact id changes nothing, a finished ticket absorbs nothing, a status move needs the
 * status it starts from. Synchronized, so it behaves like one conditional write.
 */
public final class InMemoryTicketStore implements TicketStore {

    private final Map<String, Ticket> tickets = new LinkedHashMap<>();
    private final Map<String, Set<String>> contactIds = new HashMap<>();

    private static String key(String tenantId, String ticketId) {
        return tenantId + "|" + ticketId;
    }

    @Override
    public synchronized Optional<ContactOutcome> createOrJoin(String ticketId, String reference, NewContact c,
                                                              LocalDate localDate, Instant slaDueAt, String contactId) {
        String key = key(c.tenantId(), ticketId);
        Ticket existing = tickets.get(key);
        Set<String> seen = contactIds.computeIfAbsent(key, k -> new HashSet<>());
        if (existing != null && !existing.status().isOpen()) {
            return Optional.empty();
        }
        if (existing != null && c.eventId() != null && seen.contains(c.eventId())) {
            return Optional.of(ContactOutcome.duplicate(existing));
        }
        if (c.eventId() != null) {
            seen.add(c.eventId());
        }
        if (existing == null) {
            Ticket created = new Ticket(c.tenantId(), ticketId, reference, c.source(), c.initialStatus(), c.urgency(),
                    c.phone() == null ? null : c.phone().e164(), c.name(), c.email(), c.flow(), c.category(), c.text(),
                    c.fields(), 1, List.of(TicketEvent.contact(c.at(), c.source(), c.text())), localDate, c.at(), c.at(),
                    slaDueAt, null, null, null, null, null, contactId);
            tickets.put(key, created);
            return Optional.of(ContactOutcome.created(created));
        }
        List<TicketEvent> history = new ArrayList<>(existing.history());
        history.add(TicketEvent.contact(c.at(), c.source(), c.text()));
        Ticket joined = copy(existing, existing.status(), existing.urgency(), existing.contactCount() + 1, history, c.at(),
                existing.firstResponseAt(), existing.appointmentAt(), existing.reviewDueAt());
        tickets.put(key, joined);
        return Optional.of(ContactOutcome.joined(joined));
    }

    @Override
    public synchronized Ticket raiseUrgency(String tenantId, String ticketId, Urgency urgency, Instant at) {
        Ticket t = require(tenantId, ticketId);
        if (!urgency.isMoreUrgentThan(t.urgency())) {
            return t;
        }
        Ticket raised = copy(t, t.status(), urgency, t.contactCount(), t.history(), at, t.firstResponseAt(),
                t.appointmentAt(), t.reviewDueAt());
        tickets.put(key(tenantId, ticketId), raised);
        return raised;
    }

    @Override
    public synchronized Optional<Ticket> find(String tenantId, String ticketId) {
        return Optional.ofNullable(tickets.get(key(tenantId, ticketId)));
    }

    @Override
    public synchronized Page list(String tenantId, TicketStatus status, int limit, String cursor) {
        List<Ticket> all = tickets.values().stream()
                .filter(t -> t.tenantId().equals(tenantId) && (status == null || t.status() == status))
                .sorted(Comparator.comparing(Ticket::createdAt).reversed())
                .toList();
        int from = cursor == null ? 0 : Integer.parseInt(cursor);
        int to = Math.min(all.size(), from + limit);
        return new Page(all.subList(from, to), to < all.size() ? Integer.toString(to) : null);
    }

    @Override
    public synchronized Ticket changeStatus(String tenantId, String ticketId, StatusChange change) {
        Ticket t = require(tenantId, ticketId);
        if (t.status() != change.from()) {
            throw new ConcurrentChangeException("ticket is " + t.status() + ", not " + change.from());
        }
        List<TicketEvent> history = new ArrayList<>(t.history());
        history.add(TicketEvent.status(change.at(), change.from(), change.to(), change.note(), change.author()));
        boolean firstResponse = t.firstResponseAt() == null && !isWaiting(change.to());
        Ticket moved = copy(t, change.to(), t.urgency(), t.contactCount(), history, change.at(),
                firstResponse ? change.at() : t.firstResponseAt(),
                change.appointmentAt() != null ? change.appointmentAt() : t.appointmentAt(),
                change.to() == TicketStatus.DONE ? change.reviewDueAt() : null);
        tickets.put(key(tenantId, ticketId), moved);
        return moved;
    }

    private static boolean isWaiting(TicketStatus status) {
        return status == TicketStatus.NEW || status == TicketStatus.NEEDS_CALLBACK;
    }

    @Override
    public synchronized Ticket addNote(String tenantId, String ticketId, String note, Instant at) {
        return addEvent(tenantId, ticketId, TicketEvent.note(at, note));
    }

    @Override
    public synchronized Ticket addEvent(String tenantId, String ticketId, TicketEvent event) {
        Ticket t = require(tenantId, ticketId);
        List<TicketEvent> history = new ArrayList<>(t.history());
        history.add(event);
        Ticket noted = copy(t, t.status(), t.urgency(), t.contactCount(), history, event.at(), t.firstResponseAt(),
                t.appointmentAt(), t.reviewDueAt());
        tickets.put(key(tenantId, ticketId), noted);
        return noted;
    }

    private final java.util.Set<String> recovered = new java.util.HashSet<>();

    @Override
    public synchronized boolean markNoticed(String tenantId, String ticketId, String reason, Instant at) {
        return recovered.add(key(tenantId, ticketId) + "|" + reason);
    }

    @Override
    public synchronized Optional<Ticket> findByReference(String tenantId, String reference, int year) {
        List<Ticket> matches = tickets.values().stream()
                .filter(t -> t.tenantId().equals(tenantId) && t.reference().equals(reference)
                        && t.localDate() != null && t.localDate().getYear() >= year - 1 && t.localDate().getYear() <= year)
                .toList();
        return matches.size() == 1 ? Optional.of(matches.get(0)) : Optional.empty();
    }

    @Override
    public synchronized boolean reassignContact(String tenantId, String ticketId, String fromContactId, String toContactId) {
        Ticket t = tickets.get(key(tenantId, ticketId));
        if (t == null || (t.contactId() != null && !t.contactId().equals(fromContactId) && !t.contactId().equals(toContactId))) {
            return false;
        }
        tickets.put(key(tenantId, ticketId), new Ticket(t.tenantId(), t.id(), t.reference(), t.source(), t.status(),
                t.urgency(), t.phone(), t.name(), t.email(), t.flow(), t.category(), t.message(), t.fields(),
                t.contactCount(), t.history(), t.localDate(), t.createdAt(), t.updatedAt(), t.slaDueAt(),
                t.firstResponseAt(), t.appointmentAt(), t.reviewDueAt(), t.reviewRequestSentAt(), t.reviewClickedAt(),
                toContactId));
        return true;
    }

    @Override
    public synchronized boolean markRecovered(String tenantId, String ticketId, Instant at) {
        return recovered.add(key(tenantId, ticketId));
    }

    @Override
    public synchronized long count(String tenantId, TicketStatus status) {
        return tickets.values().stream().filter(t -> t.tenantId().equals(tenantId) && t.status() == status).count();
    }

    @Override
    public synchronized Page openBySla(String tenantId, int limit, String cursor) {
        List<Ticket> open = tickets.values().stream()
                .filter(t -> t.tenantId().equals(tenantId) && t.status().isOpen())
                .sorted(Comparator.comparing(Ticket::slaDueAt).thenComparing(Ticket::id))
                .toList();
        int from = cursor == null ? 0 : Integer.parseInt(cursor);
        int to = Math.min(open.size(), from + limit);
        return new Page(open.subList(from, to), to < open.size() ? Integer.toString(to) : null);
    }

    public synchronized List<Ticket> all() {
        return List.copyOf(tickets.values());
    }

    private Ticket require(String tenantId, String ticketId) {
        Ticket t = tickets.get(key(tenantId, ticketId));
        if (t == null) {
            throw new IllegalArgumentException("no ticket " + ticketId);
        }
        return t;
    }

    private static Ticket copy(Ticket t, TicketStatus status, Urgency urgency, int contactCount, List<TicketEvent> history,
                               Instant updatedAt, Instant firstResponseAt, Instant appointmentAt, Instant reviewDueAt) {
        return new Ticket(t.tenantId(), t.id(), t.reference(), t.source(), status, urgency, t.phone(), t.name(), t.email(),
                t.flow(), t.category(), t.message(), t.fields(), contactCount, history, t.localDate(), t.createdAt(),
                updatedAt, t.slaDueAt(), firstResponseAt, appointmentAt, reviewDueAt, t.reviewRequestSentAt(),
                t.reviewClickedAt(), t.contactId());
    }
}
