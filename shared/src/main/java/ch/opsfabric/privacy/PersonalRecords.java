package ch.opsfabric.privacy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What is stored about a person besides the contact and its tickets, found by the person's
 * numbers, addresses and ticket ids (never by scanning), and how it is erased.
 */
public interface PersonalRecords {

    /** One stored item shown to the person: its kind and its attributes as text. */
    record Record(String kind, Map<String, String> attributes) {
    }

    /** Windows, threads and contact pointers keyed by these numbers and addresses. */
    List<Record> heldFor(String tenantId, Set<String> phones, Set<String> emails);

    /** The messages sent about these tickets (the outbound ledger: recipient and text). */
    List<Record> messagesAbout(String tenantId, Set<String> ticketIds);

    /**
     * Removes the ticket's personal fields (number, name, address, message, form fields) and the
     * texts and attachment links of its history; keeps status, times, channel and urgency.
     *
     * @return the attachment object keys the ticket linked, for deletion
     */
    List<String> eraseTicket(String tenantId, String ticketId, Instant at);

    /** @return how many ledger entries lost recipient and text */
    int eraseMessages(String tenantId, Set<String> ticketIds);

    /** Deletes what {@link #heldFor} finds; @return how many items */
    int eraseHeld(String tenantId, Set<String> phones, Set<String> emails);

    /** The contact keeps its id (tickets name it) but no name, numbers or addresses. */
    void tombstone(String tenantId, String contactId, Instant at);
}
