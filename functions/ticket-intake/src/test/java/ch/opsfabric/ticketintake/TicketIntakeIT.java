package ch.opsfabric.ticketintake;

import ch.opsfabric.testing.RequestCounter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.opsfabric.app.Settings;
import ch.opsfabric.json.Json;
import ch.opsfabric.messaging.OutboundSms;
import ch.opsfabric.messaging.SmsKind;
import ch.opsfabric.store.DynamoTenantDirectory;
import ch.opsfabric.tenant.Tenant;
import ch.opsfabric.testing.ApiGatewayEvents;
import ch.opsfabric.testing.TestAws;
import ch.opsfabric.testing.TestData;
import ch.opsfabric.ticket.Urgency;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

class TicketIntakeIT {

    private static final Instant NOW = Instant.parse("2026-11-26T08:15:00Z");

    private final Map<String, String> queues = TestAws.freshQueues();
    private final TestData app = TestAws.data();
    private final DynamoTenantDirectory directory = app.tenants();
    private final Tenant tenant = TestAws.newTenant(directory, "");
    private final TicketIntakeHandler handler = handler(1000);

    /** The function as Lambda builds it, on the emulators; a deferred SMS would be a failure here. */
    private TicketIntakeHandler handler(int ratePerMinute) {
        return new TicketIntakeHandler(new TicketIntakeWiring(Clock.fixed(NOW, ZoneOffset.UTC), TestAws.aws().dynamo(),
                TestAws.aws().tableName("OpsTable"), TestAws.aws().sqs(), queues.get("OutboundSmsQueue"),
                (sms, at, zone) -> {
                    throw new AssertionError("this test expects no deferred SMS");
                }, new Settings("http://localhost:3000", ratePerMinute, TestAws.DEV_SECRETS),
                new ch.opsfabric.testing.fakes.InMemoryAttachments()));
    }

    private APIGatewayV2HTTPResponse post(String body) {
        return post(body, "application/json");
    }

    private APIGatewayV2HTTPResponse post(String body, String contentType) {
        return handler.handle(ApiGatewayEvents.request("POST", "/api/ticket", "/api/ticket",
                Map.of("Content-Type", contentType), body));
    }

    private String body(String flow, String phone) {
        return Json.write(Json.object().put("slug", tenant.slug()).put("flow", flow).put("name", "Anna Muster")
                .put("phone", phone).put("message", "Heizung ist kalt").put("address", "Bahnhofstr. 1")
                .put("category", "Heizung").put("project", "Badsanierung"));
    }

    private APIGatewayV2HTTPResponse staff(String method, String routePath, String rawPath, String key, String body) {
        APIGatewayV2HTTPEvent event = ApiGatewayEvents.request(method, routePath, rawPath,
                key == null ? Map.of("content-type", "application/json")
                        : Map.of("authorization", "Bearer " + key, "content-type", "application/json"), body);
        if (rawPath.startsWith("/api/tickets/")) {
            event.setPathParameters(Map.of("id", rawPath.substring("/api/tickets/".length())));
        }
        return handler.handle(event);
    }

    private APIGatewayV2HTTPResponse list(String key, Map<String, String> query) {
        APIGatewayV2HTTPEvent event = ApiGatewayEvents.request("GET", "/api/tickets", "/api/tickets",
                Map.of("authorization", "Bearer " + key), null);
        event.setQueryStringParameters(query);
        return handler.handle(event);
    }

    private static JsonNode json(APIGatewayV2HTTPResponse response) {
        return Json.parse(response.getBody());
    }

    private List<OutboundSms> queued() {
        List<Message> messages = TestAws.aws().sqs().receiveMessage(b -> b.queueUrl(queues.get("OutboundSmsQueue"))
                .maxNumberOfMessages(10).waitTimeSeconds(1)).messages();
        return messages.stream().map(m -> OutboundSms.fromJson(m.body())).toList();
    }

    private int storedTickets() {
        return app.tickets().list(tenant.id(), null, 100, null).tickets().size();
    }

    @Test
    void fixtureEventCreatesAnUrgentTicketAndQueuesTheConfirmation() {
        APIGatewayV2HTTPEvent event = ApiGatewayEvents.fixture("create-ticket-notfall.json");
        event.setBody(event.getBody().replace("SLUG", tenant.slug()));
        APIGatewayV2HTTPResponse response = handler.handle(event);
        assertEquals(201, response.getStatusCode(), response.getBody());
        JsonNode body = json(response);
        assertEquals("HIGH", body.get("urgency").asText());
        assertEquals("NEW", body.get("status").asText());
        assertFalse(body.get("joined").asBoolean());
        assertTrue(body.get("reference").asText().matches("K-2611-[0-9A-Z]{4}"));
        assertEquals("2026-11-26T10:15:00Z", body.get("slaDueAt").asText());
        assertEquals("application/json; charset=utf-8", response.getHeaders().get("content-type"));

        List<OutboundSms> sms = queued();
        assertEquals(1, sms.size());
        assertEquals("+41795551234", sms.get(0).to());
        assertEquals(SmsKind.TICKET_CONFIRMATION, sms.get(0).kind());
        assertEquals(Urgency.HIGH, sms.get(0).urgency());
        assertTrue(sms.get(0).text().contains(body.get("reference").asText()), sms.get(0).text());
        assertTrue(sms.get(0).text().contains("144"), "urgent confirmation names the emergency numbers");
        assertEquals("Bahnhofstrasse 1, 8001 Zürich",
                app.tickets().find(tenant.id(), body.get("ticketId").asText()).orElseThrow().fields().get("address"));
    }

    @Test
    void secondRequestTheSameDayJoinsAndSendsNoSecondConfirmation() {
        APIGatewayV2HTTPResponse first = post(body("standard", "0795552222"));
        APIGatewayV2HTTPResponse second = post(body("standard", "+41 79 555 22 22"));
        assertEquals(201, first.getStatusCode());
        assertEquals(200, second.getStatusCode());
        assertTrue(json(second).get("joined").asBoolean());
        assertEquals(json(first).get("ticketId"), json(second).get("ticketId"));
        List<OutboundSms> sms = queued();
        assertEquals(2, sms.size(), "both queued, one idempotency key: sms-sender sends one");
        assertEquals(sms.get(0).idempotencyKey(), sms.get(1).idempotencyKey());
        assertEquals(1, storedTickets());
    }

    @Test
    void landlineGetsATicketButNoSms() {
        APIGatewayV2HTTPResponse response = post(body("offerte", "044 555 77 77"));
        assertEquals(201, response.getStatusCode());
        assertEquals("LOW", json(response).get("urgency").asText());
        assertFalse(json(response).get("smsConfirmation").asBoolean());
        assertTrue(queued().isEmpty());
    }

    @Test
    void validationErrorsAreGermanPerFieldAndStoreNothing() {
        APIGatewayV2HTTPResponse response = post(Json.write(Json.object().put("slug", tenant.slug())
                .put("flow", "reservierung").put("phone", "12").put("email", "nope").put("name", "")));
        assertEquals(400, response.getStatusCode());
        JsonNode errors = json(response).get("errors");
        assertEquals("Bitte wählen Sie, worum es geht.", errors.get("flow").asText());
        assertEquals("Bitte geben Sie Ihren Namen an.", errors.get("name").asText());
        assertTrue(errors.get("phone").asText().startsWith("Bitte geben Sie eine gültige Telefonnummer"));
        assertEquals("Bitte geben Sie eine gültige E-Mail-Adresse an.", errors.get("email").asText());
        assertEquals(0, storedTickets());
        assertTrue(queued().isEmpty());
    }

    @Test
    void badInputGetsItsStatusAndStoresNothing() {
        assertEquals(415, post(body("standard", "0795553333"), "text/plain").getStatusCode());
        assertEquals(415, post(body("standard", "0795553333"), "application/x-www-form-urlencoded").getStatusCode());
        assertEquals(400, post("{not json").getStatusCode());
        assertEquals(400, post("[1,2]").getStatusCode());
        assertEquals(400, post("").getStatusCode());
        String big = Json.write(Json.object().put("slug", tenant.slug()).put("flow", "standard")
                .put("name", "Anna").put("phone", "0795553333").put("message", "x".repeat(70_000)));
        APIGatewayV2HTTPResponse tooBig = post(big);
        assertEquals(413, tooBig.getStatusCode());
        assertEquals("payload_too_large", json(tooBig).get("error").asText());
        APIGatewayV2HTTPEvent brokenBase64 = ApiGatewayEvents.request("POST", "/api/ticket", "/api/ticket",
                Map.of("content-type", "application/json"), "%%%");
        brokenBase64.setIsBase64Encoded(true);
        assertEquals(400, handler.handle(brokenBase64).getStatusCode());
        assertEquals(0, storedTickets());
        assertTrue(queued().isEmpty());
    }

    @Test
    void base64BodiesAreDecoded() {
        APIGatewayV2HTTPEvent event = ApiGatewayEvents.request("POST", "/api/ticket", "/api/ticket",
                Map.of("content-type", "application/json"),
                Base64.getEncoder().encodeToString(body("standard", "0795554444").getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        event.setIsBase64Encoded(true);
        assertEquals(201, handler.handle(event).getStatusCode());
    }

    @Test
    void unknownSlugAndWizardOffAre404() {
        assertEquals(404, post(body("standard", "0795555555").replace(tenant.slug(), "gibt-es-nicht")).getStatusCode());
        Tenant wizardOff = TestAws.newTenant(directory, "\"x\":1");
        directory.put(new Tenant(wizardOff.id(), wizardOff.slug(), wizardOff.name(), wizardOff.branch(),
                ch.opsfabric.tenant.Modules.of(java.util.EnumSet.of(ch.opsfabric.tenant.Module.SMS)), wizardOff.config()),
                List.of());
        APIGatewayV2HTTPResponse off = post(body("standard", "0795555555").replace(tenant.slug(), wizardOff.slug()));
        assertEquals(404, off.getStatusCode());
        assertTrue(app.tickets().list(wizardOff.id(), null, 10, null).tickets().isEmpty());
    }

    @Test
    void honeypotLooksAcceptedButStoresAndSendsNothing() {
        String trapped = Json.write(((com.fasterxml.jackson.databind.node.ObjectNode) Json.parse(body("standard", "0795556666")))
                .put("website", "http://spam.example"));
        assertEquals(202, post(trapped).getStatusCode());
        assertEquals(0, storedTickets());
        assertTrue(queued().isEmpty());
    }

    @Test
    void rateLimitPerClientAddress() {
        TicketIntakeHandler strict = handler(2);
        APIGatewayV2HTTPEvent event = ApiGatewayEvents.request("POST", "/api/ticket", "/api/ticket",
                Map.of("content-type", "application/json"), body("standard", "0795557777"));
        event.getRequestContext().getHttp().setSourceIp("203.0.113." + (System.nanoTime() % 200));
        assertEquals(201, strict.handle(event).getStatusCode());
        assertEquals(200, strict.handle(event).getStatusCode());
        APIGatewayV2HTTPResponse limited = strict.handle(event);
        assertEquals(429, limited.getStatusCode());
        assertEquals("rate_limited", json(limited).get("error").asText());
    }

    @Test
    void staffApiListsGetsAndMovesTicketsOfItsOwnTenantOnly() {
        String id = json(post(body("standard", "0795558888"))).get("ticketId").asText();
        String key = "key-" + tenant.id();
        assertEquals(401, staff("GET", "/api/tickets", "/api/tickets", null, null).getStatusCode());
        assertEquals(401, staff("GET", "/api/tickets", "/api/tickets", "wrong-key", null).getStatusCode());

        JsonNode list = json(staff("GET", "/api/tickets", "/api/tickets", key, null));
        assertEquals(1, list.get("tickets").size());
        assertEquals(id, list.get("tickets").get(0).get("id").asText());
        assertEquals(200, staff("GET", "/api/tickets/{id}", "/api/tickets/" + id, key, null).getStatusCode());

        Tenant other = TestAws.newTenant(directory, "");
        String otherKey = "key-" + other.id();
        assertEquals(404, staff("GET", "/api/tickets/{id}", "/api/tickets/" + id, otherKey, null).getStatusCode());
        assertEquals(404, staff("PATCH", "/api/tickets/{id}", "/api/tickets/" + id, otherKey,
                "{\"status\":\"DONE\"}").getStatusCode());
        assertEquals(0, json(staff("GET", "/api/tickets", "/api/tickets", otherKey, null)).get("tickets").size());

        APIGatewayV2HTTPResponse done = staff("PATCH", "/api/tickets/{id}", "/api/tickets/" + id, key,
                "{\"status\":\"DONE\",\"note\":\"Thermostat ersetzt\"}");
        assertEquals(200, done.getStatusCode(), done.getBody());
        assertEquals("DONE", json(done).get("status").asText());
        assertEquals(NOW.toString(), json(done).get("firstResponseAt").asText());

        APIGatewayV2HTTPResponse back = staff("PATCH", "/api/tickets/{id}", "/api/tickets/" + id, key, "{\"status\":\"NEW\"}");
        assertEquals(409, back.getStatusCode());
        assertEquals("illegal_transition", json(back).get("error").asText());
        assertEquals(200, staff("PATCH", "/api/tickets/{id}", "/api/tickets/" + id, key, "{\"status\":\"DONE\"}").getStatusCode());
        assertEquals(400, staff("PATCH", "/api/tickets/{id}", "/api/tickets/" + id, key, "{\"status\":\"FERTIG\"}").getStatusCode());
        assertEquals(400, staff("PATCH", "/api/tickets/{id}", "/api/tickets/" + id, key, "{}").getStatusCode());
        assertEquals(1, json(list(key, Map.of("status", "DONE"))).get("tickets").size());
        assertEquals(0, json(list(key, Map.of("status", "new"))).get("tickets").size());
        assertEquals(400, list(key, Map.of("status", "FERTIG")).getStatusCode());
        assertEquals(400, list(key, Map.of("limit", "0")).getStatusCode());
        assertEquals(400, list(key, Map.of("cursor", "garbage")).getStatusCode());
    }

    /** SnapStart priming runs the request path but only reads: a snapshot is restored many times. */
    @org.junit.jupiter.api.Test
    void primingOnlyReads() {
        RequestCounter counter = new RequestCounter();
        new TicketIntakeWiring(Clock.fixed(NOW, ZoneOffset.UTC), counter.dynamo(), "OpsTable", counter.sqs(),
                queues.get("OutboundSmsQueue"), (sms, at, zone) -> {
                    throw new AssertionError("priming defers nothing");
                }, TestAws.SETTINGS, new ch.opsfabric.testing.fakes.InMemoryAttachments()).warmUp();
        assertTrue(!counter.operations().isEmpty(), "priming reached the table");
        assertTrue(java.util.Set.of("DynamoDb.GetItem", "DynamoDb.BatchGetItem", "DynamoDb.Query", "Sqs.GetQueueAttributes").containsAll(counter.operations()), "only reads: " + counter.operations());
    }
}
