package ch.opsfabric.infra.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.opsfabric.json.Json;
import ch.opsfabric.webhook.FormBody;
import ch.opsfabric.webhook.OpsFabricSignature;
import ch.opsfabric.webhook.TwilioSignature;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The heart of the product over HTTP against the local stack, with requests signed the way the
 * providers sign them: a missed call, the SMS menu, the customer's answers, opt-out, replays,
 * forgeries, and a burst of identical webhooks. Time is moved with {@code /_local/clock}.
 */
class MissedCallStoryE2E extends AgainstLocalStack {

    private static final String LINE = "+41445550101";
    private static final String OWNER = "+41795550101";

    private static HttpResponse<String> signedJson(String path, String body) {
        return http.signedJson(path, body);
    }

    private static HttpResponse<String> missedCall(String from, String to, String callId) {
        return signedJson("/api/webhook/missed-call",
                Json.write(Json.object().put("from", from).put("to", to).put("callId", callId)));
    }

    private static HttpResponse<String> smsReply(String from, String text, String messageId) {
        return signedJson("/api/webhook/sms-reply", Json.write(Json.object().put("from", from).put("to", LINE)
                .put("text", text).put("messageId", messageId)));
    }

    private static String outcome(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        return http.json(response).get("outcome").asText();
    }

    private static List<JsonNode> smsTo(String to) {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode sms : http.json(http.get("/_local/sms"))) {
            if (sms.get("to").asText().equals(to)) {
                found.add(sms);
            }
        }
        return found;
    }

    /** Waits until the number has {@code count} SMS, then a moment longer to see that no more arrive. */
    private static List<JsonNode> awaitSms(String to, int count) {
        http.await("/_local/sms", list -> smsTo(to).size() >= count, Duration.ofSeconds(15));
        LocalHttp.sleep(1200);
        List<JsonNode> sms = smsTo(to);
        assertEquals(count, sms.size(), "SMS to " + to + ": " + sms);
        return sms;
    }

    private static JsonNode ticketsOf(String phone) {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode t : http.json(http.get("/_local/tickets/sanitaer-keller"))) {
            if (phone.equals(t.path("phone").asText())) {
                found.add(t);
            }
        }
        return Json.MAPPER.valueToTree(found);
    }

    @Test
    void missedCallMenuAndEveryAnswer() {
        clock("2026-12-02T10:00:00+01:00");
        String caller = "+41795557001";
        assertEquals("menu_sms_queued", outcome(missedCall("079 555 70 01", LINE, "story-1")));
        String menu = awaitSms(caller, 1).get(0).get("text").asText();
        assertTrue(menu.contains("1 = Dringend, 2 = Rückruf, 3 = Online-Formular"), menu);

        assertEquals("urgent", outcome(smsReply(caller, "1", "story-m1")));
        List<JsonNode> alerts = new ArrayList<>();
        http.await("/_local/sms", list -> smsTo(OWNER).stream().anyMatch(s -> s.get("text").asText().contains(caller)),
                Duration.ofSeconds(15));
        smsTo(OWNER).stream().filter(s -> s.get("text").asText().contains(caller)).forEach(alerts::add);
        assertEquals(1, alerts.size());
        assertEquals("urgent_alert", alerts.get(0).get("kind").asText());
        awaitSms(caller, 2);
        JsonNode ticket = ticketsOf(caller).get(0);
        assertEquals("HIGH", ticket.get("urgency").asText());

        assertEquals("callback", outcome(smsReply(caller, "2", "story-m2")));
        assertEquals("form_link", outcome(smsReply(caller, "3", "story-m3")));
        List<JsonNode> all = awaitSms(caller, 4);
        assertTrue(all.get(3).get("text").asText().contains(stack.baseUrl() + "/sanitaer-keller/anfrage?ref="),
                all.get(3).get("text").asText());
        assertEquals(1, ticketsOf(caller).size(), "one ticket for the call and every answer");
    }

    @Test
    void fifteenMinuteWindowOneTicketAllDayAndStopMeansSilence() {
        clock("2026-12-02T11:00:00+01:00");
        String caller = "+41795557002";
        assertEquals("menu_sms_queued", outcome(missedCall(caller, LINE, "win-1")));
        awaitSms(caller, 1);
        clock("2026-12-02T11:10:00+01:00");
        assertEquals("menu_sms_suppressed", outcome(missedCall(caller, LINE, "win-2")));
        clock("2026-12-02T11:16:30+01:00");
        assertEquals("menu_sms_queued", outcome(missedCall(caller, LINE, "win-3")));
        awaitSms(caller, 2);
        assertEquals(1, ticketsOf(caller).size());
        assertEquals(3, ticketsOf(caller).get(0).get("contactCount").asInt());

        assertEquals("opted_out", outcome(smsReply(caller, "Stop.", "win-stop")));
        awaitSms(caller, 3);
        clock("2026-12-02T11:40:00+01:00");
        outcome(missedCall(caller, LINE, "win-4"));
        LocalHttp.sleep(2000);
        assertEquals(3, smsTo(caller).size(), "after STOP: silence");
    }

    @Test
    void weekendLandlineAnonymousAndReplay() {
        clock("2026-12-05T09:30:00+01:00");
        String caller = "+41795557003";
        outcome(missedCall(caller, LINE, "we-1"));
        assertTrue(awaitSms(caller, 1).get(0).get("text").asText().contains("ab Montag"));

        assertEquals("landline_ticket", outcome(missedCall("044 555 70 04", LINE, "land-1")));
        assertEquals("NEEDS_CALLBACK", ticketsOf("+41445557004").get(0).get("status").asText());

        int ticketsBefore = http.json(http.get("/_local/tickets/sanitaer-keller")).size();
        assertEquals("withheld_counted", outcome(missedCall("anonymous", LINE, "anon-1")));
        assertEquals(ticketsBefore, http.json(http.get("/_local/tickets/sanitaer-keller")).size());

        assertEquals("duplicate", outcome(missedCall(caller, LINE, "we-1")));
        LocalHttp.sleep(1500);
        assertEquals(1, smsTo(caller).size(), "a replay sends nothing");
        assertEquals(1, ticketsOf(caller).get(0).get("contactCount").asInt());
    }

    @Test
    void twilioCompletedIsIgnoredAndNoAnswerCounts() {
        clock("2026-12-02T14:00:00+01:00");
        String path = "/api/webhook/missed-call/twilio";
        String completed = twilioForm("completed", "CA" + "a".repeat(32), "%2B41795557005");
        HttpResponse<String> answered = http.send("POST", path, "application/x-www-form-urlencoded", completed,
                "X-Twilio-Signature", twilioSignature(path, completed));
        assertEquals(200, answered.statusCode(), answered.body());
        assertEquals(0, ticketsOf("+41795557005").size());
        String noAnswer = twilioForm("no-answer", "CA" + "b".repeat(32), "%2B41795557005");
        HttpResponse<String> missed = http.send("POST", path, "application/x-www-form-urlencoded", noAnswer,
                "X-Twilio-Signature", twilioSignature(path, noAnswer));
        assertEquals(200, missed.statusCode());
        assertTrue(missed.body().contains("<Say"), missed.body());
        assertEquals(1, ticketsOf("+41795557005").size());
        awaitSms("+41795557005", 1);
    }

    private static String twilioForm(String dialStatus, String callSid, String from) {
        return "AccountSid=AC0123456789abcdef0123456789abcdef&CallSid=" + callSid + "&CallStatus=in-progress"
                + "&Called=%2B41445550101&Caller=" + from + "&Direction=inbound&From=" + from
                + "&To=%2B41445550101&DialCallStatus=" + dialStatus + "&DialCallSid=CA" + "c".repeat(32);
    }

    private static String twilioSignature(String path, String form) {
        return TwilioSignature.sign("dev-twilio-token", stack.baseUrl() + path,
                FormBody.parse(form, StandardCharsets.UTF_8).pairs());
    }

    @Test
    void forgedOrUnsignedWebhooksStoreNothing() {
        int before = http.json(http.get("/_local/tickets/sanitaer-keller")).size();
        String body = "{\"from\":\"+41795557006\",\"to\":\"" + LINE + "\",\"callId\":\"forged\"}";
        assertEquals(401, http.send("POST", "/api/webhook/missed-call", "application/json", body).statusCode());
        assertEquals(403, http.send("POST", "/api/webhook/missed-call", "application/json", body,
                "X-OpsFabric-Signature", OpsFabricSignature.sign("guessed", body.getBytes(StandardCharsets.UTF_8))).statusCode());
        assertEquals(403, http.send("POST", "/api/webhook/sms-reply/twilio", "application/x-www-form-urlencoded",
                "From=%2B41795557006&To=%2B41445550101&Body=1&MessageSid=SM" + "d".repeat(32),
                "X-Twilio-Signature", "bm90IGEgc2lnbmF0dXJl").statusCode());
        assertEquals(403, http.get("/api/webhook/sms-reply/ecall/guessed-token?Function=Answer").statusCode());
        assertEquals(401, http.send("POST", "/api/webhook/missed-call/sipgate", "application/x-www-form-urlencoded",
                "event=hangup&cause=cancel&callId=x&from=41795557006&to=41445550101&direction=in").statusCode());
        assertEquals(before, http.json(http.get("/_local/tickets/sanitaer-keller")).size());
        LocalHttp.sleep(500);
        assertTrue(smsTo("+41795557006").isEmpty());
    }

    @Test
    void fiftyConcurrentIdenticalWebhooksMakeOneTicketAndOneSms() throws Exception {
        clock("2026-12-02T15:00:00+01:00");
        String caller = "+41795557007";
        String body = Json.write(Json.object().put("from", caller).put("to", LINE).put("callId", "burst-1"));
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<HttpResponse<String>>> results = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            results.add(pool.submit(() -> signedJson("/api/webhook/missed-call", body)));
        }
        for (Future<HttpResponse<String>> result : results) {
            assertEquals(200, result.get().statusCode(), result.get().body());
        }
        pool.shutdown();
        assertEquals(1, ticketsOf(caller).size());
        assertEquals(1, ticketsOf(caller).get(0).get("contactCount").asInt());
        awaitSms(caller, 1);
    }

    @Test
    void proactiveSmsWaitsForTheEndOfQuietHours() {
        clock("2026-12-02T22:30:00+01:00");
        String customer = "+41795557008";
        // a missed call at night: the menu SMS answers at once (the customer just called)
        assertEquals("menu_sms_queued", outcome(missedCall(customer, LINE, "quiet-1")));
        awaitSms(customer, 1);
        String id = ticketsOf(customer).get(0).get("id").asText();
        // the owner confirms an appointment at 22:31: proactive, so ticket-intake defers it with
        // EventBridge Scheduler (the SDK against the local Scheduler API) to the end of quiet hours
        HttpResponse<String> scheduled = http.send("PATCH", "/api/tickets/" + id, "application/json",
                "{\"status\":\"SCHEDULED\",\"appointmentAt\":\"2026-12-03T10:00:00+01:00\"}",
                "Authorization", "Bearer dev-key-sanitaer-keller");
        assertEquals(200, scheduled.statusCode(), scheduled.body());
        LocalHttp.sleep(2000);
        assertEquals(1, smsTo(customer).size(), "nothing more at 22:30");
        clock("2026-12-03T06:59:00+01:00");
        LocalHttp.sleep(1500);
        assertEquals(1, smsTo(customer).size(), "nothing at 06:59");
        clock("2026-12-03T07:00:30+01:00");
        JsonNode sms = awaitSms(customer, 2).get(1);
        assertTrue(sms.get("text").asText().contains("Ihr Termin"), sms.toString());
        assertTrue(OffsetDateTime.parse(sms.get("at").asText()).toInstant()
                .isAfter(Instant.parse("2026-12-03T06:00:00Z")), "sent after 07:00 local");
        clock("2026-12-02T23:00:00+01:00");
        LocalHttp.sleep(1000);
        assertEquals(2, smsTo(customer).size(), "moving the clock back fires nothing");
    }
}
