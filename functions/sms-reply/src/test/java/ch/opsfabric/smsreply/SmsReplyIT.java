package ch.opsfabric.smsreply;

import ch.opsfabric.testing.RequestCounter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.opsfabric.intake.FormRefs;
import ch.opsfabric.json.Json;
import ch.opsfabric.messaging.OutboundSms;
import ch.opsfabric.messaging.SmsKind;
import ch.opsfabric.phone.PhoneNumbers;
import ch.opsfabric.tenant.Tenant;
import ch.opsfabric.testing.ApiGatewayEvents;
import ch.opsfabric.testing.Fixtures;
import ch.opsfabric.testing.MutableClock;
import ch.opsfabric.testing.QueueReader;
import ch.opsfabric.testing.TestAws;
import ch.opsfabric.testing.TestData;
import ch.opsfabric.ticket.NewContact;
import ch.opsfabric.ticket.Ticket;
import ch.opsfabric.ticket.TicketSource;
import ch.opsfabric.ticket.TicketStatus;
import ch.opsfabric.ticket.Urgency;
import ch.opsfabric.webhook.FormBody;
import ch.opsfabric.webhook.OpsFabricSignature;
import ch.opsfabric.webhook.TwilioSignature;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SmsReplyIT {

    private static final Instant EVENING = Instant.parse("2026-11-25T21:40:00Z");
    private static final String CALLER = "+41795556161";

    private final Map<String, String> queues = TestAws.freshQueues();
    private final MutableClock clock = new MutableClock(EVENING);
    private final TestData app = TestAws.data();
    private final Tenant tenant = TestAws.newTenant(app.tenants(), "");
    private final String line = tenant.config().phoneLines().get(0);
    private final SmsReplyHandler handler = new SmsReplyHandler(new SmsReplyWiring(clock, TestAws.aws().dynamo(),
            TestAws.aws().tableName("OpsTable"), TestAws.aws().sqs(), queues.get("OutboundSmsQueue"), TestAws.SETTINGS));

    private Ticket missedCall(String from) {
        return app.intake().record(tenant, new NewContact(tenant.id(), PhoneNumbers.require(from), TicketSource.MISSED_CALL,
                Urgency.MEDIUM, TicketStatus.NEEDS_CALLBACK, null, null, null, null, "Verpasster Anruf", Map.of(),
                clock.instant(), "generic:" + UUID.randomUUID())).ticket();
    }

    private APIGatewayV2HTTPResponse reply(String from, String text, String messageId) {
        String body = Json.write(Json.object().put("from", from).put("to", line).put("text", text)
                .put("messageId", messageId).put("at", clock.instant().toString()));
        return handler.handle(ApiGatewayEvents.signedJson("/api/webhook/sms-reply", body));
    }

    private static String outcome(APIGatewayV2HTTPResponse response) {
        return ApiGatewayEvents.outcome(response);
    }

    private List<OutboundSms> sent() {
        return QueueReader.drain(queues.get("OutboundSmsQueue"));
    }

    @Test
    void oneMakesItUrgentAlertsTheOwnerAndConfirms() {
        Ticket ticket = missedCall(CALLER);
        assertEquals("urgent", outcome(reply(CALLER, " 1 ", "m1")));
        Ticket after = app.tickets().find(tenant.id(), ticket.id()).orElseThrow();
        assertEquals(Urgency.HIGH, after.urgency());
        assertEquals(2, after.contactCount());
        List<OutboundSms> sms = sent();
        assertEquals(2, sms.size());
        OutboundSms alert = sms.stream().filter(s -> s.kind() == SmsKind.URGENT_ALERT).findFirst().orElseThrow();
        assertEquals("+41795550101", alert.to());
        assertEquals(Urgency.HIGH, alert.urgency());
        assertTrue(alert.text().contains(CALLER) && alert.text().contains(ticket.reference()), alert.text());
        OutboundSms confirmation = sms.stream().filter(s -> s.to().equals(CALLER)).findFirst().orElseThrow();
        assertTrue(confirmation.text().contains("dringend"), confirmation.text());

        assertEquals("duplicate", outcome(reply(CALLER, " 1 ", "m1")));
        assertEquals(2, app.tickets().find(tenant.id(), ticket.id()).orElseThrow().contactCount());
        assertEquals(2, sent().stream().map(OutboundSms::idempotencyKey).distinct().count(),
                "a replay queues nothing under a new key");
    }

    @Test
    void replyAfterMidnightStillFindsTheEveningTicket() {
        Ticket ticket = missedCall(CALLER);
        clock.set(Instant.parse("2026-11-25T23:20:00Z"));
        assertEquals("callback", outcome(reply(CALLER, "2", "m2")));
        assertEquals(2, app.tickets().find(tenant.id(), ticket.id()).orElseThrow().contactCount());
        assertTrue(sent().get(0).text().contains("zurück"));
    }

    @Test
    void threeSendsAFormLinkForTheSameTicket() {
        Ticket ticket = missedCall(CALLER);
        assertEquals("form_link", outcome(reply(CALLER, "Drei.", "m3")));
        String text = sent().get(0).text();
        String prefix = "http://localhost:3000/" + tenant.slug() + "/anfrage?ref=";
        assertTrue(text.contains(prefix), text);
        String token = text.substring(text.indexOf(prefix) + prefix.length()).strip();
        FormRefs.FormRef ref = app.formRefs().resolve(token, clock.instant()).orElseThrow();
        assertEquals(ticket.id(), ref.ticketId());
        assertEquals(tenant.id(), ref.tenantId());
        assertTrue(app.formRefs().resolve(token, clock.instant().plus(Duration.ofDays(15))).isEmpty(), "expires");
    }

    @Test
    void stopSilencesWithOneConfirmationAndStartUndoesIt() {
        assertEquals("opted_out", outcome(reply(CALLER, "Stop.", "s1")));
        assertEquals("duplicate", outcome(reply(CALLER, "STOPP", "s2")));
        List<OutboundSms> sms = sent();
        assertEquals(1, sms.size());
        assertEquals(SmsKind.OPT_OUT_CONFIRMATION, sms.get(0).kind());
        assertTrue(app.optOuts().isOptedOut(tenant.id(), CALLER));
        assertEquals("opted_in", outcome(reply(CALLER, "START", "s3")));
        assertTrue(!app.optOuts().isOptedOut(tenant.id(), CALLER));
        assertEquals(SmsKind.OPT_IN_CONFIRMATION, sent().get(0).kind());
    }

    @Test
    void freeTextIsStoredAndAcknowledgedAtMostOnceAnHour() {
        assertEquals("stored", outcome(reply(CALLER, "Die Heizung tropft, bitte morgen kommen", "f1")));
        Ticket ticket = app.tickets().list(tenant.id(), null, 10, null).tickets().get(0);
        assertEquals(TicketSource.SMS_REPLY, ticket.source());
        assertEquals("Die Heizung tropft, bitte morgen kommen", ticket.message());
        assertEquals(1, sent().size());
        clock.advance(Duration.ofMinutes(5));
        assertEquals("stored", outcome(reply(CALLER, "Noch etwas: Keller", "f2")));
        assertEquals(0, sent().size(), "no second acknowledgement within the hour");
        assertEquals(2, app.tickets().find(tenant.id(), ticket.id()).orElseThrow().contactCount());
    }

    @Test
    void autoRepliesAreNeverAnswered() {
        missedCall(CALLER);
        assertEquals("stored", outcome(reply(CALLER, "Automatische Antwort: Ich bin bis Montag abwesend.", "x1")));
        assertTrue(sent().isEmpty());
    }

    @Test
    void twilioInboundFixture() {
        String form = Fixtures.text("twilio/sms-inbound.form").replace("%2B41445550100", line.replace("+", "%2B"));
        String path = "/api/webhook/sms-reply/twilio";
        String signature = TwilioSignature.sign("dev-twilio-token", "http://localhost:3000" + path,
                FormBody.parse(form, StandardCharsets.UTF_8).pairs());
        APIGatewayV2HTTPEvent event = ApiGatewayEvents.request("POST", path, path,
                Map.of("content-type", "application/x-www-form-urlencoded", "x-twilio-signature", signature), form);
        APIGatewayV2HTTPResponse response = handler.handle(event);
        assertEquals(200, response.getStatusCode(), response.getBody());
        assertEquals("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>", response.getBody());
        assertEquals("Ja bitte, rufen Sie mich morgen ab 10 Uhr zurück. Danke!",
                app.tickets().list(tenant.id(), null, 10, null).tickets().get(0).message());
        event.getHeaders().put("x-twilio-signature", "AAAA" + signature.substring(4));
        assertEquals(403, handler.handle(event).getStatusCode());
    }

    private APIGatewayV2HTTPResponse ecall(String method, String token, String params) {
        String path = "/api/webhook/sms-reply/ecall/" + token;
        APIGatewayV2HTTPEvent event = ApiGatewayEvents.request(method, "/api/webhook/sms-reply/ecall/{token}", path,
                method.equals("POST") ? Map.of("content-type", "application/x-www-form-urlencoded") : Map.of(),
                method.equals("POST") ? params : null);
        event.setPathParameters(Map.of("token", token));
        event.getRequestContext().getHttp().setMethod(method);
        if (method.equals("GET")) {
            event.setRawQueryString(params);
        }
        return handler.handle(event);
    }

    @Test
    void ecallCallbacksInWindows1252ByGetAndPost() {
        String params = Fixtures.text("ecall/answer-callback.query").replace("0041445550100", "00" + line.substring(1));
        assertEquals(200, ecall("GET", "dev-ecall-token", params).getStatusCode());
        Ticket ticket = app.tickets().list(tenant.id(), null, 10, null).tickets().get(0);
        assertEquals("Ja gerne, Termin am Donnerstag passt. Grüsse, Anna", ticket.message());
        assertEquals("+41795550123", ticket.phone());
        assertEquals(200, ecall("POST", "dev-ecall-token", params).getStatusCode());
        assertEquals(1, app.tickets().find(tenant.id(), ticket.id()).orElseThrow().contactCount(),
                "the same answer by POST is the same message");
        assertEquals(403, ecall("GET", "wrong-token", params).getStatusCode());
        assertEquals(400, ecall("GET", "dev-ecall-token", params.replace("TimeStamp=11%2E03", "TimeStamp=xx")).getStatusCode());
    }

    @Test
    void unsignedOrUnknownIsRefusedAndStoresNothing() {
        String body = "{\"from\":\"" + CALLER + "\",\"to\":\"" + line + "\",\"text\":\"1\",\"messageId\":\"u1\"}";
        assertEquals(401, handler.handle(ApiGatewayEvents.request("POST", "/api/webhook/sms-reply",
                "/api/webhook/sms-reply", Map.of("content-type", "application/json"), body)).getStatusCode());
        String unknownLine = body.replace(line, "+41445559998");
        assertEquals(404, handler.handle(ApiGatewayEvents.request("POST", "/api/webhook/sms-reply",
                "/api/webhook/sms-reply", Map.of("content-type", "application/json", "x-opsfabric-signature",
                        OpsFabricSignature.sign("dev-webhook-secret", unknownLine.getBytes(StandardCharsets.UTF_8))),
                unknownLine)).getStatusCode());
        assertEquals(400, outcomeStatus(reply("hello", "1", "u2")));
        assertTrue(app.tickets().list(tenant.id(), null, 10, null).tickets().isEmpty());
        assertTrue(sent().isEmpty());
    }

    private static int outcomeStatus(APIGatewayV2HTTPResponse response) {
        return response.getStatusCode();
    }

    /** SnapStart priming runs the request path but only reads: a snapshot is restored many times. */
    @org.junit.jupiter.api.Test
    void primingOnlyReads() {
        RequestCounter counter = new RequestCounter();
        new SmsReplyWiring(clock, counter.dynamo(), "OpsTable", counter.sqs(), queues.get("OutboundSmsQueue"),
                TestAws.SETTINGS).warmUp();
        assertTrue(!counter.operations().isEmpty(), "priming reached the table");
        assertTrue(java.util.Set.of("DynamoDb.GetItem", "DynamoDb.BatchGetItem", "DynamoDb.Query", "Sqs.GetQueueAttributes").containsAll(counter.operations()), "only reads: " + counter.operations());
    }
}
