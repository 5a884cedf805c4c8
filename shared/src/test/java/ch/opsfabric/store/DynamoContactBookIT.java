package ch.opsfabric.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.opsfabric.app.TicketIntakes;
import ch.opsfabric.contact.Contact;
import ch.opsfabric.contact.Contacts;
import ch.opsfabric.phone.PhoneNumbers;
import ch.opsfabric.stats.DailyStats;
import ch.opsfabric.tenant.Tenant;
import ch.opsfabric.testing.TestAws;
import ch.opsfabric.ticket.NewContact;
import ch.opsfabric.ticket.Ticket;
import ch.opsfabric.ticket.TicketIntake;
import ch.opsfabric.ticket.TicketSource;
import ch.opsfabric.ticket.TicketStatus;
import ch.opsfabric.ticket.TicketWatcher;
import ch.opsfabric.ticket.Urgency;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Contacts through the real SDK against dynalite: the races the conditional writes must settle. */
class DynamoContactBookIT {

    private static final Instant MORNING = Instant.parse("2026-11-26T08:00:00Z");

    private final SingleTable table = TestAws.table();
    private final DynamoTenantDirectory directory = new DynamoTenantDirectory(table, 0);
    private final DynamoTicketStore store = new DynamoTicketStore(table);
    private final Contacts contacts = TicketIntakes.contacts(table, store);
    private final TicketIntake intake = new TicketIntake(store, DailyStats.NONE, TicketWatcher.NONE, contacts);
    private final Tenant tenant = TestAws.newTenant(directory, "");

    private NewContact missedCall(String phone, String callId) {
        return new NewContact(tenant.id(), PhoneNumbers.require(phone), TicketSource.MISSED_CALL, Urgency.MEDIUM,
                TicketStatus.NEEDS_CALLBACK, null, null, null, null, null, Map.of(), MORNING, callId);
    }

    private NewContact email(String address, String messageId) {
        return new NewContact(tenant.id(), null, TicketSource.EMAIL, Urgency.MEDIUM, TicketStatus.NEW, "Anna Beispiel",
                address, null, null, "Rufen Sie mich an: 079 555 40 40", Map.of(), MORNING.plusSeconds(5), messageId);
    }

    @Test
    void aCallAndAnEmailNamingTheSameNewNumberAtOnceMakeOneContactAndOneTicket() throws Exception {
        for (int round = 0; round < 10; round++) {
            int n = round;
            String phone = "079 555 40 " + (10 + round);
            String address = "race" + round + "@example.ch";
            List<Callable<Ticket>> channels = List.of(
                    () -> intake.record(tenant, missedCall(phone, "call-" + n)).ticket(),
                    () -> intake.record(tenant, email(address, "mail-" + n), List.of(PhoneNumbers.require(phone)))
                            .ticket());
            List<Ticket> tickets = all(channels);
            assertEquals(1, new HashSet<>(tickets.stream().map(Ticket::id).toList()).size(), "round " + round);
            Ticket ticket = store.find(tenant.id(), tickets.get(0).id()).orElseThrow();
            assertEquals(2, ticket.contactCount());
            Contact contact = contacts.contact(tenant.id(), ticket.contactId()).orElseThrow();
            assertEquals(Set.of(PhoneNumbers.require(phone).e164()), contact.phones());
            assertEquals(Set.of(address), contact.emails());
            assertEquals(Set.of(ticket.id()), contact.ticketIds());
            assertEquals(contact.id(), contacts.find(tenant.id(), "mail:" + address).orElseThrow().id());
        }
        assertEquals(10, contactItems(), "one contact per person, none left over by a lost claim");
    }

    @Test
    void tenChannelsClaimingOneNewAddressAgreeOnItsContact() throws Exception {
        List<Callable<Ticket>> channels = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            int n = i;
            channels.add(() -> intake.record(tenant, email("Same@Example.ch", "m" + n)).ticket());
        }
        List<Ticket> tickets = all(channels);
        assertEquals(1, new HashSet<>(tickets.stream().map(Ticket::contactId).toList()).size());
        assertEquals(1, new HashSet<>(tickets.stream().map(Ticket::id).toList()).size());
        assertEquals(10, store.find(tenant.id(), tickets.get(0).id()).orElseThrow().contactCount());
    }

    @Test
    void aMergeInTheTableMovesEverythingAndARepeatChangesNothing() {
        Ticket call = intake.record(tenant, missedCall("079 555 41 11", "c1")).ticket();
        Ticket mail = intake.record(tenant, email("merge@example.ch", "m1")).ticket();
        Contacts.MergeOutcome first = contacts.merge(tenant.id(), mail.contactId(), call.contactId(), MORNING);
        assertNull(first.refusal());
        assertEquals(1, first.ticketsMoved());
        assertEquals(call.contactId(), store.find(tenant.id(), mail.id()).orElseThrow().contactId());
        assertEquals(call.contactId(), contacts.find(tenant.id(), "mail:merge@example.ch").orElseThrow().id());
        Contacts.MergeOutcome second = contacts.merge(tenant.id(), mail.contactId(), call.contactId(), MORNING);
        assertEquals(first.contact().ticketIds(), second.contact().ticketIds());
        assertEquals(first.contact().emails(), second.contact().emails());
        assertTrue(contacts.contact(tenant.id(), mail.contactId()).orElseThrow().mergedInto().equals(call.contactId()));
    }

    private static <T> List<T> all(List<Callable<T>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        CountDownLatch start = new CountDownLatch(1);
        List<Future<T>> futures = new ArrayList<>();
        for (Callable<T> task : tasks) {
            futures.add(pool.submit(() -> {
                start.await();
                return task.call();
            }));
        }
        start.countDown();
        List<T> results = new ArrayList<>();
        for (Future<T> f : futures) {
            results.add(f.get(30, TimeUnit.SECONDS));
        }
        pool.shutdown();
        return results;
    }

    private int contactItems() {
        return table.client().query(b -> b.tableName(table.tableName())
                .keyConditionExpression("PK = :pk AND begins_with(SK, :c)")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(Keys.tenant(tenant.id())),
                        ":c", AttributeValue.fromS(Keys.CONTACT_PREFIX)))).count();
    }
}
