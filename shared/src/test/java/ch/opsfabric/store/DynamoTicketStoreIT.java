package ch.opsfabric.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.opsfabric.phone.PhoneNumbers;
import ch.opsfabric.tenant.Tenant;
import ch.opsfabric.testing.TestAws;
import ch.opsfabric.ticket.ContactOutcome;
import ch.opsfabric.ticket.NewContact;
import ch.opsfabric.ticket.Ticket;
import ch.opsfabric.ticket.TicketIntake;
import ch.opsfabric.ticket.TicketSource;
import ch.opsfabric.ticket.TicketStatus;
import ch.opsfabric.ticket.TicketStore;
import ch.opsfabric.ticket.Urgency;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DynamoTicketStoreIT {

    private static final Instant MORNING = Instant.parse("2026-11-26T08:00:00Z");

    private final SingleTable table = TestAws.table();
    private final DynamoTenantDirectory directory = new DynamoTenantDirectory(table, 0);
    private final DynamoTicketStore store = new DynamoTicketStore(table);
    private final TicketIntake intake = new TicketIntake(store);
    private final Tenant tenant = TestAws.newTenant(directory, "");

    private NewContact contact(String phone, Urgency urgency, Instant at, String text) {
        return new NewContact(tenant.id(), PhoneNumbers.require(phone), TicketSource.WIZARD, urgency, TicketStatus.NEW,
                "Anna Muster", null, "standard", "Heizung", text, Map.of("address", "Bahnhofstr. 1"), at, null);
    }

    @Test
    void secondContactTheSameDayJoinsTheTicket() {
        ContactOutcome first = intake.record(tenant, contact("079 555 12 34", Urgency.MEDIUM, MORNING, "Heizung kalt"));
        ContactOutcome second = intake.record(tenant, contact("+41795551234", Urgency.MEDIUM, MORNING.plusSeconds(3600), "Noch da?"));
        assertFalse(first.joined());
        assertTrue(second.joined());
        assertEquals(first.ticket().id(), second.ticket().id());
        assertEquals(2, second.ticket().contactCount());
        assertEquals(2, second.ticket().history().size());
        assertEquals("Heizung kalt", second.ticket().message(), "the first message stays, later ones are history");
        assertEquals("Noch da?", second.ticket().history().get(1).text());
        assertEquals("Bahnhofstr. 1", second.ticket().fields().get("address"));
        assertEquals(Instant.parse("2026-11-26T10:00:00Z"), first.ticket().slaDueAt());
    }

    /** revDSG retention: a closed ticket expires by TTL after the tenant's months; reopening keeps it again. */
    @Test
    void aClosedTicketExpiresAfterTheTenantsRetentionAndAReopenedOneDoesNot() {
        Ticket ticket = intake.record(tenant, contact("079 555 33 44", Urgency.MEDIUM, MORNING, "Boiler")).ticket();
        Instant closedAt = MORNING.plusSeconds(7200);
        store.changeStatus(tenant.id(), ticket.id(), new TicketStore.StatusChange(TicketStatus.NEW, TicketStatus.CLOSED,
                null, closedAt, null, null).retainedFor(tenant.config()));
        assertEquals(Long.toString(Instant.parse("2028-11-26T10:00:00Z").getEpochSecond()), expiresAt(tenant.id(), ticket.id()),
                "24 months by default");
        store.changeStatus(tenant.id(), ticket.id(), new TicketStore.StatusChange(TicketStatus.CLOSED, TicketStatus.NEW,
                null, closedAt.plusSeconds(60), null, null).retainedFor(tenant.config()));
        assertNull(expiresAt(tenant.id(), ticket.id()), "reopened: kept");
        Tenant brief = TestAws.newTenant(directory, "\"retentionMonths\":6");
        Ticket other = intake.record(brief, new NewContact(brief.id(), PhoneNumbers.require("079 555 33 45"),
                TicketSource.WIZARD, Urgency.MEDIUM, TicketStatus.NEW, "Ben", null, "standard", "Heizung", "x", Map.of(),
                MORNING, null)).ticket();
        store.changeStatus(brief.id(), other.id(), new TicketStore.StatusChange(TicketStatus.NEW, TicketStatus.DONE,
                null, closedAt, null, null).retainedFor(brief.config()));
        assertEquals(Long.toString(Instant.parse("2027-05-26T09:00:00Z").getEpochSecond()), expiresAt(brief.id(), other.id()),
                "six months on the local calendar: the same wall-clock time in summer time");
    }

    private String expiresAt(String tenantId, String ticketId) {
        var item = table.client().getItem(b -> b.tableName(table.tableName()).key(Keys.ticketKey(tenantId, ticketId))
                .consistentRead(true)).item();
        return item.containsKey(Keys.EXPIRES_AT) ? item.get(Keys.EXPIRES_AT).n() : null;
    }

    @Test
    void moreUrgentContactRaisesUrgencyAndLessUrgentDoesNot() {
        intake.record(tenant, contact("079 555 22 22", Urgency.MEDIUM, MORNING, null));
        Ticket raised = intake.record(tenant, contact("079 555 22 22", Urgency.HIGH, MORNING.plusSeconds(60), null)).ticket();
        assertEquals(Urgency.HIGH, raised.urgency());
        Ticket kept = intake.record(tenant, contact("079 555 22 22", Urgency.LOW, MORNING.plusSeconds(120), null)).ticket();
        assertEquals(Urgency.HIGH, kept.urgency());
        assertEquals(3, kept.contactCount());
    }

    @Test
    void nextDayIsANewTicket() {
        Ticket today = intake.record(tenant, contact("079 555 33 33", Urgency.MEDIUM, MORNING, null)).ticket();
        Ticket tomorrow = intake.record(tenant, contact("079 555 33 33", Urgency.MEDIUM, MORNING.plusSeconds(86400), null)).ticket();
        assertNotEquals(today.id(), tomorrow.id());
    }

    @Test
    void finishedTicketDoesNotAbsorbNewContacts() {
        Ticket first = intake.record(tenant, contact("079 555 44 44", Urgency.MEDIUM, MORNING, null)).ticket();
        store.changeStatus(tenant.id(), first.id(), TicketStatus.NEW, TicketStatus.DONE, "erledigt", MORNING.plusSeconds(600));
        ContactOutcome again = intake.record(tenant, contact("079 555 44 44", Urgency.MEDIUM, MORNING.plusSeconds(1200), null));
        assertFalse(again.joined());
        assertNotEquals(first.id(), again.ticket().id());
        assertEquals(TicketStatus.DONE, store.find(tenant.id(), first.id()).orElseThrow().status());
        assertEquals(1, store.find(tenant.id(), first.id()).orElseThrow().contactCount());
    }

    @Test
    void aContactIdSeenBeforeChangesNothing() {
        NewContact call = new NewContact(tenant.id(), PhoneNumbers.require("079 555 99 01"), TicketSource.MISSED_CALL,
                Urgency.MEDIUM, TicketStatus.NEEDS_CALLBACK, null, null, null, null, "Verpasster Anruf", Map.of(),
                MORNING, "CA-replayed");
        ContactOutcome first = intake.record(tenant, call);
        ContactOutcome replay = intake.record(tenant, call);
        assertFalse(first.duplicate());
        assertTrue(replay.duplicate());
        assertEquals(1, store.find(tenant.id(), first.ticket().id()).orElseThrow().contactCount());
        // still recognised after the ticket was finished: a replay never opens a new ticket
        store.changeStatus(tenant.id(), first.ticket().id(), TicketStatus.NEEDS_CALLBACK, TicketStatus.DONE, null, MORNING);
        assertTrue(intake.record(tenant, call).duplicate());
        assertEquals(1, store.list(tenant.id(), null, 10, null).tickets().size());
    }

    @Test
    void findsTheOpenTicketOfTodayOrYesterday() {
        Ticket evening = intake.record(tenant, contact("079 555 99 02", Urgency.MEDIUM,
                Instant.parse("2026-11-26T22:50:00Z"), null)).ticket();
        assertEquals(evening.id(), intake.findOpen(tenant, PhoneNumbers.require("079 555 99 02"),
                Instant.parse("2026-11-26T23:20:00Z")).orElseThrow().id(), "after local midnight");
        store.changeStatus(tenant.id(), evening.id(), TicketStatus.NEW, TicketStatus.CLOSED, null, MORNING);
        assertTrue(intake.findOpen(tenant, PhoneNumbers.require("079 555 99 02"),
                Instant.parse("2026-11-26T23:20:00Z")).isEmpty());
    }

    @Test
    void twentyConcurrentContactsMakeExactlyOneTicket() throws Exception {
        int threads = 20;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<ContactOutcome>> results = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            results.add(pool.submit(() -> {
                start.await();
                return intake.record(tenant, contact("079 555 55 55", Urgency.MEDIUM, MORNING, "gleichzeitig"));
            }));
        }
        start.countDown();
        Set<String> ids = new HashSet<>();
        int created = 0;
        for (Future<ContactOutcome> f : results) {
            ContactOutcome outcome = f.get(30, TimeUnit.SECONDS);
            ids.add(outcome.ticket().id());
            created += outcome.joined() ? 0 : 1;
        }
        pool.shutdown();
        assertEquals(1, ids.size());
        assertEquals(1, created, "exactly one contact created the ticket");
        List<Ticket> all = store.list(tenant.id(), null, 100, null).tickets();
        assertEquals(1, all.size());
        assertEquals(threads, all.get(0).contactCount());
        assertEquals(threads, all.get(0).history().size());
    }

    @Test
    void statusMovesAreConditionalAndIndexed() {
        Ticket t = intake.record(tenant, contact("079 555 66 66", Urgency.MEDIUM, MORNING, null)).ticket();
        assertNull(t.firstResponseAt());
        Ticket scheduled = store.changeStatus(tenant.id(), t.id(), TicketStatus.NEW, TicketStatus.SCHEDULED, "Di 10:00",
                MORNING.plusSeconds(900));
        assertEquals(TicketStatus.SCHEDULED, scheduled.status());
        assertEquals(MORNING.plusSeconds(900), scheduled.firstResponseAt());
        assertEquals("NEW>SCHEDULED", scheduled.history().get(1).source());
        // a stale writer that still believes the ticket is NEW loses
        assertThrows(TicketStore.ConcurrentChangeException.class, () -> store.changeStatus(tenant.id(), t.id(),
                TicketStatus.NEW, TicketStatus.IN_PROGRESS, null, MORNING.plusSeconds(901)));
        assertEquals(List.of(t.id()), store.list(tenant.id(), TicketStatus.SCHEDULED, 10, null).tickets()
                .stream().map(Ticket::id).toList());
        assertTrue(store.list(tenant.id(), TicketStatus.NEW, 10, null).tickets().isEmpty());
        Ticket noted = store.addNote(tenant.id(), t.id(), "Kunde informiert", MORNING.plusSeconds(1000));
        assertEquals("note", noted.history().get(2).type());
    }

    @Test
    void anotherTenantSeesNothing() {
        Ticket mine = intake.record(tenant, contact("079 555 77 77", Urgency.MEDIUM, MORNING, null)).ticket();
        Tenant other = TestAws.newTenant(directory, "");
        assertTrue(store.find(other.id(), mine.id()).isEmpty());
        assertTrue(store.list(other.id(), null, 100, null).tickets().isEmpty());
        assertTrue(store.list(other.id(), TicketStatus.NEW, 100, null).tickets().isEmpty());
        assertThrows(RuntimeException.class, () -> store.changeStatus(other.id(), mine.id(), TicketStatus.NEW,
                TicketStatus.DONE, null, MORNING));
        assertEquals(TicketStatus.NEW, store.find(tenant.id(), mine.id()).orElseThrow().status());
    }

    @Test
    void pagesThroughTicketsNewestDayFirst() {
        for (int i = 0; i < 5; i++) {
            intake.record(tenant, contact("079 555 88 0" + i, Urgency.MEDIUM, MORNING.plusSeconds(86400L * i), null));
        }
        TicketStore.Page first = store.list(tenant.id(), null, 2, null);
        assertEquals(2, first.tickets().size());
        assertNotNull(first.nextCursor());
        assertEquals("2026-11-30", first.tickets().get(0).localDate().toString());
        List<String> seen = new ArrayList<>(first.tickets().stream().map(Ticket::id).toList());
        String cursor = first.nextCursor();
        while (cursor != null) {
            TicketStore.Page page = store.list(tenant.id(), null, 2, cursor);
            page.tickets().forEach(t -> seen.add(t.id()));
            cursor = page.nextCursor();
        }
        assertEquals(5, new HashSet<>(seen).size());
        assertThrows(IllegalArgumentException.class, () -> store.list(tenant.id(), null, 2, "not-a-cursor"));
    }
}
