package ch.opsfabric.missedcall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.opsfabric.messaging.DeferredDelivery;
import ch.opsfabric.messaging.SmsDispatch;
import ch.opsfabric.messaging.SmsKind;
import ch.opsfabric.messaging.SmsTemplates;
import ch.opsfabric.missedcall.MissedCallRecovery.Outcome;
import ch.opsfabric.testing.MutableClock;
import ch.opsfabric.testing.fakes.InMemoryMessaging;
import ch.opsfabric.testing.fakes.InMemoryTenants;
import ch.opsfabric.testing.fakes.InMemoryTicketStore;
import ch.opsfabric.tenant.Tenant;
import ch.opsfabric.ticket.Ticket;
import ch.opsfabric.ticket.TicketIntake;
import ch.opsfabric.ticket.TicketStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Every outcome of a missed call, against in-memory ports: no AWS, milliseconds. */
class MissedCallRecoveryTest {

    /** Wednesday 10:00 in Zurich. */
    static final Instant WEDNESDAY = Instant.parse("2026-11-25T09:00:00Z");
    static final String LINE = "+41445550101";

    private final MutableClock clock = new MutableClock(WEDNESDAY);
    private final Tenant tenant = InMemoryTenants.handwerk("keller", LINE, "", "");
    private final Tenant smsOff = InMemoryTenants.handwerk("ohne-sms", "+41445550909", "{\"sms\":false}", "");
    private final Tenant missedCallOff = InMemoryTenants.handwerk("aus", "+41445550808", "{\"missed_call\":false}", "");
    private final InMemoryTicketStore tickets = new InMemoryTicketStore();
    private final InMemoryMessaging.Outbox outbox = new InMemoryMessaging.Outbox();
    private final InMemoryMessaging.Calls calls = new InMemoryMessaging.Calls();
    private final MissedCallRecovery recovery = new MissedCallRecovery(clock,
            new InMemoryTenants().add(tenant).add(smsOff).add(missedCallOff),
            new TicketIntake(tickets), calls, new InMemoryMessaging.Windows(),
            new SmsDispatch(outbox, DeferredDelivery.NONE, clock), new SmsTemplates());

    private MissedCallRecovery.Result call(String from, String to, String callId) {
        return recovery.handle(new MissedCall("test", callId, from, to, true));
    }

    @Test
    void aMobileCallerGetsATicketAndTheMenu() {
        MissedCallRecovery.Result result = call("079 555 12 34", LINE, "c1");
        assertEquals(Outcome.MENU_SMS_QUEUED, result.outcome());
        Ticket ticket = tickets.find(tenant.id(), result.ticketId()).orElseThrow();
        assertEquals(TicketStatus.NEEDS_CALLBACK, ticket.status());
        assertEquals("+41795551234", ticket.phone());
        assertEquals(1, outbox.queued.size());
        assertEquals(SmsKind.MISSED_CALL_MENU, outbox.queued.get(0).kind());
        assertTrue(outbox.queued.get(0).text().contains("1 = Dringend"), outbox.queued.get(0).text());
        assertEquals("menu:test:c1", outbox.queued.get(0).idempotencyKey());
    }

    @Test
    void aSecondCallWithinFifteenMinutesJoinsTheTicketWithoutAnotherSms() {
        String first = call("0795551234", LINE, "c1").ticketId();
        clock.advance(Duration.ofMinutes(10));
        MissedCallRecovery.Result second = call("0795551234", LINE, "c2");
        assertEquals(Outcome.MENU_SMS_SUPPRESSED, second.outcome());
        assertEquals(first, second.ticketId());
        assertEquals(2, tickets.find(tenant.id(), first).orElseThrow().contactCount());
        assertEquals(1, outbox.queued.size());
    }

    @Test
    void theSameCallDeliveredTwiceChangesNothing() {
        call("0795551234", LINE, "c1");
        MissedCallRecovery.Result retry = call("0795551234", LINE, "c1");
        assertEquals(Outcome.DUPLICATE, retry.outcome());
        assertEquals(1, tickets.all().get(0).contactCount());
        // the retry may queue the menu again (the first attempt may have failed after its write),
        // always under the same idempotency key, so sms-sender sends it once
        assertEquals(1, outbox.queued.stream().map(s -> s.idempotencyKey()).distinct().count());
    }

    @Test
    void aLandlineGetsACallBackTicketAndNoSms() {
        MissedCallRecovery.Result result = call("044 555 99 88", LINE, "c1");
        assertEquals(Outcome.LANDLINE_TICKET, result.outcome());
        assertTrue(tickets.find(tenant.id(), result.ticketId()).orElseThrow().message().contains("zurückrufen"));
        assertTrue(outbox.queued.isEmpty());
    }

    @Test
    void aMobileCallerOfATenantWithoutSmsGetsOnlyATicket() {
        assertEquals(Outcome.MOBILE_TICKET, call("0795551234", "+41445550909", "c1").outcome());
        assertEquals(1, tickets.all().size());
        assertTrue(outbox.queued.isEmpty());
    }

    @Test
    void aWithheldNumberIsCountedOncePerCall() {
        assertEquals(Outcome.WITHHELD_COUNTED, call("anonymous", LINE, "c1").outcome());
        assertEquals(Outcome.DUPLICATE, call("anonymous", LINE, "c1").outcome());
        assertEquals(Outcome.WITHHELD_COUNTED, call("", LINE, "c2").outcome());
        assertEquals(2, calls.withheld(tenant.id(), LocalDate.of(2026, 11, 25)));
        assertTrue(tickets.all().isEmpty());
        assertTrue(outbox.queued.isEmpty());
    }

    @Test
    void anAnsweredCallIsNoMissedCall() {
        MissedCallRecovery.Result result = recovery.handle(new MissedCall("test", "c1", "0795551234", LINE, false));
        assertEquals(Outcome.ANSWERED, result.outcome());
        assertNull(result.ticketId());
        assertTrue(tickets.all().isEmpty());
    }

    @Test
    void anUnknownLineOrAModuleSwitchedOffStoresAndSendsNothing() {
        assertEquals(Outcome.UNKNOWN_LINE, call("0795551234", "+41445559999", "c1").outcome());
        assertEquals(Outcome.UNKNOWN_LINE, call("0795551234", "+41445550808", "c2").outcome());
        assertEquals(Outcome.UNKNOWN_LINE, call("0795551234", "not a number", "c3").outcome());
        assertTrue(tickets.all().isEmpty());
        assertTrue(outbox.queued.isEmpty());
    }

    @Test
    void onASaturdayTheMenuSaysWhenTheBusinessIsBack() {
        clock.set(Instant.parse("2026-11-28T09:00:00Z"));
        call("0795551234", LINE, "c1");
        assertTrue(outbox.queued.get(0).text().contains("ab Montag"), outbox.queued.get(0).text());
    }
}
