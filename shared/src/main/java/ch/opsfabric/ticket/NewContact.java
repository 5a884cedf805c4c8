package ch.opsfabric.ticket;

import ch.opsfabric.phone.Phone;
import java.time.Instant;
import java.util.Map;

/**
 * A customer got in touch: what becomes a new ticket or joins the day's open one.
 *
 * @param phone         the customer's number, null when there is none (then no dedupe)
 * @param initialStatus status of a new ticket (missed calls start at NEEDS_CALLBACK)
 * @param text          what the customer said, for the history; may be null
 * @param eventId       the provider's id of this contact (call id, message id); a contact with an id
 *                      the ticket has seen before changes nothing (stored in the ticket's {@code contactIds},
 *                      a name from before contacts were people). Null for form submissions.
 */
public record NewContact(
        String tenantId,
        Phone.Number phone,
        TicketSource source,
        Urgency urgency,
        TicketStatus initialStatus,
        String name,
        String email,
        String flow,
        String category,
        String text,
        Map<String, String> fields,
        Instant at,
        String eventId) {

    public NewContact {
        fields = fields == null ? Map.of() : Map.copyOf(fields);
    }
}
