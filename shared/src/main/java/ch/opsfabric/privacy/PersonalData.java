package ch.opsfabric.privacy;

import ch.opsfabric.attachment.AttachmentDeletion;
import ch.opsfabric.contact.Contact;
import ch.opsfabric.contact.Contacts;
import ch.opsfabric.messaging.OptOuts;
import ch.opsfabric.ticket.Ticket;
import ch.opsfabric.ticket.TicketStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The data-subject rights of the revDSG for one contact of a tenant: everything held about the
 * person (art. 25, access) and its erasure (art. 32). Erasure keeps what is not personal (a
 * ticket's status, times, channel and urgency, for the business's figures) and keeps an opt-out
 * as a hash, so that a STOP still holds for the number afterwards.
 */
public final class PersonalData {

    /** Opt-outs as they have to survive an erasure. */
    public interface OptOutHashes extends OptOuts {
        /** Keeps an opt-out of this number as its hash only. @return true when there was a plain one */
        boolean pseudonymize(String tenantId, String e164);
    }

    public record Export(Contact contact, List<Ticket> tickets, Map<String, Boolean> optedOut,
                         List<PersonalRecords.Record> held, List<PersonalRecords.Record> messages) {
    }

    public sealed interface Erasure permits Erased, NotFound {
    }

    public record Erased(String contactId, int tickets, int messages, int heldItems, int attachments, int optOutsKept)
            implements Erasure {
    }

    public record NotFound() implements Erasure {
    }

    private final Clock clock;
    private final Contacts contacts;
    private final TicketStore tickets;
    private final OptOutHashes optOuts;
    private final PersonalRecords records;
    private final AttachmentDeletion attachments;

    public PersonalData(Clock clock, Contacts contacts, TicketStore tickets, OptOutHashes optOuts,
                        PersonalRecords records, AttachmentDeletion attachments) {
        this.clock = clock;
        this.contacts = contacts;
        this.tickets = tickets;
        this.optOuts = optOuts;
        this.records = records;
        this.attachments = attachments;
    }

    public Optional<Export> export(String tenantId, String contactId) {
        return live(tenantId, contactId).map(contact -> {
            List<Ticket> held = new ArrayList<>();
            for (String id : new TreeSet<>(contact.ticketIds())) {
                tickets.find(tenantId, id).ifPresent(held::add);
            }
            Map<String, Boolean> optedOut = new LinkedHashMap<>();
            new TreeSet<>(contact.phones()).forEach(phone -> optedOut.put(phone, optOuts.isOptedOut(tenantId, phone)));
            return new Export(contact, held, optedOut, records.heldFor(tenantId, contact.phones(), contact.emails()),
                    records.messagesAbout(tenantId, contact.ticketIds()));
        });
    }

    /** Idempotent: erasing again finds a contact without numbers or addresses and tickets already emptied. */
    public Erasure erase(String tenantId, String contactId) {
        Optional<Contact> found = live(tenantId, contactId);
        if (found.isEmpty()) {
            return new NotFound();
        }
        Contact contact = found.get();
        var at = clock.instant();
        int kept = 0;
        for (String phone : contact.phones()) {
            kept += optOuts.pseudonymize(tenantId, phone) || optOuts.isOptedOut(tenantId, phone) ? 1 : 0;
        }
        int removedFiles = 0;
        int erasedTickets = 0;
        for (String id : contact.ticketIds()) {
            if (tickets.find(tenantId, id).isEmpty()) {
                continue;
            }
            for (String key : records.eraseTicket(tenantId, id, at)) {
                attachments.delete(key);
                removedFiles++;
            }
            erasedTickets++;
        }
        int messages = records.eraseMessages(tenantId, contact.ticketIds());
        // pointers and windows last: until here a retry still finds the person by number
        int held = records.eraseHeld(tenantId, contact.phones(), contact.emails());
        records.tombstone(tenantId, contact.id(), at);
        return new Erased(contact.id(), erasedTickets, messages, held, removedFiles, kept);
    }

    /** A merged contact is answered by the one it went into. */
    private Optional<Contact> live(String tenantId, String contactId) {
        Optional<Contact> contact = contacts.contact(tenantId, contactId);
        if (contact.isPresent() && contact.get().mergedInto() != null) {
            return contacts.contact(tenantId, contact.get().mergedInto());
        }
        return contact;
    }
}
