package ch.opsfabric.staffapp;

import ch.opsfabric.contact.Contact;
import ch.opsfabric.contact.Contacts;
import ch.opsfabric.log.Log;
import ch.opsfabric.privacy.PersonalData;
import ch.opsfabric.staff.StaffMember;
import ch.opsfabric.tenant.Tenant;
import ch.opsfabric.ticket.Ticket;
import ch.opsfabric.ticket.TicketEvent;
import ch.opsfabric.ticket.TicketStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The person behind a ticket, for the ticket page: the contact's other numbers and addresses,
 * how many tickets it has, and the contacts one message named alongside it, which staff can merge
 * into it with one button.
 */
final class ContactDesk {

    /** Suspects shown at most; each costs one read. */
    static final int MAX_SUSPECTS = 3;

    record Person(Contact contact, List<Contact> suspects) {
    }

    private final Contacts contacts;
    private final TicketStore tickets;
    private final Clock clock;
    private final PersonalData personal;

    ContactDesk(Contacts contacts, TicketStore tickets, Clock clock, PersonalData personal) {
        this.contacts = contacts;
        this.tickets = tickets;
        this.clock = clock;
        this.personal = personal;
    }

    /** Everything held about the person behind the ticket (revDSG access), as the staff API gives it. */
    Optional<PersonalData.Export> export(Tenant tenant, Ticket ticket) {
        return ticket.contactId() == null ? Optional.empty() : personal.export(tenant.id(), ticket.contactId());
    }

    /** Erases the person behind the ticket (owners only, confirmed) and notes who did it. */
    TicketDesk.Outcome erase(Tenant tenant, StaffMember author, Ticket ticket, boolean confirmed) {
        if (author.role() != StaffMember.Role.OWNER) {
            return new TicketDesk.Refused("Personendaten löschen darf nur die Inhaberin oder der Inhaber.");
        }
        if (!confirmed) {
            return new TicketDesk.Refused("Bitte bestätigen Sie, dass die Daten dieser Person gelöscht werden sollen.");
        }
        if (ticket.contactId() == null || !(personal.erase(tenant.id(), ticket.contactId()) instanceof PersonalData.Erased erased)) {
            return new TicketDesk.Refused("Zu diesem Ticket ist keine Person gespeichert.");
        }
        Ticket noted = tickets.addEvent(tenant.id(), ticket.id(), TicketEvent.note(clock.instant(),
                "Personendaten gelöscht (" + erased.tickets() + " Ticket(s), " + erased.messages() + " Nachricht(en))",
                author.name()));
        Log.info("contact.erased", Map.of("tenant", tenant.id(), "contact", erased.contactId(), "tickets", erased.tickets(),
                "member", author.id()));
        return new TicketDesk.Done(noted, "Personendaten gelöscht.");
    }

    /** Empty for a ticket from before contacts, or one without number and address. */
    Optional<Person> person(Tenant tenant, Ticket ticket) {
        if (ticket.contactId() == null) {
            return Optional.empty();
        }
        return contacts.contact(tenant.id(), ticket.contactId()).map(contact -> {
            List<Contact> suspects = new ArrayList<>();
            contact.suspects().stream().sorted().limit(MAX_SUSPECTS).forEach(id -> contacts.contact(tenant.id(), id)
                    .filter(s -> s.mergedInto() == null).ifPresent(suspects::add));
            return new Person(contact, suspects);
        });
    }

    /** Merges {@code suspectId} into the ticket's contact and notes it on the ticket. */
    TicketDesk.Outcome merge(Tenant tenant, StaffMember author, Ticket ticket, String suspectId) {
        if (ticket.contactId() == null || suspectId == null || !suspectId.matches("C[0-9A-Z]{15}")) {
            return new TicketDesk.Refused("Diesen Kontakt gibt es nicht.");
        }
        Optional<Contact> suspect = contacts.contact(tenant.id(), suspectId);
        if (suspect.isEmpty()) {
            return new TicketDesk.Refused("Diesen Kontakt gibt es nicht.");
        }
        Contacts.MergeOutcome outcome = contacts.merge(tenant.id(), suspectId, ticket.contactId(), clock.instant());
        if (outcome.refusal() != null) {
            return new TicketDesk.Refused(switch (outcome.refusal()) {
                case SAME_CONTACT -> "Das ist schon dieselbe Person.";
                case NOT_FOUND -> "Diesen Kontakt gibt es nicht.";
                case TARGET_MERGED, MERGED_ELSEWHERE -> "Der Kontakt wurde inzwischen anders zusammengeführt. Bitte laden Sie die Seite neu.";
            });
        }
        Ticket noted = tickets.addEvent(tenant.id(), ticket.id(), TicketEvent.note(clock.instant(),
                "Kontakt zusammengeführt: " + describe(suspect.get()) + " (" + outcome.ticketsMoved() + " Ticket(s))",
                author.name()));
        Log.info("contact.merged", Map.of("tenant", tenant.id(), "from", suspectId, "into", ticket.contactId(),
                "tickets", outcome.ticketsMoved(), "member", author.id()));
        return new TicketDesk.Done(noted, "Kontakte zusammengeführt.");
    }

    /** "079 555 12 34, anna@example.ch": what staff recognise a contact by. */
    static String describe(Contact contact) {
        List<String> parts = new ArrayList<>();
        if (contact.name() != null) {
            parts.add(contact.name());
        }
        contact.phones().stream().sorted().forEach(p -> parts.add(ch.opsfabric.phone.PhoneNumbers.display(p)));
        contact.emails().stream().sorted().forEach(parts::add);
        return parts.isEmpty() ? contact.id() : String.join(", ", parts);
    }
}
