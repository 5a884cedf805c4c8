package ch.opsfabric.smssender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.opsfabric.app.AppContext;
import ch.opsfabric.infra.emulators.SqsEventSource;
import ch.opsfabric.messaging.OutboundSms;
import ch.opsfabric.messaging.SmsKind;
import ch.opsfabric.store.DynamoTenantDirectory;
import ch.opsfabric.tenant.Tenant;
import ch.opsfabric.testing.TestAws;
import ch.opsfabric.ticket.Urgency;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
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
    private final AppContext app = TestAws.app(Clock.fixed(NOW, ZoneOffset.UTC),
            TestAws.aws().queueUrl("OutboundSmsQueue"), List.of(provider));
    private final Tenant tenant = TestAws.newTenant((DynamoTenantDirectory) app.tenants(),
            "\"sms\":{\"provider\":\"scripted\",\"sender\":\"Test\"}");
    private final SmsSenderHandler handler = new SmsSenderHandler(app);

    private OutboundSms sms(String to) {
        return new OutboundSms(tenant.id(), to, "Grüezi", SmsKind.TICKET_CONFIRMATION, Urgency.MEDIUM,
                "it-" + UUID.randomUUID(), null, NOW);
    }

    private static SQSEvent event(OutboundSms... messages) {
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (OutboundSms sms : messages) {
            SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
            record.setMessageId(UUID.randomUUID().toString());
            record.setBody(sms.toJson());
            records.add(record);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        return event;
    }

    private static List<String> failedIds(SQSBatchResponse response) {
        return response.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList();
    }

    @Test
    void onlyTheFailedMessageOfABatchIsRetried() {
        SQSEvent event = event(sms("+41795551001"), sms(ScriptedSmsProvider.FAILS_TRANSIENTLY), sms("+41795551002"));
        SQSBatchResponse response = handler.handleRequest(event, null);
        assertEquals(List.of(event.getRecords().get(1).getMessageId()), failedIds(response));
        assertEquals(3, provider.calls.size());
        assertEquals(tenant.config().phoneLines().get(0), provider.calls.get(0).from(),
                "a confirmation comes from the business line, so an answer reaches the business");
    }

    @Test
    void aRedeliveredMessageIsSentOnce() {
        OutboundSms sms = sms("+41795551003");
        assertTrue(failedIds(handler.handleRequest(event(sms), null)).isEmpty());
        assertTrue(failedIds(handler.handleRequest(event(sms), null)).isEmpty());
        assertEquals(1, provider.callsTo("+41795551003"));
    }

    @Test
    void aRetriedMessageIsSentOnceItSucceeds() {
        OutboundSms sms = sms(ScriptedSmsProvider.FAILS_TRANSIENTLY);
        assertEquals(1, failedIds(handler.handleRequest(event(sms), null)).size());
        assertEquals(1, failedIds(handler.handleRequest(event(sms), null)).size());
        assertEquals(2, provider.callsTo(ScriptedSmsProvider.FAILS_TRANSIENTLY));
    }

    @Test
    void optOutIsCheckedAgainBeforeSending() {
        app.optOuts().optOut(tenant.id(), "+41795551004", NOW);
        assertTrue(failedIds(handler.handleRequest(event(sms("+41795551004")), null)).isEmpty());
        assertEquals(0, provider.callsTo("+41795551004"));
        OutboundSms confirmation = new OutboundSms(tenant.id(), "+41795551004", "Sie erhalten keine SMS mehr.",
                SmsKind.OPT_OUT_CONFIRMATION, Urgency.MEDIUM, "it-" + UUID.randomUUID(), null, NOW);
        handler.handleRequest(event(confirmation), null);
        assertEquals(1, provider.callsTo("+41795551004"), "the one opt-out confirmation still goes out");
    }

    @Test
    void permanentFailuresAreRecordedNotRetried() {
        assertTrue(failedIds(handler.handleRequest(event(sms(ScriptedSmsProvider.FAILS_PERMANENTLY)), null)).isEmpty());
        assertEquals(1, provider.callsTo(ScriptedSmsProvider.FAILS_PERMANENTLY));
    }

    @Test
    void unreadableMessagesAreKeptForTheDlq() {
        SQSEvent.SQSMessage garbage = new SQSEvent.SQSMessage();
        garbage.setMessageId("garbage");
        garbage.setBody("{\"not\":\"an sms\"}");
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(garbage));
        assertEquals(List.of("garbage"), failedIds(handler.handleRequest(event, null)));
        assertTrue(provider.calls.isEmpty());
    }

    @Test
    void aMessageThatKeepsFailingEndsInTheDlqAfterFiveReceives() throws Exception {
        Map<String, String> queues = TestAws.aws().createQueues("dlq-it-" + UUID.randomUUID().toString().substring(0, 8) + "-", 1);
        OutboundSms sms = sms(ScriptedSmsProvider.FAILS_TRANSIENTLY);
        TestAws.aws().sqs().sendMessage(b -> b.queueUrl(queues.get("OutboundSmsQueue")).messageBody(sms.toJson()));
        SqsEventSource source = new SqsEventSource(TestAws.aws().sqs(), queues.get("OutboundSmsQueue"),
                e -> handler.handleRequest(e, null), 1);
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
}
