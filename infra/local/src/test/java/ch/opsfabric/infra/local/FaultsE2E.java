package ch.opsfabric.infra.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.opsfabric.infra.emulators.SamTemplate;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the functions do when AWS or a provider misbehaves, through the local stack with faults
 * injected between the functions' SDKs and the emulators ({@code /_local/faults}): the webhook
 * answers 5xx so the provider retries and the retry changes the outcome exactly once; a queue
 * message outlives a provider outage; a poisoned one ends in the DLQ; the DLQ can be replayed.
 */
class FaultsE2E extends AgainstLocalStack {

    private static final String LINE = "+41445550101";

    @AfterEach
    void heal() {
        http.send("DELETE", "/_local/faults", null, null);
        http.send("PUT", "/_local/sms/outage", "application/json", "{\"minutes\":0}");
    }

    @Test
    void aMissedCallWhileSqsFailsIsAnswered5xxAndTheRetrySendsExactlyOneMenu() {
        faults("{\"service\":\"sqs\",\"operation\":\"SendMessage\",\"fault\":\"error\"}");
        String call = "{\"from\":\"079 555 71 01\",\"to\":\"" + LINE + "\",\"callId\":\"fault-sqs-1\"}";
        HttpResponse<String> failed = http.signedJson("/api/webhook/missed-call", call);
        assertEquals(503, failed.statusCode(), failed.body());
        assertTrue(injected().toString().contains("sqs SendMessage error"));
        http.send("DELETE", "/_local/faults", null, null);
        HttpResponse<String> retried = http.signedJson("/api/webhook/missed-call", call);
        assertEquals(200, retried.statusCode(), retried.body());
        await(() -> sentTo("+41795557101") >= 1, "the menu SMS after the retry");
        LocalHttp.sleep(1500);
        assertEquals(1, sentTo("+41795557101"), "exactly one menu");
        assertEquals(1, ticketsOf("+41795557101"));
    }

    @Test
    void dynamoDbThrottledInTheMiddleOfAnIntakeLeavesNoHalfTicketAndTheRetrySucceeds() {
        // the first UpdateItem (the ticket) goes through, the next ones are throttled: the call's
        // daily figures, then on a second try the SMS window's PutItem with the generic ThrottlingException
        faults("[{\"service\":\"dynamodb\",\"operation\":\"UpdateItem\",\"fault\":\"throttle\",\"skip\":1,\"times\":8}]");
        String call = "{\"from\":\"079 555 71 02\",\"to\":\"" + LINE + "\",\"callId\":\"fault-ddb-1\"}";
        HttpResponse<String> failed = http.signedJson("/api/webhook/missed-call", call);
        assertEquals(503, failed.statusCode(), failed.body());
        JsonNode half = ticket("+41795557102");
        assertTrue(half == null || half.path("status").asText().equals("NEEDS_CALLBACK") && half.path("contactCount").asInt() == 1,
                "a ticket, if any, is whole: " + half);
        http.send("DELETE", "/_local/faults", null, null);
        faults("{\"service\":\"dynamodb\",\"operation\":\"PutItem\",\"fault\":\"throttling\",\"times\":8}");
        assertEquals(503, http.signedJson("/api/webhook/missed-call", call).statusCode());
        http.send("DELETE", "/_local/faults", null, null);
        HttpResponse<String> retried = http.signedJson("/api/webhook/missed-call", call);
        assertEquals(200, retried.statusCode(), retried.body());
        JsonNode whole = ticket("+41795557102");
        assertEquals(1, whole.path("contactCount").asInt(), "three tries of one call are one contact: " + whole);
        await(() -> sentTo("+41795557102") >= 1, "the menu SMS");
        LocalHttp.sleep(1500);
        assertEquals(1, sentTo("+41795557102"));
        assertEquals(1, ticketsOf("+41795557102"));
    }

    @Test
    void aDroppedConnectionAndASlowAnswerAreAbsorbedByTheSdksRetries() {
        faults("[{\"service\":\"dynamodb\",\"operation\":\"PutItem\",\"fault\":\"drop\",\"times\":1},"
                + "{\"service\":\"dynamodb\",\"operation\":\"UpdateItem\",\"fault\":\"delay\",\"delayMillis\":400,\"times\":2},"
                + "{\"service\":\"sqs\",\"operation\":\"SendMessage\",\"fault\":\"error\",\"times\":1}]");
        HttpResponse<String> answered = http.signedJson("/api/webhook/missed-call", "{\"from\":\"079 555 71 07\",\"to\":\""
                + LINE + "\",\"callId\":\"fault-drop-1\"}");
        assertEquals(200, answered.statusCode(), answered.body());
        String injected = injected().toString();
        assertTrue(injected.contains("dynamodb PutItem drop") && injected.contains("dynamodb UpdateItem delay")
                && injected.contains("sqs SendMessage error"), injected);
        await(() -> sentTo("+41795557107") == 1, "the menu SMS");
        assertEquals(1, ticketsOf("+41795557107"));
    }

    @Test
    void theSmsProviderDownForTenMinutesOfLocalClockDeliversEverySmsOnceAfterwardsAndTheDlqStaysEmpty() {
        http.send("PUT", "/_local/sms/outage", "application/json", "{\"minutes\":10}");
        for (int i = 3; i <= 5; i++) {
            assertEquals(200, http.signedJson("/api/webhook/missed-call", "{\"from\":\"079 555 71 0" + i + "\",\"to\":\""
                    + LINE + "\",\"callId\":\"fault-outage-" + i + "\"}").statusCode());
        }
        LocalHttp.sleep(2500);
        assertEquals(0, sentTo("+41795557103") + sentTo("+41795557104") + sentTo("+41795557105"), "the provider is down");
        Instant now = Instant.parse(http.json(http.get("/_local/clock")).get("utc").asText());
        clock(now.plusSeconds(11 * 60).toString());
        await(() -> sentTo("+41795557103") == 1 && sentTo("+41795557104") == 1 && sentTo("+41795557105") == 1,
                "every SMS after the outage");
        LocalHttp.sleep(3000);
        assertEquals(3, sentTo("+41795557103") + sentTo("+41795557104") + sentTo("+41795557105"), "none twice");
        assertEquals(0, queues().path("OutboundSmsDlq").path("visible").asInt(), "the DLQ is empty");
        assertTrue(logs.count("sms.failed_retry") >= 3, "they did fail first");
    }

    @Test
    void aPoisonedMessageReachesTheDlqAfterFiveReceivesAndTheAlarmsMetricCountsIt() {
        long before = logs.count("sms.unreadable");
        http.send("POST", "/_local/queues/OutboundSmsQueue", "text/plain", "{\"this is\": not an SMS");
        await(() -> queues().path("OutboundSmsDlq").path("visible").asInt() == 1, "the poisoned message in the DLQ");
        assertEquals(5, logs.count("sms.unreadable") - before, "five receives, then the DLQ (maxReceiveCount 5)");
        // the alarm watches exactly this number: the DLQ's visible messages, from one message on
        JsonNode alarm = SamTemplate.locate().resource("OutboundSmsDlqAlarm").path("Properties");
        assertEquals("ApproximateNumberOfMessagesVisible", alarm.path("MetricName").asText());
        assertEquals("[\"OutboundSmsDlq\",\"QueueName\"]", alarm.path("Dimensions").get(0).path("Value").path("Fn::GetAtt").toString());
        assertTrue(alarm.path("Threshold").asDouble() <= 1 && alarm.path("ComparisonOperator").asText().contains("GreaterThan"),
                alarm.toString());
        drainDlq();
    }

    @Test
    void dlqReplayMovesMessagesBackAfterTheFixAndNoSmsGoesTwice() {
        drainDlq();
        http.send("PUT", "/_local/sms/outage", "application/json", "{\"minutes\":1440}");
        assertEquals(200, http.signedJson("/api/webhook/missed-call", "{\"from\":\"079 555 71 06\",\"to\":\"" + LINE
                + "\",\"callId\":\"fault-replay-1\"}").statusCode());
        await(() -> queues().path("OutboundSmsDlq").path("visible").asInt() == 1, "the SMS in the DLQ after its five tries");
        String dead = http.json(http.get("/_local/queues/OutboundSmsDlq/messages")).get(0).asText();
        assertEquals(0, sentTo("+41795557106"));
        http.send("PUT", "/_local/sms/outage", "application/json", "{\"minutes\":0}");
        JsonNode replayed = http.json(http.send("POST", "/_local/queues/OutboundSmsDlq/replay", "application/json",
                "{\"to\":\"OutboundSmsQueue\"}"));
        assertEquals(1, replayed.path("moved").asInt(), replayed.toString());
        await(() -> sentTo("+41795557106") == 1, "the SMS after the replay");
        // the same message replayed once more (a second run, a copy): the ledger knows it went out
        http.send("POST", "/_local/queues/OutboundSmsDlq", "application/json", dead);
        assertEquals(1, http.json(http.send("POST", "/_local/queues/OutboundSmsDlq/replay", "application/json", "{}"))
                .path("moved").asInt());
        LocalHttp.sleep(2500);
        assertEquals(1, sentTo("+41795557106"), "no SMS twice");
        assertEquals(0, http.json(http.send("POST", "/_local/queues/OutboundSmsDlq/replay", "application/json", "{}"))
                .path("moved").asInt(), "nothing left");
    }

    /** What a person does with a poisoned message once looked at: it is thrown away. */
    private static void drainDlq() {
        assertEquals(200, http.send("DELETE", "/_local/queues/OutboundSmsDlq", null, null).statusCode());
    }

    private static void faults(String rules) {
        HttpResponse<String> set = http.send("PUT", "/_local/faults", "application/json", rules);
        assertEquals(200, set.statusCode(), set.body());
    }

    private static JsonNode injected() {
        return http.json(http.get("/_local/faults"));
    }

    private static JsonNode queues() {
        return http.json(http.get("/_local/queues"));
    }

    private static int sentTo(String number) {
        int n = 0;
        for (JsonNode sms : http.json(http.get("/_local/sms"))) {
            n += number.equals(sms.path("to").asText()) ? 1 : 0;
        }
        return n;
    }

    private static JsonNode ticket(String phone) {
        for (JsonNode t : http.json(http.get("/_local/tickets/sanitaer-keller"))) {
            if (phone.equals(t.path("phone").asText())) {
                return t;
            }
        }
        return null;
    }

    private static int ticketsOf(String phone) {
        int n = 0;
        for (JsonNode t : http.json(http.get("/_local/tickets/sanitaer-keller"))) {
            n += phone.equals(t.path("phone").asText()) ? 1 : 0;
        }
        return n;
    }

    private static void await(BooleanSupplier condition, String what) {
        long until = System.nanoTime() + 30_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("not within 30 s: " + what);
            }
            LocalHttp.sleep(250);
        }
    }
}
