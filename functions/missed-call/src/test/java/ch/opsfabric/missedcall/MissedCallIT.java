package ch.opsfabric.missedcall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.opsfabric.json.Json;
import ch.opsfabric.messaging.OutboundSms;
import ch.opsfabric.messaging.SmsKind;
import ch.opsfabric.store.DynamoTenantDirectory;
import ch.opsfabric.tenant.Module;
import ch.opsfabric.tenant.Modules;
import ch.opsfabric.tenant.Tenant;
import ch.opsfabric.testing.ApiGatewayEvents;
import ch.opsfabric.testing.Fixtures;
import ch.opsfabric.testing.MutableClock;
import ch.opsfabric.testing.QueueReader;
import ch.opsfabric.testing.RequestCounter;
import ch.opsfabric.testing.TestAws;
import ch.opsfabric.testing.TestData;
import ch.opsfabric.ticket.Ticket;
import ch.opsfabric.ticket.TicketStatus;
import ch.opsfabric.webhook.FormBody;
import ch.opsfabric.webhook.OpsFabricSignature;
import ch.opsfabric.webhook.TwilioSignature;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MissedCallIT {

    /** Wednesday 10:00 in Zurich. */
    private static final Instant WEDNESDAY = Instant.parse("2026-11-25T09:00:00Z");

    private final Map<String, String> queues = TestAws.freshQueues();
    private final MutableClock clock = new MutableClock(WEDNESDAY);
    private final TestData app = TestAws.data();
    private final DynamoTenantDirectory directory = app.tenants();
    private final Tenant tenant = TestAws.newTenant(directory, "");
    private final String line = tenant.config().phoneLines().get(0);
    private final MissedCallHandler handler = new MissedCallHandler(new MissedCallWiring(clock, TestAws.aws().dynamo(),
            TestAws.aws().tableName("OpsTable"), TestAws.aws().sqs(), queues.get("OutboundSmsQueue"), TestAws.SETTINGS));

    private APIGatewayV2HTTPResponse generic(String from, String callId) {
        String body = Json.write(Json.object().put("from", from).put("to", line).put("callId", callId)
                .put("at", clock.instant().toString()));
        return handler.handle(ApiGatewayEvents.signedJson("/api/webhook/missed-call", body));
    }

    private static String outcome(APIGatewayV2HTTPResponse response) {
        return ApiGatewayEvents.outcome(response);
    }

    private List<Ticket> tickets() {
        return app.tickets().list(tenant.id(), null, 100, null).tickets();
    }

    @Test
    void mobileCallerGetsTheMenuOnceIn15MinutesAndOneTicketAllDay() {
        assertEquals("menu_sms_queued", outcome(generic("079 555 41 41", "c1")));
        List<OutboundSms> sms = QueueReader.drain(queues.get("OutboundSmsQueue"));
        assertEquals(1, sms.size());
        assertEquals(SmsKind.MISSED_CALL_MENU, sms.get(0).kind());
        assertEquals("+41795554141", sms.get(0).to());
        assertTrue(sms.get(0).text().contains("1 = Dringend, 2 = Rückruf, 3 = Online-Formular"), sms.get(0).text());
        assertTrue(sms.get(0).text().startsWith(tenant.name()));

        clock.advance(Duration.ofMinutes(10));
        assertEquals("menu_sms_suppressed", outcome(generic("+41795554141", "c2")));
        clock.advance(Duration.ofMinutes(6));
        assertEquals("menu_sms_queued", outcome(generic("0041795554141", "c3")));
        assertEquals(1, QueueReader.drain(queues.get("OutboundSmsQueue")).size());

        List<Ticket> all = tickets();
        assertEquals(1, all.size());
        assertEquals(3, all.get(0).contactCount());
        assertEquals(TicketStatus.NEEDS_CALLBACK, all.get(0).status());
    }

    @Test
    void weekendCallersHearWhenWeAreBack() {
        clock.set(Instant.parse("2026-11-28T10:00:00Z"));
        generic("079 555 42 42", "w1");
        String text = QueueReader.drain(queues.get("OutboundSmsQueue")).get(0).text();
        assertTrue(text.contains("ab Montag wieder für Sie da"), text);
    }

    /** Good Friday 2026 in Zürich: back after Easter Monday. In Luzern 1 May is a working day, in Zürich it is not. */
    @Test
    void onAPublicHolidayOfTheCantonCallersHearTheNextWorkingDay() {
        clock.set(Instant.parse("2026-04-03T08:00:00Z"));
        generic("079 555 42 43", "h1");
        String goodFriday = QueueReader.drain(queues.get("OutboundSmsQueue")).get(0).text();
        assertTrue(goodFriday.contains("ab Dienstag wieder für Sie da"), goodFriday);
        clock.set(Instant.parse("2026-05-01T08:00:00Z"));
        generic("079 555 42 44", "h2");
        String mayDay = QueueReader.drain(queues.get("OutboundSmsQueue")).get(0).text();
        assertTrue(mayDay.contains("ab Montag wieder für Sie da"), mayDay);
        clock.set(Instant.parse("2026-12-24T08:00:00Z"));
        generic("079 555 42 46", "h4");
        assertTrue(QueueReader.drain(queues.get("OutboundSmsQueue")).get(0).text().contains("Antworten Sie mit 1 = Dringend"),
                "Christmas Eve is a working day: the usual menu");
        Tenant luzern = TestAws.newTenant(directory, "\"canton\":\"LU\"");
        clock.set(Instant.parse("2026-05-01T08:00:00Z"));
        handler.handle(ApiGatewayEvents.signedJson("/api/webhook/missed-call", Json.write(Json.object()
                .put("from", "079 555 42 45").put("to", luzern.config().phoneLines().get(0)).put("callId", "h3")
                .put("at", clock.instant().toString()))));
        String luzernText = QueueReader.drain(queues.get("OutboundSmsQueue")).get(0).text();
        assertFalse(luzernText.contains("wieder für Sie da"), luzernText);
    }

    @Test
    void landlineGetsATicketNoSmsAndWithheldIsOnlyCounted() {
        assertEquals("landline_ticket", outcome(generic("044 555 43 43", "l1")));
        assertTrue(tickets().get(0).message().contains("Festnetz"));
        assertEquals("withheld_counted", outcome(generic("anonymous", "a1")));
        assertEquals("withheld_counted", outcome(generic("", "a2")));
        assertEquals("duplicate", outcome(generic("anonymous", "a1")));
        assertEquals(1, tickets().size());
        assertEquals(2, app.callStats().withheldCalls(tenant.id(), java.time.LocalDate.of(2026, 11, 25)));
        assertTrue(QueueReader.drain(queues.get("OutboundSmsQueue")).isEmpty());
    }

    @Test
    void replayedCallIdChangesNothing() {
        generic("079 555 44 44", "r1");
        Ticket before = tickets().get(0);
        clock.advance(Duration.ofMinutes(1));
        assertEquals("duplicate", outcome(generic("079 555 44 44", "r1")));
        Ticket after = tickets().get(0);
        assertEquals(before.contactCount(), after.contactCount());
        assertEquals(before.history(), after.history());
        List<OutboundSms> sms = QueueReader.drain(queues.get("OutboundSmsQueue"));
        assertEquals(1, sms.stream().map(OutboundSms::idempotencyKey).distinct().count(),
                "a retry may queue again, but only under the same idempotency key");
    }

    @Test
    void signatureAndInputProblemsStoreNothing() {
        String body = "{\"from\":\"0795554545\",\"to\":\"" + line + "\",\"callId\":\"s1\"}";
        APIGatewayV2HTTPEvent unsigned = ApiGatewayEvents.request("POST", "/api/webhook/missed-call",
                "/api/webhook/missed-call", Map.of("content-type", "application/json"), body);
        assertEquals(401, handler.handle(unsigned).getStatusCode());
        APIGatewayV2HTTPEvent wrong = ApiGatewayEvents.request("POST", "/api/webhook/missed-call",
                "/api/webhook/missed-call", Map.of("content-type", "application/json",
                        "x-opsfabric-signature", OpsFabricSignature.sign("wrong-secret", body.getBytes(StandardCharsets.UTF_8))), body);
        assertEquals(403, handler.handle(wrong).getStatusCode());
        String bad = "{\"from\":\"0795554545\"}";
        APIGatewayV2HTTPEvent missingFields = ApiGatewayEvents.request("POST", "/api/webhook/missed-call",
                "/api/webhook/missed-call", Map.of("content-type", "application/json",
                        "x-opsfabric-signature", OpsFabricSignature.sign("dev-webhook-secret", bad.getBytes(StandardCharsets.UTF_8))), bad);
        assertEquals(400, handler.handle(missingFields).getStatusCode());
        assertTrue(tickets().isEmpty());
        assertTrue(QueueReader.drain(queues.get("OutboundSmsQueue")).isEmpty());
    }

    @Test
    void unknownLineAndSwitchedOffModuleAre404() {
        String body = "{\"from\":\"0795554646\",\"to\":\"+41445559999\",\"callId\":\"u1\"}";
        APIGatewayV2HTTPEvent unknown = ApiGatewayEvents.request("POST", "/api/webhook/missed-call",
                "/api/webhook/missed-call", Map.of("content-type", "application/json",
                        "x-opsfabric-signature", OpsFabricSignature.sign("dev-webhook-secret", body.getBytes(StandardCharsets.UTF_8))), body);
        assertEquals(404, handler.handle(unknown).getStatusCode());
        directory.put(new Tenant(tenant.id(), tenant.slug(), tenant.name(), tenant.branch(),
                Modules.of(EnumSet.of(Module.SMS, Module.WIZARD)), tenant.config()), List.of());
        assertEquals(404, generic("079 555 46 46", "u2").getStatusCode());
        assertTrue(tickets().isEmpty());
    }

    @Test
    void aMissedCallFromANewCallerCostsSixDynamoRequestsAndOneSqsSend() {
        RequestCounter counter = new RequestCounter();
        MissedCallHandler countedHandler = new MissedCallHandler(new MissedCallWiring(clock, counter.dynamo(), "OpsTable",
                counter.sqs(), queues.get("OutboundSmsQueue"), TestAws.SETTINGS));
        String body = "{\"from\":\"0795554747\",\"to\":\"" + line + "\",\"callId\":\"warm-up\"}";
        countedHandler.handle(signed(body));
        counter.reset();

        String call = "{\"from\":\"0795554848\",\"to\":\"" + line + "\",\"callId\":\"counted\"}";
        assertEquals(200, countedHandler.handle(signed(call)).getStatusCode());
        assertEquals(List.of("DynamoDb.BatchGetItem", "DynamoDb.PutItem", "DynamoDb.UpdateItem", "DynamoDb.UpdateItem",
                        "DynamoDb.UpdateItem", "DynamoDb.PutItem", "Sqs.SendMessage"),
                counter.operations(), "warm, a new person: the number's contact pointer (read, then claimed), ticket "
                        + "create-or-join, the contact with its number and ticket (one write), the day's figures (one ADD), "
                        + "SMS window, menu SMS");

        // the same caller again the same day: the pointer is read, nothing about the contact is written
        counter.reset();
        String again = "{\"from\":\"0795554848\",\"to\":\"" + line + "\",\"callId\":\"counted-2\"}";
        assertEquals(200, countedHandler.handle(signed(again)).getStatusCode());
        assertEquals(List.of("DynamoDb.BatchGetItem", "DynamoDb.UpdateItem", "DynamoDb.UpdateItem", "DynamoDb.PutItem"),
                counter.operations(), "a known person joining the day's ticket: pointer, ticket join, figures, SMS window "
                        + "(still open: no second menu)");
    }

    private static APIGatewayV2HTTPEvent signed(String body) {
        return ApiGatewayEvents.request("POST", "/api/webhook/missed-call", "/api/webhook/missed-call",
                Map.of("content-type", "application/json",
                        "x-opsfabric-signature", OpsFabricSignature.sign("dev-webhook-secret", body.getBytes(StandardCharsets.UTF_8))),
                body);
    }

    private APIGatewayV2HTTPResponse twilio(String fixture) {
        String form = Fixtures.text("twilio/" + fixture).replace("%2B41445550100", line.replace("+", "%2B"))
                .replace("CA11111111111111111111111111111111", "CA" + UUID.randomUUID().toString().replace("-", ""));
        String path = "/api/webhook/missed-call/twilio";
        String signature = TwilioSignature.sign("dev-twilio-token", "http://localhost:3000" + path,
                FormBody.parse(form, StandardCharsets.UTF_8).pairs());
        APIGatewayV2HTTPEvent event = ApiGatewayEvents.request("POST", path, path,
                Map.of("content-type", "application/x-www-form-urlencoded", "x-twilio-signature", signature),
                Base64.getEncoder().encodeToString(form.getBytes(StandardCharsets.ISO_8859_1)));
        event.setIsBase64Encoded(true);
        return handler.handle(event);
    }

    @Test
    void twilioDialActionFixtures() {
        APIGatewayV2HTTPResponse answered = twilio("voice-dial-action-completed.form");
        assertEquals(200, answered.getStatusCode(), answered.getBody());
        assertTrue(answered.getBody().contains("<Hangup/>"));
        assertTrue(tickets().isEmpty(), "an answered call is no missed call");

        APIGatewayV2HTTPResponse missed = twilio("voice-dial-action-no-answer.form");
        assertEquals(200, missed.getStatusCode(), missed.getBody());
        assertTrue(missed.getBody().contains("<Say language=\"de-DE\">"), missed.getBody());
        assertEquals("text/xml; charset=utf-8", missed.getHeaders().get("content-type"));
        assertEquals("+41795550123", tickets().get(0).phone());

        assertEquals(200, twilio("voice-dial-action-busy.form").getStatusCode());
        assertEquals(2, tickets().get(0).contactCount());
    }

    @Test
    void twilioWithTheWrongSignatureIsRefused() {
        String form = Fixtures.text("twilio/voice-dial-action-no-answer.form");
        APIGatewayV2HTTPEvent event = ApiGatewayEvents.request("POST", "/api/webhook/missed-call/twilio",
                "/api/webhook/missed-call/twilio", Map.of("content-type", "application/x-www-form-urlencoded",
                        "x-twilio-signature", "ZewkOpTeVsnvkXko+92cVDWomng="), form);
        assertEquals(403, handler.handle(event).getStatusCode(), "signed for another URL and token");
    }

    /** SnapStart priming runs the request path but only reads: a snapshot is restored many times. */
    @org.junit.jupiter.api.Test
    void primingOnlyReads() {
        RequestCounter counter = new RequestCounter();
        new MissedCallWiring(clock, counter.dynamo(), "OpsTable", counter.sqs(), queues.get("OutboundSmsQueue"),
                TestAws.SETTINGS).warmUp();
        assertTrue(!counter.operations().isEmpty(), "priming reached the table");
        assertTrue(java.util.Set.of("DynamoDb.GetItem", "DynamoDb.BatchGetItem", "DynamoDb.Query", "Sqs.GetQueueAttributes").containsAll(counter.operations()), "only reads: " + counter.operations());
    }
}
