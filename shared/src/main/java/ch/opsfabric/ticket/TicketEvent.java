package ch.opsfabric.ticket;

import java.time.Instant;

/**
 * One line of a ticket's history: a contact (call, SMS, form), a status move or a staff note.
 *
 * @param type   {@code contact}, {@code status} or {@code note}
 * @param source for contacts the channel ({@code missed_call}, …), for status moves {@code FROM>TO}
 * @param text   what the customer wrote, or the note; may be null
 */
public record TicketEvent(Instant at, String type, String source, String text) {

    public static TicketEvent contact(Instant at, TicketSource source, String text) {
        return new TicketEvent(at, "contact", source.wireName(), text);
    }

    public static TicketEvent status(Instant at, TicketStatus from, TicketStatus to, String note) {
        return new TicketEvent(at, "status", from + ">" + to, note);
    }

    public static TicketEvent note(Instant at, String note) {
        return new TicketEvent(at, "note", "staff", note);
    }
}
