package ch.opsfabric.ticket;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** Persistence of tickets. Every method is scoped to one tenant: ids of other tenants are simply not found. */
public interface TicketStore {

    /**
     * Creates the ticket {@code ticketId} or joins it if it exists and is open, in one conditional
     * write that also refuses a contact id the ticket has seen. Empty when a ticket with that id
     * exists but is DONE/CLOSED (the caller then tries the next generation).
     */
    Optional<ContactOutcome> createOrJoin(String ticketId, String reference, NewContact contact,
                                          LocalDate localDate, Instant slaDueAt, String contactId);

    /**
     * Gives the ticket to another contact (a merge) if it belongs to {@code fromContactId} or to
     * nobody yet; false when the ticket does not exist.
     */
    boolean reassignContact(String tenantId, String ticketId, String fromContactId, String toContactId);

    /** Raises the urgency if the stored one is lower; a no-op otherwise. Returns the ticket as stored after. */
    Ticket raiseUrgency(String tenantId, String ticketId, Urgency urgency, Instant at);

    Optional<Ticket> find(String tenantId, String ticketId);

    /**
     * The ticket a customer names by its reference ({@code K-ddMM-XXXX}, e.g. in an e-mail's
     * subject): the reference holds the day and the start of the id, so this reads only the keys
     * of that day that start so, in {@code year} and the year before (a December ticket answered
     * in January). Empty when none or more than one match.
     */
    Optional<Ticket> findByReference(String tenantId, String reference, int year);

    Page list(String tenantId, TicketStatus status, int limit, String cursor);

    /**
     * Moves the ticket from {@code from} to {@code to}; fails with {@link ConcurrentChangeException}
     * when the stored status is no longer {@code from}.
     */
    default Ticket changeStatus(String tenantId, String ticketId, TicketStatus from, TicketStatus to, String note,
                                Instant at) {
        return changeStatus(tenantId, ticketId, new StatusChange(from, to, note, at, null, null));
    }

    /**
     * The full move: with an appointment (to SCHEDULED) or a planned review request (to DONE,
     * which puts the ticket into the due-review index). Moving back out of DONE takes an unsent
     * review request out again.
     */
    Ticket changeStatus(String tenantId, String ticketId, StatusChange change);

    /**
     * @param appointmentAt set with a move to SCHEDULED; may be null
     * @param reviewDueAt   set with a move to DONE when a review request is planned; may be null
     * @param retainUntil   with a move to DONE or CLOSED: when the ticket expires (the tenant's
     *                      retention, by TTL); reopening takes the expiry away. Null keeps it forever.
     */
    record StatusChange(TicketStatus from, TicketStatus to, String note, Instant at, Instant appointmentAt,
                        Instant reviewDueAt, String author, Instant slaDueAt, Instant retainUntil) {

        public StatusChange(TicketStatus from, TicketStatus to, String note, Instant at, Instant appointmentAt,
                            Instant reviewDueAt) {
            this(from, to, note, at, appointmentAt, reviewDueAt, null, null, null);
        }

        public StatusChange(TicketStatus from, TicketStatus to, String note, Instant at, Instant appointmentAt,
                            Instant reviewDueAt, String author, Instant slaDueAt) {
            this(from, to, note, at, appointmentAt, reviewDueAt, author, slaDueAt, null);
        }

        /** The same move, kept for the tenant's retention after it closes the ticket. */
        public StatusChange retainedFor(ch.opsfabric.tenant.TenantConfig config) {
            return new StatusChange(from, to, note, at, appointmentAt, reviewDueAt, author, slaDueAt,
                    to.isOpen() ? null : at.atZone(config.zone()).plusMonths(config.retentionMonths()).toInstant());
        }
    }

    Ticket addNote(String tenantId, String ticketId, String note, Instant at);

    /** Appends one line to the history (a staff reply, a delivery); the ticket must exist. */
    Ticket addEvent(String tenantId, String ticketId, TicketEvent event);

    /**
     * The staff inbox: the tenant's open tickets, soonest SLA due first, one page at a time.
     * A ticket that closes leaves it; one that is reopened comes back.
     */
    Page openBySla(String tenantId, int limit, String cursor);

    /**
     * Marks a missed call's ticket as recovered (it reached SCHEDULED or later), once.
     *
     * @return true the first time, false when it was marked before
     */
    boolean markRecovered(String tenantId, String ticketId, Instant at);

    /**
     * Marks that staff were told about this ticket for {@code reason} ({@code new_ticket},
     * {@code sla_soon}), once: the 15-minute cron looks back over hours and must not tell twice.
     *
     * @return true the first time
     */
    boolean markNoticed(String tenantId, String ticketId, String reason, Instant at);

    /** How many tickets have this status (the inbox's counts); reads only the status's index partition. */
    long count(String tenantId, TicketStatus status);

    record Page(List<Ticket> tickets, String nextCursor) {
    }

    /** The ticket changed (or went) between reading and writing it; the caller words it for its user. */
    final class ConcurrentChangeException extends RuntimeException {
        private final boolean gone;

        public ConcurrentChangeException(String message) {
            this(message, false);
        }

        public ConcurrentChangeException(String message, boolean gone) {
            super(message);
            this.gone = gone;
        }

        /** The ticket no longer exists (rather than having moved on). */
        public boolean gone() {
            return gone;
        }
    }
}
