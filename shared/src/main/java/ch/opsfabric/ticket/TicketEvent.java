package ch.opsfabric.ticket;

import java.time.Instant;

/**
 * One line of a ticket's history: a contact (call, SMS, form), a status move, a staff note, an
 * SMS a staff member sent from the ticket, or the delivery of an SMS about the ticket.
 *
 * @param type   {@code contact}, {@code status}, {@code note}, {@code reply} (staff SMS) or {@code sms} (delivery)
 * @param source for contacts the channel ({@code missed_call}, …), for status moves {@code FROM>TO},
 *               for deliveries the SMS kind
 * @param text   what the customer wrote, the note, or the SMS text; may be null
 * @param author the staff member who did it; null for the customer and the system
 * @param ref    for SMS: the message's idempotency key, which ties a reply to its delivery; else null
 */
public record TicketEvent(Instant at, String type, String source, String text, String author, String ref) {

    public TicketEvent(Instant at, String type, String source, String text) {
        this(at, type, source, text, null, null);
    }

    public static TicketEvent contact(Instant at, TicketSource source, String text) {
        return new TicketEvent(at, "contact", source.wireName(), text);
    }

    public static TicketEvent status(Instant at, TicketStatus from, TicketStatus to, String note) {
        return status(at, from, to, note, null);
    }

    public static TicketEvent status(Instant at, TicketStatus from, TicketStatus to, String note, String author) {
        return new TicketEvent(at, "status", from + ">" + to, note, author, null);
    }

    public static TicketEvent note(Instant at, String note) {
        return note(at, note, null);
    }

    public static TicketEvent note(Instant at, String note, String author) {
        return new TicketEvent(at, "note", "staff", note, author, null);
    }

    /** A staff member's SMS to the customer, queued; its delivery follows as an {@code sms} event with the same ref. */
    public static TicketEvent reply(Instant at, String text, String author, String ref) {
        return new TicketEvent(at, "reply", "staff", text, author, ref);
    }

    /**
     * A file the customer sent (an e-mail attachment): {@code text} says what it is, {@code ref} is
     * its key in the attachment bucket, or null when it was not kept (then {@code text} says why).
     */
    public static TicketEvent attachment(Instant at, TicketSource source, String text, String objectKey) {
        return new TicketEvent(at, "attachment", source.wireName(), text, null, objectKey);
    }

    /** What became of an e-mail about this ticket: {@code source} is its purpose, {@code text} the state. */
    public static TicketEvent emailDelivery(Instant at, String purpose, String state, String ref) {
        return new TicketEvent(at, "email", purpose, state, null, ref);
    }

    /** What became of an SMS about this ticket: {@code source} is its kind, {@code text} the state. */
    public static TicketEvent delivery(Instant at, String kind, String state, String ref) {
        return new TicketEvent(at, "sms", kind, state, null, ref);
    }
}
