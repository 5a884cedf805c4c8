package ch.opsfabric.contact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.opsfabric.phone.PhoneNumbers;
import ch.opsfabric.stats.DailyStats;
import ch.opsfabric.tenant.Tenant;
import ch.opsfabric.testing.fakes.InMemoryContactBook;
import ch.opsfabric.testing.fakes.InMemoryTenants;
import ch.opsfabric.testing.fakes.InMemoryTicketStore;
import ch.opsfabric.ticket.ContactOutcome;
import ch.opsfabric.ticket.NewContact;
import ch.opsfabric.ticket.Ticket;
import ch.opsfabric.ticket.TicketIds;
import ch.opsfabric.ticket.TicketIntake;
import ch.opsfabric.ticket.TicketSource;
import ch.opsfabric.ticket.TicketStatus;
import ch.opsfabric.ticket.TicketWatcher;
import ch.opsfabric.ticket.Urgency;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ContactsTest {

    private static final Instant MORNING = Instant.parse("2026-11-26T08:00:00Z");

    private final Tenant tenant = InMemoryTenants.handwerk("keller", "+41445550101", "", "");
    private final InMemoryContactBook book = new InMemoryContactBook();
    private final InMemoryTicketStore tickets = new InMemoryTicketStore();
    private final Contacts contacts = new Contacts(book, tickets::reassignContact);
    private final TicketIntake intake = new TicketIntake(tickets, DailyStats.NONE, TicketWatcher.NONE, contacts);

    private NewContact contact(TicketSource source, String phone, String email, Instant at, String eventId) {
        return new NewContact(tenant.id(), phone == null ? null : PhoneNumbers.require(phone), source, Urgency.MEDIUM,
                TicketStatus.NEW, "Anna Beispiel", email, null, null, "Heizung", Map.of(), at, eventId);
    }

    @Test
    void aWizardTicketWithAnAddressIsJoinedByAnEmailFromThatAddressTheSameDay() {
        Ticket wizard = intake.record(tenant, contact(TicketSource.WIZARD, "079 555 12 34", "Anna.Beispiel@Example.ch",
                MORNING, null)).ticket();
        ContactOutcome mail = intake.record(tenant, contact(TicketSource.EMAIL, null, "anna.beispiel@example.ch",
                MORNING.plusSeconds(3600), "postmark:1"));
        assertTrue(mail.joined());
        assertEquals(wizard.id(), mail.ticket().id());
        assertEquals(wizard.contactId(), mail.ticket().contactId());
        Contact anna = contacts.contact(tenant.id(), wizard.contactId()).orElseThrow();
        assertEquals(Set.of("+41795551234"), anna.phones());
        assertEquals(Set.of("anna.beispiel@example.ch"), anna.emails(), "addresses are keyed lower-case");
        assertEquals(Set.of(wizard.id()), anna.ticketIds());
    }

    @Test
    void aPersonFirstSeenByPhoneKeepsTheTicketIdsTicketsHadBeforeContacts() {
        Ticket call = intake.record(tenant, contact(TicketSource.MISSED_CALL, "079 555 12 34", null, MORNING, "call-1"))
                .ticket();
        assertEquals(TicketIds.forContact(tenant.id(), "+41795551234", LocalDate.of(2026, 11, 26), 0), call.id(),
                "a ticket stored before contacts is found and joined under the id it has");
        assertEquals(ContactRef.forSeed(tenant.id(), "tel:+41795551234").id(), call.contactId());
    }

    @Test
    void aPersonFirstSeenByEmailIsJoinedByTheirLaterCallOnceTheAddressBroughtTheNumber() {
        Ticket mail = intake.record(tenant, contact(TicketSource.EMAIL, null, "anna@example.ch", MORNING, "m1")).ticket();
        intake.record(tenant, contact(TicketSource.WIZARD, "079 555 12 34", "anna@example.ch", MORNING.plusSeconds(60), null));
        Ticket call = intake.record(tenant, contact(TicketSource.MISSED_CALL, "079 555 12 34", null,
                MORNING.plusSeconds(120), "call-1")).ticket();
        assertEquals(mail.id(), call.id());
        assertEquals(3, call.contactCount());
        assertEquals(1, book.contactCount());
    }

    @Test
    void numbersNamedInTheTextJoinTheContact() {
        Ticket mail = intake.record(tenant, contact(TicketSource.EMAIL, null, "anna@example.ch", MORNING, "m1"),
                List.of(PhoneNumbers.require("044 555 66 77"))).ticket();
        assertEquals(Set.of("+41445556677"), contacts.contact(tenant.id(), mail.contactId()).orElseThrow().phones());
        assertEquals(mail.contactId(), contacts.find(tenant.id(), "tel:+41445556677").orElseThrow().id());
    }

    @Test
    void aNewNumberWithAKnownAddressJoinsTheAddresssContact() {
        Ticket mail = intake.record(tenant, contact(TicketSource.EMAIL, null, "anna@example.ch", MORNING, "m1")).ticket();
        Ticket wizard = intake.record(tenant, contact(TicketSource.WIZARD, "079 555 12 34", "anna@example.ch",
                MORNING.plusSeconds(60), null)).ticket();
        assertEquals(mail.contactId(), wizard.contactId());
        assertEquals(Set.of("+41795551234"), contacts.contact(tenant.id(), mail.contactId()).orElseThrow().phones());
    }

    @Test
    void identifiersOfTwoKnownContactsStayWhereTheyAreAndNameEachOtherAsSuspects() {
        Ticket anna = intake.record(tenant, contact(TicketSource.WIZARD, "079 555 12 34", "family@example.ch", MORNING, null))
                .ticket();
        Ticket ben = intake.record(tenant, contact(TicketSource.MISSED_CALL, "079 555 99 99", null, MORNING, "c1")).ticket();
        Ticket both = intake.record(tenant, contact(TicketSource.WIZARD, "079 555 99 99", "family@example.ch",
                MORNING.plusSeconds(60), null)).ticket();
        assertEquals(ben.id(), both.id(), "the number decides: it comes first");
        assertNotEquals(anna.contactId(), ben.contactId(), "one form naming both is no proof of one person");
        Contact benContact = contacts.contact(tenant.id(), ben.contactId()).orElseThrow();
        assertEquals(Set.of(), benContact.emails());
        assertEquals(Set.of(anna.contactId()), benContact.suspects());
        assertEquals(anna.contactId(), contacts.find(tenant.id(), "mail:family@example.ch").orElseThrow().id());
    }

    @Test
    void aMergeMovesPointersAndTicketsAndCanBeRepeated() {
        Ticket byPhone = intake.record(tenant, contact(TicketSource.MISSED_CALL, "079 555 12 34", null, MORNING, "c1")).ticket();
        Ticket byMail = intake.record(tenant, contact(TicketSource.EMAIL, null, "anna@example.ch", MORNING, "m1")).ticket();
        assertNotEquals(byPhone.contactId(), byMail.contactId());

        Contacts.MergeOutcome merged = contacts.merge(tenant.id(), byMail.contactId(), byPhone.contactId(), MORNING);
        assertNull(merged.refusal());
        assertEquals(1, merged.ticketsMoved());
        assertEquals(Set.of("anna@example.ch"), merged.contact().emails());
        assertEquals(Set.of(byPhone.id(), byMail.id()), merged.contact().ticketIds());
        assertEquals(byPhone.contactId(), tickets.find(tenant.id(), byMail.id()).orElseThrow().contactId());
        assertEquals(byPhone.contactId(), contacts.find(tenant.id(), "mail:anna@example.ch").orElseThrow().id());

        Contacts.MergeOutcome again = contacts.merge(tenant.id(), byMail.contactId(), byPhone.contactId(), MORNING);
        assertNull(again.refusal(), "a repeat finishes or confirms, it does not fail");
        assertEquals(merged.contact().ticketIds(), again.contact().ticketIds());

        // the next e-mail from that address the next day belongs to the surviving contact
        Ticket next = intake.record(tenant, contact(TicketSource.EMAIL, null, "anna@example.ch",
                MORNING.plusSeconds(86_400), "m2")).ticket();
        assertEquals(byPhone.contactId(), next.contactId());
    }

    @Test
    void aMergeIsRefusedWhereItWouldLoseTrack() {
        Ticket a = intake.record(tenant, contact(TicketSource.MISSED_CALL, "079 555 12 34", null, MORNING, "c1")).ticket();
        Ticket b = intake.record(tenant, contact(TicketSource.MISSED_CALL, "079 555 12 35", null, MORNING, "c2")).ticket();
        Ticket c = intake.record(tenant, contact(TicketSource.MISSED_CALL, "079 555 12 36", null, MORNING, "c3")).ticket();
        assertEquals(Contacts.MergeOutcome.Refusal.SAME_CONTACT,
                contacts.merge(tenant.id(), a.contactId(), a.contactId(), MORNING).refusal());
        assertEquals(Contacts.MergeOutcome.Refusal.NOT_FOUND,
                contacts.merge(tenant.id(), "CNOPE", a.contactId(), MORNING).refusal());
        assertNull(contacts.merge(tenant.id(), b.contactId(), a.contactId(), MORNING).refusal());
        assertEquals(Contacts.MergeOutcome.Refusal.MERGED_ELSEWHERE,
                contacts.merge(tenant.id(), b.contactId(), c.contactId(), MORNING).refusal());
        assertEquals(Contacts.MergeOutcome.Refusal.TARGET_MERGED,
                contacts.merge(tenant.id(), c.contactId(), b.contactId(), MORNING).refusal());
    }

    @Test
    void aClaimMadeForAContactMergedMeanwhileIsMovedOn() {
        Ticket a = intake.record(tenant, contact(TicketSource.MISSED_CALL, "079 555 12 34", null, MORNING, "c1")).ticket();
        Ticket b = intake.record(tenant, contact(TicketSource.MISSED_CALL, "079 555 12 35", null, MORNING, "c2")).ticket();
        contacts.merge(tenant.id(), b.contactId(), a.contactId(), MORNING);
        // a pointer read before the merge still names b: what is written for b lands on a
        ContactRef stale = new ContactRef(b.contactId(), "tel:+41795551235");
        ContactRef owner = contacts.settle(tenant.id(), new ContactResolver.Resolution(stale,
                ContactBook.Change.of(List.of("tel:+41795551235"), null, null), false),
                "20261127-NEWTICKET000", MORNING.plusSeconds(60));
        assertEquals(a.contactId(), owner.id());
        assertTrue(contacts.contact(tenant.id(), a.contactId()).orElseThrow().ticketIds().contains("20261127-NEWTICKET000"));
        assertFalse(contacts.contact(tenant.id(), b.contactId()).orElseThrow().ticketIds().contains("20261127-NEWTICKET000"));
    }

    @Test
    void noNumberAndNoAddressMeansNoContact() {
        Ticket anonymous = intake.record(tenant, contact(TicketSource.WIZARD, null, "not an address", MORNING, null)).ticket();
        assertNull(anonymous.contactId());
        assertEquals(0, book.contactCount());
    }

    @Test
    void addressesAreNormalizedAndRefusedWhenTheyAreNone() {
        assertEquals("mail:anna@example.ch", Identifiers.mail("  Anna@EXAMPLE.ch "));
        assertNull(Identifiers.normalizeAddress("anna@"));
        assertNull(Identifiers.normalizeAddress("anna beispiel@example.ch"));
        assertNull(Identifiers.normalizeAddress("anna@localhost"));
        assertEquals("an***@example.ch", Identifiers.maskAddress("anna@example.ch"));
    }
}
