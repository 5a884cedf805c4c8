package ch.opsfabric.ticket;

/**
 * The ticket after a contact.
 *
 * @param joined    the contact joined an existing ticket
 * @param duplicate the same contact (same provider id) was recorded before: nothing changed
 */
public record ContactOutcome(Ticket ticket, boolean joined, boolean duplicate) {

    public static ContactOutcome created(Ticket ticket) {
        return new ContactOutcome(ticket, false, false);
    }

    public static ContactOutcome joined(Ticket ticket) {
        return new ContactOutcome(ticket, true, false);
    }

    public static ContactOutcome duplicate(Ticket ticket) {
        return new ContactOutcome(ticket, true, true);
    }
}
