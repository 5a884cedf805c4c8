package ch.opsfabric.smssender;

import ch.opsfabric.testing.RequestCounter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.opsfabric.infra.emulators.SqsEventSource;
import ch.opsfabric.json.Json;
import ch.opsfabric.messaging.OutboundSms;
import ch.opsfabric.messaging.SmsKind;
import ch.opsfabric.tenant.Tenant;
import ch.opsfabric.testing.TestAws;
import ch.opsfabric.testing.TestData;
import ch.opsfabric.ticket.Urgency;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

class SmsSenderIT {

    private static final Instant NOW = Instant.parse("2026-11-26T09:00:00Z");

    private final ScriptedSmsProvider provider = new ScriptedSmsProvider();
    private final TestData app = TestAws.data();
    private final Tenant tenant = TestAws.newTenant(app.tenants(),
            "\"sms\":{\"provider\":\"scripted\",\"sender\":\"Test\"}");
    private final ch.opsfabric.messaging.ConsoleEmailProvider email =
            new ch.opsfabric.messaging.ConsoleEmailProvider(Clock.fixed(NOW, ZoneOffset.UTC), null);
    private final SmsSenderHandler handler = new SmsSenderHandler(new SmsSenderWiring(Clock.fixed(NOW, ZoneOffset.UTC),
            TestAws.aws().dynamo(), TestAws.aws().tableName("OpsTable"), List.of(provider), email, "kontakt@mail.opsfabric.ch",
            SenderProviders.consoleWhatsApp(new ch.opsfabric.messaging.ConsoleWhatsAppProvider(Clock.fixed(NOW, ZoneOffset.UTC), null)),
            RetryDelays.NONE));

    private OutboundSms sms(String to) {
        return sms(tenant, to);
    }

    private static String event(OutboundSms... messages) {
        ObjectNode event = Json.object();
        ArrayNode records = event.putArray("Records");
        for (OutboundSms sms : messages) {
            records.addObject().put("messageId", UUID.randomUUID().toString()).put("body", sms.toJson())
                    .put("eventSource", "aws:sqs");
        }
        return Json.write(event);
    }

    /** The handler as the runtime calls it: event JSON in, answer JSON out. */
    private String invoke(String event) {
        return invoke(handler, event);
    }

    private static List<String> failedIds(String answer) {
        List<String> ids = new ArrayList<>();
        Json.parse(answer).get("batchItemFailures").forEach(f -> ids.add(f.get("itemIdentifier").asText()));
        return ids;
    }

    @Test
    void onlyTheFailedMessageOfABatchIsRetried() {
        String event = event(sms("+41795551001"), sms(ScriptedSmsProvider.FAILS_TRANSIENTLY), sms("+41795551002"));
        String response = invoke(event);
        assertEquals(List.of(Json.parse(event).get("Records").get(1).get("messageId").asText()), failedIds(response));
        assertEquals(3, provider.calls.size());
        assertEquals(tenant.config().phoneLines().get(0), provider.calls.get(0).from(),
                "a confirmation comes from the business line, so an answer reaches the business");
    }

    @Test
    void anEmailOnTheQueueGoesToTheEmailProviderOnceWithItsThreadingHeaders() {
        ch.opsfabric.messaging.OutboundEmail confirmation = new ch.opsfabric.messaging.OutboundEmail(tenant.id(),
                "anna@example.ch", "Anna", "Sanitär Test", "inbound+test@inbound.postmarkapp.com", "Ihre Anfrage [K-2611-ABCD]",
                "Guten Tag", "<confirm.it@mail.opsfabric.ch>", "<anna-1@example.ch>", "email_confirmation",
                "email-confirm:it-" + UUID.randomUUID(), null, NOW);
        String event = "{\"Records\":[{\"messageId\":\"m1\",\"body\":" + Json.MAPPER.valueToTree(confirmation.toJson())
                + "},{\"messageId\":\"m2\",\"body\":" + Json.MAPPER.valueToTree(confirmation.toJson()) + "}]}";
        assertTrue(failedIds(invoke(event)).isEmpty());
        assertEquals(1, email.sent().size(), "the second copy is a duplicate in the ledger");
        ch.opsfabric.messaging.EmailMessage sent = email.sent().get(0);
        assertEquals("kontakt@mail.opsfabric.ch", sent.from());
        assertEquals("Sanitär Test", sent.fromName());
        assertEquals("inbound+test@inbound.postmarkapp.com", sent.replyTo());
        assertEquals(List.of("Message-ID: <confirm.it@mail.opsfabric.ch>", "In-Reply-To: <anna-1@example.ch>",
                "References: <anna-1@example.ch>", "Auto-Submitted: auto-replied"),
                sent.headers().stream().map(h -> h.name() + ": " + h.value()).toList());
        assertTrue(provider.calls.isEmpty(), "no SMS");
    }

    @Test
    void aRedeliveredMessageIsSentOnce() {
        OutboundSms sms = sms("+41795551003");
        assertTrue(failedIds(invoke(event(sms))).isEmpty());
        assertTrue(failedIds(invoke(event(sms))).isEmpty());
        assertEquals(1, provider.callsTo("+41795551003"));
    }

    @Test
    void aRetriedMessageIsSentOnceItSucceeds() {
        OutboundSms sms = sms(ScriptedSmsProvider.FAILS_TRANSIENTLY);
        assertEquals(1, failedIds(invoke(event(sms))).size());
        assertEquals(1, failedIds(invoke(event(sms))).size());
        assertEquals(2, provider.callsTo(ScriptedSmsProvider.FAILS_TRANSIENTLY));
    }

    @Test
    void optOutIsCheckedAgainBeforeSending() {
        app.optOuts().optOut(tenant.id(), "+41795551004", NOW);
        assertTrue(failedIds(invoke(event(sms("+41795551004")))).isEmpty());
        assertEquals(0, provider.callsTo("+41795551004"));
        OutboundSms confirmation = new OutboundSms(tenant.id(), "+41795551004", "Sie erhalten keine SMS mehr.",
                SmsKind.OPT_OUT_CONFIRMATION, Urgency.MEDIUM, "it-" + UUID.randomUUID(), null, NOW);
        invoke(event(confirmation));
        assertEquals(1, provider.callsTo("+41795551004"), "the one opt-out confirmation still goes out");
    }

    @Test
    void permanentFailuresAreRecordedNotRetried() {
        assertTrue(failedIds(invoke(event(sms(ScriptedSmsProvider.FAILS_PERMANENTLY)))).isEmpty());
        assertEquals(1, provider.callsTo(ScriptedSmsProvider.FAILS_PERMANENTLY));
    }

    @Test
    void unreadableMessagesAreKeptForTheDlq() {
        String event = "{\"Records\":[{\"messageId\":\"garbage\",\"body\":\"{\\\"not\\\":\\\"an sms\\\"}\"},"
                + "{\"messageId\":\"no-body\",\"body\":null}]}";
        assertEquals(List.of("garbage", "no-body"), failedIds(invoke(event)));
        assertTrue(provider.calls.isEmpty());
    }

    @Test
    void aMessageThatKeepsFailingEndsInTheDlqAfterFiveReceives() throws Exception {
        Map<String, String> queues = TestAws.aws().createQueues("dlq-it-" + UUID.randomUUID().toString().substring(0, 8) + "-", 1);
        OutboundSms sms = sms(ScriptedSmsProvider.FAILS_TRANSIENTLY);
        TestAws.aws().sqs().sendMessage(b -> b.queueUrl(queues.get("OutboundSmsQueue")).messageBody(sms.toJson()));
        SqsEventSource source = new SqsEventSource(TestAws.aws().sqs(), queues.get("OutboundSmsQueue"),
                this::invoke, 1);
        List<Message> dead = List.of();
        long deadline = System.nanoTime() + 40_000_000_000L;
        while (dead.isEmpty() && System.nanoTime() < deadline) {
            source.pollOnce();
            dead = TestAws.aws().sqs().receiveMessage(b -> b.queueUrl(queues.get("OutboundSmsDlq")).waitTimeSeconds(0))
                    .messages();
        }
        assertEquals(1, dead.size(), "the message reached the DLQ");
        assertEquals(sms.toJson(), dead.get(0).body());
        assertEquals(5, provider.callsTo(ScriptedSmsProvider.FAILS_TRANSIENTLY), "tried once per receive, five receives");
    }

    /**
     * eCall (the fake, checked as in SmsProvidersTest) answers the first request of a batch with 429
     * and {@code Retry-After: 30}: the other two are not sent at all, the three come back 30, 31 and
     * 32 s later, and then each goes exactly once; a redelivery after that sends nothing.
     */
    @Test
    void aThrottlingProviderGetsItsPauseAndEveryMessageGoesOnceAfterIt() throws Exception {
        ch.opsfabric.testing.MutableClock clock = new ch.opsfabric.testing.MutableClock(NOW);
        Tenant ecallTenant = TestAws.newTenant(app.tenants(), "\"sms\":{\"provider\":\"ecall\",\"sender\":\"Test\"}");
        List<String> visibility = new ArrayList<>();
        try (RecordingHttpServer ecall = new RecordingHttpServer()) {
            ecall.answer(200, "{\"messageId\":\"00000000-0000-4000-8000-0000000ec411\"}");
            ecall.answerOnce(429, "{}", Map.of("Retry-After", "30"));
            SmsSenderHandler sender = new SmsSenderHandler(new SmsSenderWiring(clock, TestAws.aws().dynamo(),
                    TestAws.aws().tableName("OpsTable"), List.of(new EcallSmsProvider(ecall.baseUrl(), "u", "p")), email,
                    "kontakt@mail.opsfabric.ch", SenderProviders.consoleWhatsApp(
                            new ch.opsfabric.messaging.ConsoleWhatsAppProvider(clock, null)),
                    new RetryDelays((handle, seconds) -> visibility.add(handle + "=" + seconds), 90, 900)));
            List<OutboundSms> three = List.of(sms(ecallTenant, "+41795552001"), sms(ecallTenant, "+41795552002"),
                    sms(ecallTenant, "+41795552003"));

            assertEquals(3, failedIds(invoke(sender, receivedEvent(three, 1))).size());
            assertEquals(1, ecall.requests.size(), "after the 429 nothing more goes to the provider");
            assertEquals(List.of("h0=30", "h1=31", "h2=32"), visibility);

            clock.advance(java.time.Duration.ofSeconds(10));
            assertEquals(3, failedIds(invoke(sender, receivedEvent(three, 2))).size(), "still paused");
            assertEquals(1, ecall.requests.size());

            clock.advance(java.time.Duration.ofSeconds(21));
            assertTrue(failedIds(invoke(sender, receivedEvent(three, 3))).isEmpty());
            assertTrue(failedIds(invoke(sender, receivedEvent(three, 1))).isEmpty(), "a redelivery");
            assertEquals(4, ecall.requests.size(), "the throttled one again, then the other two, each once");
            assertEquals(List.of("+41795552001", "+41795552001", "+41795552002", "+41795552003"), ecall.requests.stream()
                    .map(r -> Json.parse(r.body()).path("to").asText()).toList());
        }
    }

    private OutboundSms sms(Tenant owner, String to) {
        return new OutboundSms(owner.id(), to, "Grüezi", SmsKind.TICKET_CONFIRMATION, Urgency.MEDIUM,
                "it-" + UUID.randomUUID(), null, NOW);
    }

    /** As the event source hands them over: receipt handles h0, h1, … and the receive count. */
    private static String receivedEvent(List<OutboundSms> messages, int receiveCount) {
        ObjectNode event = Json.object();
        ArrayNode records = event.putArray("Records");
        for (int i = 0; i < messages.size(); i++) {
            ObjectNode record = records.addObject().put("messageId", "m" + i).put("receiptHandle", "h" + i)
                    .put("body", messages.get(i).toJson()).put("eventSource", "aws:sqs");
            record.putObject("attributes").put("ApproximateReceiveCount", String.valueOf(receiveCount));
        }
        return Json.write(event);
    }

    private static String invoke(SmsSenderHandler sender, String event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            sender.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** SnapStart priming runs the request path but only reads: a snapshot is restored many times. */
    @org.junit.jupiter.api.Test
    void primingOnlyReads() {
        RequestCounter counter = new RequestCounter();
        new SmsSenderWiring(Clock.fixed(NOW, ZoneOffset.UTC), counter.dynamo(), "OpsTable", List.of(provider)).warmUp();
        assertTrue(!counter.operations().isEmpty(), "priming reached the table");
        assertTrue(java.util.Set.of("DynamoDb.GetItem", "DynamoDb.BatchGetItem", "DynamoDb.Query", "Sqs.GetQueueAttributes").containsAll(counter.operations()), "only reads: " + counter.operations());
    }

    /** The hand-signed ChangeMessageVisibility, against ElasticMQ: a message taken for 30 s is back at once. */
    @Test
    void theVisibilityChangeReachesTheQueue() {
        String url = TestAws.freshQueues().get("OutboundSmsQueue");
        TestAws.aws().sqs().sendMessage(b -> b.queueUrl(url).messageBody("{}"));
        var taken = TestAws.aws().sqs().receiveMessage(b -> b.queueUrl(url).visibilityTimeout(30).waitTimeSeconds(1)).messages();
        assertEquals(1, taken.size());
        assertTrue(TestAws.aws().sqs().receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(0)).messages().isEmpty(),
                "invisible while taken");
        new SqsVisibility(TestAws.aws().sqsEndpoint(), url, "eu-central-2", ch.opsfabric.infra.emulators.LocalAws.credentials())
                .delay(taken.get(0).receiptHandle(), 0);
        assertEquals(1, TestAws.aws().sqs().receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(1)).messages().size(),
                "visible again after the change");
    }
}
