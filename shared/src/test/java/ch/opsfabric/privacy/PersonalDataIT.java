package ch.opsfabric.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.opsfabric.app.TicketIntakes;
import ch.opsfabric.contact.Contact;
import ch.opsfabric.contact.Contacts;
import ch.opsfabric.messaging.OutboundSms;
import ch.opsfabric.messaging.SmsKind;
import ch.opsfabric.phone.PhoneNumbers;
import ch.opsfabric.stats.DailyStats;
import ch.opsfabric.store.DynamoOptOuts;
import ch.opsfabric.store.DynamoPersonalRecords;
import ch.opsfabric.store.DynamoSmsLedger;
import ch.opsfabric.store.DynamoSmsWindows;
import ch.opsfabric.store.DynamoTenantDirectory;
import ch.opsfabric.store.DynamoTicketStore;
import ch.opsfabric.store.Keys;
import ch.opsfabric.store.SingleTable;
import ch.opsfabric.tenant.Tenant;
import ch.opsfabric.testing.TestAws;
import ch.opsfabric.testing.fakes.InMemoryAttachments;
import ch.opsfabric.ticket.NewContact;
import ch.opsfabric.ticket.Ticket;
import ch.opsfabric.ticket.TicketEvent;
import ch.opsfabric.ticket.TicketIntake;
import ch.opsfabric.ticket.TicketSource;
import ch.opsfabric.ticket.TicketStatus;
import ch.opsfabric.ticket.TicketWatcher;
import ch.opsfabric.ticket.Urgency;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Access and erasure of one person, through the real SDK against dynalite. */
class PersonalDataIT {

    private static final Instant MORNING = Instant.parse("2026-11-26T08:00:00Z");
    private static final String PHONE = "+41795554242";

    private final SingleTable table = TestAws.table();
    private final DynamoTenantDirectory directory = new DynamoTenantDirectory(table, 0);
    private final DynamoTicketStore store = new DynamoTicketStore(table);
    private final Contacts contacts = TicketIntakes.contacts(table, store);
    private final TicketIntake intake = new TicketIntake(store, DailyStats.NONE, TicketWatcher.NONE, contacts);
    private final DynamoOptOuts optOuts = new DynamoOptOuts(table);
    private final InMemoryAttachments files = new InMemoryAttachments();
    private final PersonalData personal = new PersonalData(Clock.fixed(MORNING.plusSeconds(3600), ZoneOffset.UTC), contacts,
            store, optOuts, new DynamoPersonalRecords(table), files);
    private final Tenant tenant = TestAws.newTenant(directory, "");

    @Test
    void everythingHeldIsExportedThenErasedAndAStopOutlivesTheErasure() {
        Ticket call = intake.record(tenant, new NewContact(tenant.id(), PhoneNumbers.require(PHONE), TicketSource.MISSED_CALL,
                Urgency.MEDIUM, TicketStatus.NEEDS_CALLBACK, null, null, null, null, null, Map.of(), MORNING, "call-1")).ticket();
        Ticket mail = intake.record(tenant, new NewContact(tenant.id(), PhoneNumbers.require(PHONE), TicketSource.EMAIL,
                Urgency.MEDIUM, TicketStatus.NEW, "Anna Beispiel", "anna@example.ch", null, null,
                "Die Heizung tropft, Bahnhofstrasse 1", Map.of("address", "Bahnhofstrasse 1"), MORNING.plusSeconds(60),
                "mail-1")).ticket();
        assertEquals(call.id(), mail.id(), "same person, same day: one ticket");
        String file = "tenants/" + tenant.id() + "/tickets/" + call.id() + "/heizung.jpg";
        files.put(file, "image/jpeg", new byte[] {1, 2, 3});
        store.addEvent(tenant.id(), call.id(), TicketEvent.attachment(MORNING.plusSeconds(61), TicketSource.EMAIL, "heizung.jpg", file));
        new DynamoSmsWindows(table).tryOpen(tenant.id(), "menu", PHONE, "call-1", MORNING, Duration.ofMinutes(15));
        DynamoSmsLedger ledger = new DynamoSmsLedger(table);
        OutboundSms menu = new OutboundSms(tenant.id(), PHONE, "Grüezi, Sie haben uns angerufen …", SmsKind.MISSED_CALL_MENU,
                Urgency.MEDIUM, "menu:call-1", call.id(), MORNING);
        ledger.claim(menu, "console", MORNING, Duration.ofMinutes(1));
        ledger.markSent(menu, "console-1", MORNING);
        // an opt-out written before opt-outs were hashed: the number in clear
        table.client().putItem(b -> b.tableName(table.tableName()).item(Map.of(
                Keys.PK, AttributeValue.fromS(Keys.tenant(tenant.id())), Keys.SK, AttributeValue.fromS(Keys.optOut(PHONE)),
                "optedOutAt", AttributeValue.fromS(MORNING.toString()))));
        assertTrue(optOuts.isOptedOut(tenant.id(), PHONE));
        String contactId = store.find(tenant.id(), call.id()).orElseThrow().contactId();

        PersonalData.Export export = personal.export(tenant.id(), contactId).orElseThrow();
        assertEquals(java.util.Set.of(PHONE), export.contact().phones());
        assertEquals(java.util.Set.of("anna@example.ch"), export.contact().emails());
        assertEquals(1, export.tickets().size());
        assertEquals("Anna Beispiel", export.tickets().get(0).name());
        assertEquals(Map.of(PHONE, true), export.optedOut());
        assertEquals(java.util.Set.of("contact_pointer", "sms_window"),
                export.held().stream().map(PersonalRecords.Record::kind).collect(java.util.stream.Collectors.toSet()));
        assertEquals(1, export.messages().size());
        assertEquals(PHONE, export.messages().get(0).attributes().get("to"));

        var erased = assertInstanceOf(PersonalData.Erased.class, personal.erase(tenant.id(), contactId));
        assertEquals(1, erased.tickets());
        assertEquals(1, erased.messages());
        assertEquals(3, erased.heldItems(), "two contact pointers and the SMS window");
        assertEquals(1, erased.attachments());
        assertEquals(1, erased.optOutsKept());
        assertTrue(files.objects.isEmpty(), "the attachment object is deleted");

        Ticket after = store.find(tenant.id(), call.id()).orElseThrow();
        assertNull(after.phone());
        assertNull(after.name());
        assertNull(after.email());
        assertNull(after.message());
        assertTrue(after.fields().isEmpty());
        assertEquals(TicketStatus.NEEDS_CALLBACK, after.status(), "what is not personal stays for the figures");
        assertTrue(after.history().stream().allMatch(e -> e.text() == null && e.ref() == null), after.history().toString());
        assertFalse(after.history().isEmpty());
        var ledgerItem = table.client().getItem(b -> b.tableName(table.tableName()).key(Map.of(
                Keys.PK, AttributeValue.fromS(Keys.tenant(tenant.id())), Keys.SK, AttributeValue.fromS(Keys.sms("menu:call-1"))))).item();
        assertFalse(ledgerItem.containsKey("to") || ledgerItem.containsKey("text"), ledgerItem.toString());
        assertEquals("SENT", ledgerItem.get("state").s(), "the ledger still knows it was sent: a redelivery stays a no-op");
        Contact tombstone = contacts.contact(tenant.id(), contactId).orElseThrow();
        assertTrue(tombstone.phones().isEmpty() && tombstone.emails().isEmpty() && tombstone.name() == null);
        assertTrue(contacts.find(tenant.id(), "tel:" + PHONE).isEmpty(), "the number no longer leads to the person");

        assertTrue(optOuts.isOptedOut(tenant.id(), PHONE), "STOP still holds");
        var plain = table.client().getItem(b -> b.tableName(table.tableName()).key(Map.of(
                Keys.PK, AttributeValue.fromS(Keys.tenant(tenant.id())), Keys.SK, AttributeValue.fromS(Keys.optOut(PHONE)))));
        assertFalse(plain.hasItem(), "the number in clear is gone");

        var again = assertInstanceOf(PersonalData.Erased.class, personal.erase(tenant.id(), contactId));
        assertEquals(0, again.messages() + again.heldItems() + again.attachments(), "erasing again changes nothing");
        assertTrue(optOuts.isOptedOut(tenant.id(), PHONE));
    }

    @Test
    void anotherTenantsContactIsNotFound() {
        Ticket call = intake.record(tenant, new NewContact(tenant.id(), PhoneNumbers.require("+41795554343"),
                TicketSource.MISSED_CALL, Urgency.MEDIUM, TicketStatus.NEEDS_CALLBACK, null, null, null, null, null, Map.of(),
                MORNING, "call-x")).ticket();
        String contactId = store.find(tenant.id(), call.id()).orElseThrow().contactId();
        Tenant other = TestAws.newTenant(directory, "");
        assertTrue(personal.export(other.id(), contactId).isEmpty());
        assertInstanceOf(PersonalData.NotFound.class, personal.erase(other.id(), contactId));
        assertEquals("+41795554343", store.find(tenant.id(), call.id()).orElseThrow().phone());
    }
}
