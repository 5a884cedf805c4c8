package ch.opsfabric.emailintake;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.opsfabric.contact.Contacts;
import ch.opsfabric.json.Json;
import ch.opsfabric.mail.EmailConfirmations;
import ch.opsfabric.mail.MailSettings;
import ch.opsfabric.messaging.DeferredDelivery;
import ch.opsfabric.messaging.OutboundEmail;
import ch.opsfabric.messaging.SmsDispatch;
import ch.opsfabric.messaging.SmsTemplates;
import ch.opsfabric.stats.DailyStats;
import ch.opsfabric.tenant.Tenant;
import ch.opsfabric.testing.Fixtures;
import ch.opsfabric.testing.MutableClock;
import ch.opsfabric.testing.fakes.InMemoryContactBook;
import ch.opsfabric.testing.fakes.InMemoryMessaging;
import ch.opsfabric.testing.fakes.InMemoryTenants;
import ch.opsfabric.testing.fakes.InMemoryTicketStore;
import ch.opsfabric.ticket.Ticket;
import ch.opsfabric.ticket.TicketEvent;
import ch.opsfabric.ticket.TicketIntake;
import ch.opsfabric.ticket.TicketSource;
import ch.opsfabric.ticket.TicketStatus;
import ch.opsfabric.ticket.TicketWatcher;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The e-mail use case on in-memory fakes, from the Postmark fixture and variants of it. */
class EmailIntakeTest {

    private static final Instant NOW = Instant.parse("2026-12-01T08:30:00Z");

    private final MutableClock clock = new MutableClock(NOW);
    private final Tenant tenant = InMemoryTenants.handwerk("keller", "+41445550101", "{\"email\":true,\"sms\":true}", "");
    private final InMemoryTicketStore tickets = new InMemoryTicketStore();
    private final InMemoryContactBook contacts = new InMemoryContactBook();
    private final InMemoryMessaging.Outbox outbox = new InMemoryMessaging.Outbox();
    private final InMemoryMessaging.MailThreads threads = new InMemoryMessaging.MailThreads();
    private final List<String> stored = new ArrayList<>();
    private final Map<String, byte[]> objects = new java.util.HashMap<>();
    private final TicketIntake intake = new TicketIntake(tickets, DailyStats.NONE, TicketWatcher.NONE,
            new Contacts(contacts, tickets::reassignContact));
    private final EmailIntake email = new EmailIntake(clock, intake, tickets, threads,
            (key, type, content) -> {
                stored.add(key + " " + type);
                objects.put(key, content);
            },
            new EmailConfirmations(outbox, threads, new SmsTemplates(),
                    new MailSettings("inbound@inbound.postmarkapp.com", "mail.opsfabric.ch")),
            new SmsDispatch(outbox, DeferredDelivery.NONE, clock), new SmsTemplates(), "kontakt@mail.opsfabric.ch");

    private static ObjectNode fixture() {
        return (ObjectNode) Json.parse(new String(Fixtures.bytes("postmark/inbound.json"), java.nio.charset.StandardCharsets.UTF_8));
    }

    private static ObjectNode withoutThread(ObjectNode mail) {
        ArrayNode headers = Json.array();
        mail.get("Headers").forEach(h -> {
            if (!h.path("Name").asText().equals("In-Reply-To")) {
                headers.add(h);
            }
        });
        mail.set("Headers", headers);
        return mail;
    }

    private EmailIntake.Outcome receive(ObjectNode mail) {
        return email.receive(tenant, InboundEmail.read(mail));
    }

    @Test
    void theFixtureBecomesATicketOfItsSendersContactWithItsPhotoAndOneAnswer() {
        EmailIntake.Recorded recorded = assertInstanceOf(EmailIntake.Recorded.class, receive(withoutThread(fixture())));
        Ticket ticket = recorded.ticket();
        assertEquals(TicketSource.EMAIL, ticket.source());
        assertEquals(TicketStatus.NEW, ticket.status());
        assertEquals("Anna Beispiel", ticket.name());
        assertEquals("anna.beispiel@example.ch", ticket.email());
        assertTrue(ticket.message().startsWith("Re: Ihr Anruf bei Praxis Muster – Ticket #1042\n\nGuten Tag\n\nIch habe heute Morgen"),
                ticket.message());
        assertFalse(ticket.message().contains("> Wir haben Ihren Anruf verpasst"), "the stripped reply, not the quote");
        byte[] png = Base64.getDecoder().decode(
                "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==");
        assertEquals(1, stored.size());
        assertTrue(stored.get(0).startsWith("tenants/keller/email/") && stored.get(0).endsWith("/1-heizung.png image/png"),
                stored.get(0));
        assertArrayEquals(png, objects.values().iterator().next());
        TicketEvent attachment = recorded.ticket().history().get(recorded.ticket().history().size() - 1);
        assertEquals("attachment", attachment.type());
        assertEquals("heizung.png (image/png, 70 B)", attachment.text());

        assertTrue(recorded.answered());
        OutboundEmail answer = outbox.emails.get(0);
        assertEquals("anna.beispiel@example.ch", answer.to());
        assertEquals("<CAF1x2y3z4-anna@mail.example.ch>", answer.inReplyTo());
        assertEquals("inbound+keller@inbound.postmarkapp.com", answer.replyTo());
        assertTrue(answer.subject().endsWith("[" + ticket.reference() + "]"), answer.subject());
        assertTrue(outbox.queued.isEmpty(), "no SMS: the tenant did not ask for one");
    }

    @Test
    void postmarksRetryChangesNothing() {
        ObjectNode mail = withoutThread(fixture());
        EmailIntake.Recorded first = assertInstanceOf(EmailIntake.Recorded.class, receive(mail));
        EmailIntake.Recorded again = assertInstanceOf(EmailIntake.Recorded.class, receive(mail));
        assertTrue(again.duplicate());
        Ticket ticket = tickets.find("keller", first.ticket().id()).orElseThrow();
        assertEquals(1, ticket.contactCount());
        assertEquals(1, ticket.history().stream().filter(e -> e.type().equals("attachment")).count());
        // the answer is queued again with the same key: the sender's ledger sends it once
        assertEquals(1, outbox.emails.stream().map(OutboundEmail::idempotencyKey).distinct().count());
    }

    @Test
    void aReplyToOurAnswerDaysLaterJoinsTheTicketByItsMessageId() {
        EmailIntake.Recorded first = assertInstanceOf(EmailIntake.Recorded.class, receive(withoutThread(fixture())));
        String ours = outbox.emails.get(0).messageId();
        clock.advance(Duration.ofDays(2));
        ObjectNode reply = withoutThread(fixture());
        reply.put("MessageID", "6a7b8c9d-0000-4000-8000-000000000002");
        reply.put("Subject", "Re: Ihre Anfrage");
        reply.withArray("Headers").addObject().put("Name", "In-Reply-To").put("Value", ours);
        reply.withArray("Headers").forEach(h -> {
            if (h.path("Name").asText().equals("Message-ID")) {
                ((ObjectNode) h).put("Value", "<CAF1-second@mail.example.ch>");
            }
        });
        reply.set("Attachments", Json.array());
        EmailIntake.Recorded second = assertInstanceOf(EmailIntake.Recorded.class, receive(reply));
        assertEquals(first.ticket().id(), second.ticket().id());
        assertTrue(second.joined());
        assertFalse(second.answered(), "a reply is not answered again");
        assertEquals(1, outbox.emails.size());
    }

    @Test
    void theReferenceInTheSubjectFindsTheTicketWhenTheHeadersDoNot() {
        EmailIntake.Recorded first = assertInstanceOf(EmailIntake.Recorded.class, receive(withoutThread(fixture())));
        clock.advance(Duration.ofDays(3));
        ObjectNode reply = withoutThread(fixture());
        reply.put("MessageID", "6a7b8c9d-0000-4000-8000-000000000003");
        reply.put("Subject", "AW: Ihre Anfrage bei Sanitär keller [" + first.ticket().reference() + "]");
        reply.put("From", "someone.else@example.ch");
        reply.remove("FromFull");
        reply.set("Attachments", Json.array());
        EmailIntake.Recorded second = assertInstanceOf(EmailIntake.Recorded.class, receive(reply));
        assertEquals(first.ticket().id(), second.ticket().id());
    }

    @Test
    void autoRepliesBouncesAndListsAreAtMostANoteAndNeverAnswered() {
        EmailIntake.Recorded first = assertInstanceOf(EmailIntake.Recorded.class, receive(withoutThread(fixture())));
        String ours = outbox.emails.get(0).messageId();
        int answers = outbox.emails.size();
        String[][] noise = {
                {"Auto-Submitted", "auto-replied"}, {"X-Autoreply", "yes"}, {"X-Autorespond", "Abwesend"},
                {"Precedence", "bulk"}, {"Precedence", "list"}};
        for (int i = 0; i < noise.length; i++) {
            String messageId = "<noise-" + i + "@example.ch>";
            ObjectNode mail = withoutThread(fixture());
            mail.put("MessageID", "noise-" + i);
            mail.withArray("Headers").addObject().put("Name", noise[i][0]).put("Value", noise[i][1]);
            mail.withArray("Headers").addObject().put("Name", "In-Reply-To").put("Value", ours);
            mail.withArray("Headers").forEach(h -> {
                if (h.path("Name").asText().equals("Message-ID")) {
                    ((ObjectNode) h).put("Value", messageId);
                }
            });
            EmailIntake.Ignored ignored = assertInstanceOf(EmailIntake.Ignored.class, receive(mail), noise[i][0]);
            assertEquals(first.ticket().id(), ignored.ticketId());
            // the same noise again adds no second note
            receive(mail);
        }
        ObjectNode bounce = withoutThread(fixture());
        bounce.put("MessageID", "bounce-1");
        bounce.put("From", "MAILER-DAEMON@mx.example.ch");
        bounce.remove("FromFull");
        assertEquals(MailNoise.BOUNCE, assertInstanceOf(EmailIntake.Ignored.class, receive(bounce)).noise());
        ObjectNode own = withoutThread(fixture());
        own.put("MessageID", "own-1");
        own.put("From", "kontakt@mail.opsfabric.ch");
        own.remove("FromFull");
        assertEquals(MailNoise.OWN, assertInstanceOf(EmailIntake.Ignored.class, receive(own)).noise());
        ObjectNode notAuto = withoutThread(fixture());
        notAuto.put("MessageID", "human-1");
        notAuto.withArray("Headers").addObject().put("Name", "Auto-Submitted").put("Value", "no");
        assertInstanceOf(EmailIntake.Recorded.class, receive(notAuto), "Auto-Submitted: no is a person");

        assertEquals(answers, outbox.emails.size(), "nothing answered");
        assertEquals(1, tickets.all().size(), "no new ticket from noise");
        Ticket ticket = tickets.find("keller", first.ticket().id()).orElseThrow();
        assertEquals(noise.length, ticket.history().stream().filter(e -> e.type().equals("note")).count());
    }

    @Test
    void aTenantThatPrefersSmsAnswersByTextWhenTheMailNamesAMobile() {
        Tenant bySms = InMemoryTenants.handwerk("sms", "+41445550102", "{\"email\":true,\"sms\":true}",
                "\"email\":{\"confirmBy\":\"sms\"}");
        ObjectNode mail = withoutThread(fixture());
        mail.put("StrippedTextReply", "Bitte rufen Sie mich an: 079 555 12 34. Oder im Büro 044 555 66 77.");
        EmailIntake.Recorded recorded = assertInstanceOf(EmailIntake.Recorded.class,
                email.receive(bySms, InboundEmail.read(mail)));
        assertEquals("+41795551234", recorded.ticket().phone(), "the first number found is the ticket's");
        assertEquals(1, outbox.queued.size());
        assertEquals("+41795551234", outbox.queued.get(0).to());
        assertTrue(outbox.emails.isEmpty());
        assertEquals(java.util.Set.of("+41795551234", "+41445556677"),
                contacts.find("sms", recorded.ticket().contactId()).orElseThrow().phones());
    }

    @Test
    void filesThatAreTooBigExecutableOrTooManyAreNotedNotKept() {
        ObjectNode mail = withoutThread(fixture());
        ArrayNode files = Json.array();
        files.addObject().put("Name", "rechnung.exe").put("ContentType", "application/x-msdownload")
                .put("Content", Base64.getEncoder().encodeToString(new byte[] {77, 90})).put("ContentLength", 2);
        files.addObject().put("Name", "video.mov").put("ContentType", "video/quicktime")
                .put("Content", "").put("ContentLength", 25_000_000L);
        files.addObject().put("Name", "../../etc/passwd").put("ContentType", "text/plain")
                .put("Content", Base64.getEncoder().encodeToString("x".getBytes())).put("ContentLength", 1);
        mail.set("Attachments", files);
        EmailIntake.Recorded recorded = assertInstanceOf(EmailIntake.Recorded.class, receive(mail));
        List<String> lines = recorded.ticket().history().stream().filter(e -> e.type().equals("attachment"))
                .map(e -> e.text() + (e.ref() == null ? "" : " @ " + e.ref().substring(e.ref().lastIndexOf('/') + 1))).toList();
        assertEquals(List.of("rechnung.exe: nicht gespeichert, ausführbare Datei",
                "video.mov: nicht gespeichert, grösser als 10 MB",
                "passwd (text/plain, 1 B) @ 3-passwd"), lines);
        assertEquals(1, stored.size(), "only the harmless file");
    }

    @Test
    void anHtmlOnlyMailIsReadAsTextWithoutItsMarkup() {
        ObjectNode mail = withoutThread(fixture());
        mail.remove("StrippedTextReply");
        mail.remove("TextBody");
        mail.put("HtmlBody", "<html><head><style>p{}</style></head><body><p>Gr&uuml;ezi</p><script>alert(1)</script>"
                + "<p>Die Heizung &amp; das Warmwasser: &lt;kalt&gt;</p><blockquote>altes Zitat</blockquote></body></html>");
        Ticket ticket = assertInstanceOf(EmailIntake.Recorded.class, receive(mail)).ticket();
        String body = ticket.message().substring(ticket.message().indexOf("\n\n") + 2);
        assertEquals("Grüezi\nDie Heizung & das Warmwasser: ‹kalt›", body);
    }

    @Test
    void aMailWithoutMessageIdHeaderStillWorks() {
        ObjectNode mail = withoutThread(fixture());
        ArrayNode headers = Json.array();
        mail.set("Headers", headers);
        EmailIntake.Recorded recorded = assertInstanceOf(EmailIntake.Recorded.class, receive(mail));
        assertNull(outbox.emails.get(0).inReplyTo());
        assertTrue(recorded.answered());
    }
}
