package ch.opsfabric.smsreply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.opsfabric.messaging.DeferredDelivery;
import ch.opsfabric.messaging.OutboundSms;
import ch.opsfabric.messaging.SmsDispatch;
import ch.opsfabric.messaging.SmsKind;
import ch.opsfabric.messaging.SmsTemplates;
import ch.opsfabric.phone.PhoneNumbers;
import ch.opsfabric.smsreply.SmsReplyProcessing.Outcome;
import ch.opsfabric.testing.MutableClock;
import ch.opsfabric.testing.fakes.InMemoryFormRefs;
import ch.opsfabric.testing.fakes.InMemoryMessaging;
import ch.opsfabric.testing.fakes.InMemoryOptOuts;
import ch.opsfabric.testing.fakes.InMemoryTenants;
import ch.opsfabric.testing.fakes.InMemoryTicketStore;
import ch.opsfabric.tenant.Tenant;
import ch.opsfabric.ticket.NewContact;
import ch.opsfabric.ticket.Ticket;
import ch.opsfabric.ticket.TicketIntake;
import ch.opsfabric.ticket.TicketSource;
import ch.opsfabric.ticket.TicketStatus;
import ch.opsfabric.ticket.Urgency;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every reply intent and refusal of an inbound SMS, against in-memory ports. */
class SmsReplyProcessingTest {

    static final Instant NOW = Instant.parse("2026-11-25T09:20:00Z");
    static final String LINE = "+41445550101";
    static final String CUSTOMER = "+41795551234";

    private final MutableClock clock = new MutableClock(NOW);
    private final Tenant tenant = InMemoryTenants.handwerk("keller", LINE, "", "");
    private final Tenant noWizard = InMemoryTenants.handwerk("ohne-wizard", "+41445550909", "{\"wizard\":false}", "");
    private final InMemoryTicketStore tickets = new InMemoryTicketStore();
    private final TicketIntake intake = new TicketIntake(tickets);
    private final InMemoryOptOuts optOuts = new InMemoryOptOuts();
    private final InMemoryFormRefs formRefs = new InMemoryFormRefs();
    private final InMemoryMessaging.Outbox outbox = new InMemoryMessaging.Outbox();
    private final InMemoryMessaging.Threads threads = new InMemoryMessaging.Threads();
    private final SmsReplyProcessing processing = new SmsReplyProcessing(clock,
            new InMemoryTenants().add(tenant).add(noWizard), intake, optOuts, formRefs, threads, ch.opsfabric.stats.DailyStats.NONE, new InMemoryMessaging.Windows(),
            new SmsDispatch(outbox, DeferredDelivery.NONE, clock), new SmsTemplates(), "https://ops.example");

    private int messages;

    private SmsReplyProcessing.Result reply(String text) {
        return reply(LINE, text);
    }

    private SmsReplyProcessing.Result reply(String line, String text) {
        return processing.handle(new InboundSms("test", "m" + (++messages), CUSTOMER, line, text));
    }

    /** The missed call the customer answers. */
    private Ticket missedCall(Tenant of) {
        return intake.record(of, new NewContact(of.id(), PhoneNumbers.require(CUSTOMER), TicketSource.MISSED_CALL,
                Urgency.MEDIUM, TicketStatus.NEEDS_CALLBACK, null, null, null, null, "Verpasster Anruf", Map.of(),
                NOW.minusSeconds(60), "call-1")).ticket();
    }

    private List<OutboundSms> to(String number) {
        return outbox.queued.stream().filter(s -> s.to().equals(number)).toList();
    }

    @Test
    void oneMakesTheTicketUrgentAlertsTheOwnerAndConfirms() {
        Ticket ticket = missedCall(tenant);
        SmsReplyProcessing.Result result = reply("1");
        assertEquals(Outcome.URGENT, result.outcome());
        assertEquals(ticket.id(), result.ticketId());
        assertEquals(Urgency.HIGH, tickets.find(tenant.id(), ticket.id()).orElseThrow().urgency());
        List<OutboundSms> owner = to("+41795550101");
        assertEquals(1, owner.size());
        assertEquals(SmsKind.URGENT_ALERT, owner.get(0).kind());
        assertEquals(Urgency.HIGH, owner.get(0).urgency());
        assertTrue(owner.get(0).text().contains(ticket.reference()), owner.get(0).text());
        assertEquals(1, to(CUSTOMER).size());
    }

    @Test
    void twoConfirmsTheCallback() {
        missedCall(tenant);
        assertEquals(Outcome.CALLBACK, reply("2").outcome());
        assertEquals(SmsKind.REPLY_ACKNOWLEDGEMENT, to(CUSTOMER).get(0).kind());
    }

    @Test
    void threeSendsAFormLinkThatResolvesToTheTicket() {
        Ticket ticket = missedCall(tenant);
        assertEquals(Outcome.FORM_LINK, reply("3").outcome());
        String text = to(CUSTOMER).get(0).text();
        String token = text.replaceAll("(?s).*anfrage\\?ref=([A-Za-z0-9_-]+).*", "$1");
        assertTrue(text.contains("https://ops.example/keller/anfrage?ref="), text);
        assertEquals(ticket.id(), formRefs.resolve(token, NOW).orElseThrow().ticketId());
    }

    @Test
    void threeWithoutTheWizardBecomesACallback() {
        missedCall(noWizard);
        assertEquals(Outcome.CALLBACK, reply("+41445550909", "3").outcome());
    }

    @Test
    void stopOptsOutOnceAndStartOptsBackIn() {
        assertEquals(Outcome.OPTED_OUT, reply("Stop.").outcome());
        assertEquals(Outcome.DUPLICATE, reply("STOPP").outcome(), "already out: no second confirmation");
        assertTrue(optOuts.isOptedOut(tenant.id(), CUSTOMER));
        assertEquals(Outcome.OPTED_IN, reply("START").outcome());
        assertEquals(Outcome.DUPLICATE, reply("START").outcome());
        assertEquals(List.of(SmsKind.OPT_OUT_CONFIRMATION, SmsKind.OPT_IN_CONFIRMATION),
                to(CUSTOMER).stream().map(OutboundSms::kind).toList());
        assertTrue(tickets.all().isEmpty(), "opting out or in is no ticket");
    }

    @Test
    void freeTextIsStoredAndAcknowledgedOncePerHour() {
        assertEquals(Outcome.STORED, reply("Die Heizung tropft.").outcome());
        assertEquals(Outcome.STORED, reply("Und das Licht flackert.").outcome());
        assertEquals(1, to(CUSTOMER).size(), "one acknowledgement within the hour");
        assertEquals(1, tickets.all().size());
        assertEquals(TicketSource.SMS_REPLY, tickets.all().get(0).source());
        clock.advance(Duration.ofMinutes(61));
        reply("Noch etwas.");
        assertEquals(2, to(CUSTOMER).size());
    }

    @Test
    void anAutomaticReplyIsStoredButNeverAnswered() {
        assertEquals(Outcome.STORED, reply("Automatische Antwort: Ich bin bis Montag abwesend.").outcome());
        assertTrue(outbox.queued.isEmpty(), "no loop with an auto-responder");
    }

    @Test
    void theSameMessageDeliveredTwiceIsADuplicate() {
        missedCall(tenant);
        processing.handle(new InboundSms("test", "same", CUSTOMER, LINE, "2"));
        assertEquals(Outcome.DUPLICATE, processing.handle(new InboundSms("test", "same", CUSTOMER, LINE, "2")).outcome());
        assertEquals(1, to(CUSTOMER).stream().map(OutboundSms::idempotencyKey).distinct().count());
    }

    @Test
    void anUnknownLineOrSenderIsRefusedWithNothingStored() {
        assertEquals(Outcome.UNKNOWN_LINE, reply("+41445559999", "1").outcome());
        assertEquals(Outcome.INVALID_SENDER, processing.handle(new InboundSms("test", "x", "Hallo", LINE, "1")).outcome());
        assertTrue(tickets.all().isEmpty());
        assertTrue(outbox.queued.isEmpty());
    }
}
