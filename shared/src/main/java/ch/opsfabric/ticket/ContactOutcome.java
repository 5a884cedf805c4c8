package ch.opsfabric.ticket;

/** The ticket after a contact, and whether the contact joined an existing ticket. */
public record ContactOutcome(Ticket ticket, boolean joined) {
}
