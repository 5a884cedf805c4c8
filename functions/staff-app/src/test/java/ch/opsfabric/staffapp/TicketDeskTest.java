package ch.opsfabric.staffapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.opsfabric.messaging.SmsDispatch;
import ch.opsfabric.messaging.SmsKind;
import ch.opsfabric.messaging.SmsTemplates;
import ch.opsfabric.messaging.StatusUpdates;
import ch.opsfabric.phone.PhoneNumbers;
import ch.opsfabric.staff.StaffMember;
import ch.opsfabric.stats.TicketMilestones;
import ch.opsfabric.tenant.Tenant;
import ch.opsfabric.testing.MutableClock;
import ch.opsfabric.testing.fakes.InMemoryMessaging;
import ch.opsfabric.testing.fakes.InMemoryOptOuts;
import ch.opsfabric.testing.fakes.InMemoryTenants;
import ch.opsfabric.testing.fakes.InMemoryTicketStore;
import ch.opsfabric.ticket.NewContact;
import ch.opsfabric.ticket.Ticket;
import ch.opsfabric.ticket.TicketIntake;
import ch.opsfabric.ticket.TicketSource;
import ch.opsfabric.ticket.TicketStatus;
import ch.opsfabric.ticket.Urgency;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The inbox and the ticket actions on in-memory stores: order, filters, search, moves, notes and replies. */
class TicketDeskTest {

    final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T09:00:00Z"));
    final Tenant tenant = InMemoryTenants.handwerk("keller", "+41445550101", "{\"dashboard\":true}", "");
    final InMemoryTicketStore tickets = new InMemoryTicketStore();
    final InMemoryOptOuts optOuts = new InMemoryOptOuts();
    final InMemoryMessaging.Outbox outbox = new InMemoryMessaging.Outbox();
    final InMemoryMessaging.Threads threads = new InMemoryMessaging.Threads();
    final SmsDispatch sms = new SmsDispatch(outbox, new InMemoryMessaging.Deferrals(), clock);
    final TicketDesk desk = new TicketDesk(clock, tickets, optOuts, sms, threads,
            new StatusUpdates(sms, new SmsTemplates()), new TicketMilestones(ch.opsfabric.stats.DailyStats.NONE, tickets));
    final StaffMember peter = new StaffMember("keller", "peter", "Peter Keller", "+41795550101", StaffMember.Role.OWNER);
    final TicketIntake intake = new TicketIntake(tickets);

    Ticket contact(String phone, String name, TicketSource source, Urgency urgency, Duration ago) {
        return intake.record(tenant, new NewContact("keller", PhoneNumbers.require(phone), source, urgency, TicketStatus.NEW,
                name, null, "standard", null, "Bitte zurückrufen", Map.of(), clock.instant().minus(ago), null)).ticket();
    }

    @Test
    void theInboxShowsOpenTicketsSoonestDueFirstWithFiltersAndSearch() {
        Ticket late = contact("079 555 11 01", "Anna Alt", TicketSource.WIZARD, Urgency.MEDIUM, Duration.ofHours(3));
        Ticket soon = contact("079 555 11 02", null, TicketSource.MISSED_CALL, Urgency.MEDIUM, Duration.ofMinutes(90));
        Ticket fresh = contact("079 555 11 03", "Bruno Neu", TicketSource.WIZARD, Urgency.HIGH, Duration.ofMinutes(5));
        TicketDesk.Inbox all = desk.inbox(tenant, TicketDesk.Filter.OPEN, null);
        assertEquals(java.util.List.of(late.id(), soon.id(), fresh.id()), all.tickets().stream().map(Ticket::id).toList());
        assertEquals(3L, all.openCounts().get(TicketStatus.NEW));
        assertEquals(java.util.List.of(late.id()), ids(new TicketDesk.Filter(null, null, null, true, null)), "breached only");
        assertEquals(java.util.List.of(soon.id()), ids(new TicketDesk.Filter(null, TicketSource.MISSED_CALL, null, false, null)));
        assertEquals(java.util.List.of(fresh.id()), ids(new TicketDesk.Filter(null, null, Urgency.HIGH, false, null)));
        assertEquals(java.util.List.of(soon.id()), ids(new TicketDesk.Filter(null, null, null, false, "079 555 11 02")));
        assertEquals(java.util.List.of(soon.id()), ids(new TicketDesk.Filter(null, null, null, false, "+41795551102")));
        assertEquals(java.util.List.of(fresh.id()), ids(new TicketDesk.Filter(null, null, null, false, "bruno")));
        assertEquals(java.util.List.of(late.id()), ids(new TicketDesk.Filter(null, null, null, false, late.reference().toLowerCase())));
    }

    java.util.List<String> ids(TicketDesk.Filter filter) {
        return desk.inbox(tenant, filter, null).tickets().stream().map(Ticket::id).toList();
    }

    @Test
    void onlyAllowedMovesAndAnAppointmentNeedsItsTime() {
        Ticket t = contact("079 555 12 01", "Clara", TicketSource.WIZARD, Urgency.MEDIUM, Duration.ZERO);
        assertInstanceOf(TicketDesk.Refused.class, desk.move(tenant, peter, t, TicketStatus.SCHEDULED, null));
        TicketDesk.Done scheduled = assertInstanceOf(TicketDesk.Done.class,
                desk.move(tenant, peter, t, TicketStatus.SCHEDULED, Instant.parse("2026-12-03T09:00:00Z")));
        assertEquals("Peter Keller", scheduled.ticket().history().get(scheduled.ticket().history().size() - 1).author());
        assertTrue(outbox.queued.stream().anyMatch(s -> s.kind() == SmsKind.STATUS_UPDATE), "the appointment SMS");
        assertInstanceOf(TicketDesk.Refused.class, desk.move(tenant, peter, scheduled.ticket(), TicketStatus.NEW, null));
        assertTrue(desk.ticket(tenant, "not-an-id").isEmpty());
    }

    @Test
    void aReplyIsQueuedOnceOpensTheThreadAndIsRefusedForAnOptOut() {
        Ticket t = contact("079 555 13 01", "Dora", TicketSource.WIZARD, Urgency.MEDIUM, Duration.ZERO);
        String nonce = "n".repeat(22);
        TicketDesk.Done sent = assertInstanceOf(TicketDesk.Done.class, desk.reply(tenant, peter, t, "Wir kommen um 14 Uhr.", nonce));
        assertEquals(1, outbox.queued.stream().filter(s -> s.kind() == SmsKind.STAFF_REPLY).count());
        assertEquals(t.id(), threads.ticketOf("keller", "+41795551301", clock.instant()).orElseThrow());
        desk.reply(tenant, peter, sent.ticket(), "Wir kommen um 14 Uhr.", nonce);
        assertEquals(1, outbox.queued.stream().filter(s -> s.kind() == SmsKind.STAFF_REPLY).count(), "a double submit sends once");
        optOuts.optOut("keller", "+41795551301", clock.instant());
        assertInstanceOf(TicketDesk.Refused.class, desk.reply(tenant, peter, sent.ticket(), "Noch etwas", "m".repeat(22)));
        Ticket landline = contact("044 555 13 02", "Emil", TicketSource.WIZARD, Urgency.MEDIUM, Duration.ZERO);
        assertInstanceOf(TicketDesk.Refused.class, desk.reply(tenant, peter, landline, "Hallo", "k".repeat(22)));
    }
}
