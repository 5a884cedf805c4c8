package ch.opsfabric.ticket;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A customer's concern, however it reached the business. One per customer phone number and
 * local day while it is open; later contacts that day join it ({@link #contactCount}).
 *
 * @param reference     short human reference for phone and SMS, e.g. {@code K-2611-7QX4}
 * @param slaDueAt      the response deadline, quiet hours excluded
 * @param firstResponseAt when the ticket first left NEW/NEEDS_CALLBACK; null until then
 * @param appointmentAt   the agreed appointment, set with the move to SCHEDULED; may be null
 * @param reviewDueAt     when the review request is due (DONE + the tenant's delay); null when none is planned
 * @param contactId       the person's contact ({@link ch.opsfabric.contact.Contact}); null on tickets from
 *                        before contacts and on those with neither number nor address
 */
public record Ticket(
        String tenantId,
        String id,
        String reference,
        TicketSource source,
        TicketStatus status,
        Urgency urgency,
        String phone,
        String name,
        String email,
        String flow,
        String category,
        String message,
        Map<String, String> fields,
        int contactCount,
        List<TicketEvent> history,
        LocalDate localDate,
        Instant createdAt,
        Instant updatedAt,
        Instant slaDueAt,
        Instant firstResponseAt,
        Instant appointmentAt,
        Instant reviewDueAt,
        Instant reviewRequestSentAt,
        Instant reviewClickedAt,
        String contactId) {

    public Ticket {
        fields = fields == null ? Map.of() : Map.copyOf(fields);
        history = history == null ? List.of() : List.copyOf(history);
    }

    /** Past due without a response, or answered only after the deadline. */
    public boolean slaBreached(Instant now) {
        if (slaDueAt == null) {
            return false;
        }
        return firstResponseAt == null ? now.isAfter(slaDueAt) : firstResponseAt.isAfter(slaDueAt);
    }
}
