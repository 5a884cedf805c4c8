package ch.opsfabric.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.opsfabric.messaging.DeferredDelivery;
import ch.opsfabric.messaging.SmsDispatch;
import ch.opsfabric.messaging.SmsKind;
import ch.opsfabric.messaging.SmsTemplates;
import ch.opsfabric.phone.PhoneNumbers;
import ch.opsfabric.testing.MutableClock;
import ch.opsfabric.testing.fakes.CountingRateLimiter;
import ch.opsfabric.testing.fakes.InMemoryFormRefs;
import ch.opsfabric.testing.fakes.InMemoryMessaging;
import ch.opsfabric.testing.fakes.InMemoryTenants;
import ch.opsfabric.testing.fakes.InMemoryTicketStore;
import ch.opsfabric.tenant.Tenant;
import ch.opsfabric.ticket.NewContact;
import ch.opsfabric.ticket.Ticket;
import ch.opsfabric.ticket.TicketIntake;
import ch.opsfabric.ticket.TicketSource;
import ch.opsfabric.ticket.TicketStatus;
import ch.opsfabric.ticket.Urgency;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every outcome of a wizard submission and the form's validation, against in-memory ports. */
class IntakeSubmissionTest {

    static final Instant NOW = Instant.parse("2026-11-25T09:00:00Z");

    private final MutableClock clock = new MutableClock(NOW);
    private final Tenant tenant = InMemoryTenants.handwerk("keller", "+41445550101", "", "");
    private final Tenant wizardOff = InMemoryTenants.handwerk("ohne", "+41445550909", "{\"wizard\":false}", "");
    private final Tenant withEmail = InMemoryTenants.handwerk("mail", "+41445550202", "{\"email\":true}", "");
    private final InMemoryTicketStore tickets = new InMemoryTicketStore();
    private final TicketIntake intake = new TicketIntake(tickets);
    private final InMemoryFormRefs formRefs = new InMemoryFormRefs();
    private final InMemoryMessaging.Outbox outbox = new InMemoryMessaging.Outbox();
    private final InMemoryMessaging.MailThreads mailThreads = new InMemoryMessaging.MailThreads();
    private final IntakeSubmission submission = new IntakeSubmission(clock, new CountingRateLimiter(3),
            new InMemoryTenants().add(tenant).add(wizardOff).add(withEmail), intake, tickets, formRefs,
            new SmsDispatch(outbox, DeferredDelivery.NONE, clock), new SmsTemplates(),
            new ch.opsfabric.mail.EmailConfirmations(outbox, mailThreads, new SmsTemplates(),
                    new ch.opsfabric.mail.MailSettings("inbound@inbound.postmarkapp.com", "mail.opsfabric.ch")));

    private static Map<String, String> standard(String phone) {
        Map<String, String> answers = new LinkedHashMap<>();
        answers.put("flow", "standard");
        answers.put("name", "Anna Muster");
        answers.put("phone", phone);
        answers.put("category", "Heizung");
        answers.put("message", "Die Heizung bleibt kalt.");
        answers.put("address", "Seestrasse 1, 8002 Zürich");
        answers.put("elapsedMs", "12000");
        return answers;
    }

    private IntakeSubmission.Result submit(Map<String, String> answers) {
        return submission.submit("keller", answers, "198.51.100.7");
    }

    @Test
    void aCompleteFormBecomesATicketAndAConfirmation() {
        IntakeSubmission.Accepted accepted = assertInstanceOf(IntakeSubmission.Accepted.class, submit(standard("079 555 12 34")));
        Ticket ticket = accepted.ticket();
        assertEquals(TicketSource.WIZARD, ticket.source());
        assertEquals(TicketStatus.NEW, ticket.status());
        assertEquals(Urgency.MEDIUM, ticket.urgency());
        assertEquals("Seestrasse 1, 8002 Zürich", ticket.fields().get("address"));
        assertTrue(accepted.smsConfirmation());
        assertEquals(SmsKind.TICKET_CONFIRMATION, outbox.queued.get(0).kind());
        assertTrue(outbox.queued.get(0).text().contains(ticket.reference()));
    }

    @Test
    void theSameFormTwiceOnOneDayIsOneTicketAndOneConfirmation() {
        submit(standard("0795551234"));
        IntakeSubmission.Accepted again = assertInstanceOf(IntakeSubmission.Accepted.class, submit(standard("0795551234")));
        assertTrue(again.joined());
        assertEquals(1, tickets.all().size());
        assertEquals(1, outbox.queued.stream().map(s -> s.idempotencyKey()).distinct().count());
    }

    @Test
    void anAddressWithoutANumberIsEnoughAndIsAnsweredByEmailWhereTheTenantReceivesEmail() {
        Map<String, String> answers = standard(null);
        answers.remove("phone");
        answers.put("email", "Anna.Muster@Example.ch");
        IntakeSubmission.Accepted accepted = assertInstanceOf(IntakeSubmission.Accepted.class,
                submission.submit("mail", answers, "198.51.100.7"));
        assertFalse(accepted.smsConfirmation());
        assertTrue(outbox.queued.isEmpty());
        ch.opsfabric.messaging.OutboundEmail email = outbox.emails.get(0);
        assertEquals("Anna.Muster@Example.ch", email.to());
        assertEquals("Ihre Anfrage bei Sanitär mail [" + accepted.ticket().reference() + "]", email.subject());
        assertEquals("inbound+mail@inbound.postmarkapp.com", email.replyTo(), "the answer comes back to this tenant");
        assertTrue(email.text().startsWith("Guten Tag Anna Muster\n\nVielen Dank für Ihre Nachricht."), email.text());
        assertTrue(email.text().contains("innert 2 Stunden"), email.text());
        assertEquals(java.util.Optional.of(accepted.ticket().id()),
                mailThreads.ticketOf("mail", List.of(email.messageId())), "a reply to it finds the ticket");

        // the tenant without e-mail takes the request but has no way to answer it
        submit(answers);
        assertEquals(1, outbox.emails.size());
    }

    @Test
    void anEmergencyStillNeedsANumber() {
        Map<String, String> answers = new LinkedHashMap<>(Map.of("flow", "notfall", "email", "anna@example.ch",
                "message", "Wasser läuft aus der Decke", "address", "Bahnhofstrasse 1"));
        IntakeSubmission.Invalid invalid = assertInstanceOf(IntakeSubmission.Invalid.class, submit(answers));
        assertEquals(List.of("phone"), List.copyOf(invalid.fieldErrors().keySet()));
    }

    @Test
    void aLandlineGetsATicketButNoSms() {
        IntakeSubmission.Accepted accepted = assertInstanceOf(IntakeSubmission.Accepted.class, submit(standard("044 555 99 88")));
        assertFalse(accepted.smsConfirmation());
        assertTrue(outbox.queued.isEmpty());
    }

    @Test
    void anEmergencyAsksOnlyTheMinimumAndIsUrgent() {
        Map<String, String> answers = new LinkedHashMap<>(Map.of("flow", "notfall", "phone", "0795551234",
                "message", "Wasser läuft aus der Decke", "address", "Bahnhofstrasse 1"));
        IntakeSubmission.Accepted accepted = assertInstanceOf(IntakeSubmission.Accepted.class, submit(answers));
        assertEquals(Urgency.HIGH, accepted.ticket().urgency());
    }

    @Test
    void everyMissingOrWrongAnswerIsNamedInFormOrder() {
        Map<String, String> answers = new LinkedHashMap<>();
        answers.put("flow", "standard");
        answers.put("phone", "12");
        answers.put("email", "nope");
        IntakeSubmission.Invalid invalid = assertInstanceOf(IntakeSubmission.Invalid.class, submit(answers));
        assertEquals(List.of("name", "phone", "email", "category", "message", "address"),
                List.copyOf(invalid.fieldErrors().keySet()));
        assertTrue(invalid.fieldErrors().get("phone").contains("gültige Telefonnummer"));
        assertTrue(tickets.all().isEmpty() && outbox.queued.isEmpty(), "nothing stored, nothing sent");
    }

    @Test
    void anUnknownFlowAndAnAnswerThatIsNoTextAreRefused() {
        Map<String, String> answers = standard("0795551234");
        answers.put("flow", "reservierung");
        answers.put("extra", null);
        IntakeSubmission.Invalid invalid = assertInstanceOf(IntakeSubmission.Invalid.class, submit(answers));
        assertTrue(invalid.fieldErrors().containsKey("flow"));
        assertEquals(TicketRequest.UNSUPPORTED, invalid.fieldErrors().get("extra"));
    }

    @Test
    void botsAreAnsweredLikePeopleButNothingHappens() {
        Map<String, String> honeypot = standard("0795551234");
        honeypot.put("website", "http://spam.example");
        assertInstanceOf(IntakeSubmission.Trapped.class, submit(honeypot));
        Map<String, String> tooFast = standard("0795551234");
        tooFast.put("elapsedMs", "800");
        assertInstanceOf(IntakeSubmission.Trapped.class, submit(tooFast));
        assertTrue(tickets.all().isEmpty() && outbox.queued.isEmpty());
    }

    @Test
    void anUnknownSlugOrAWizardSwitchedOffIsUnknown() {
        assertInstanceOf(IntakeSubmission.UnknownTenant.class, submission.submit("gibt-es-nicht", standard("0795551234"), "a"));
        assertInstanceOf(IntakeSubmission.UnknownTenant.class, submission.submit("ohne", standard("0795551234"), "b"));
        assertInstanceOf(IntakeSubmission.Invalid.class, submission.submit(" ", standard("0795551234"), "c"));
    }

    @Test
    void aClientOverTheLimitIsRefusedBeforeAnythingElse() {
        for (int i = 0; i < 3; i++) {
            submit(standard("079555123" + i));
        }
        assertInstanceOf(IntakeSubmission.RateLimited.class, submit(standard("0795551239")));
        assertEquals(3, tickets.all().size());
    }

    @Test
    void theSmsLinkFillsInThePhoneAndJoinsTheCallersTicket() {
        Ticket call = intake.record(tenant, new NewContact(tenant.id(), PhoneNumbers.require("0795551234"),
                TicketSource.MISSED_CALL, Urgency.MEDIUM, TicketStatus.NEEDS_CALLBACK, null, null, null, null,
                "Verpasster Anruf", Map.of(), NOW.minusSeconds(600), "call-1")).ticket();
        String token = formRefs.create(tenant.id(), call.id(), NOW);
        Map<String, String> answers = standard(null);
        answers.remove("phone");
        answers.put("ref", token);
        IntakeSubmission.Accepted accepted = assertInstanceOf(IntakeSubmission.Accepted.class, submit(answers));
        assertEquals(call.id(), accepted.ticket().id());
        assertEquals(2, accepted.ticket().contactCount());
    }
}
