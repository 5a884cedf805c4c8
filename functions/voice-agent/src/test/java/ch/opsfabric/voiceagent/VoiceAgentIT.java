package ch.opsfabric.voiceagent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.opsfabric.json.Json;
import ch.opsfabric.store.DynamoTenantDirectory;
import ch.opsfabric.store.DynamoTicketStore;
import ch.opsfabric.store.SingleTable;
import ch.opsfabric.tenant.Tenant;
import ch.opsfabric.tenant.TenantJson;
import ch.opsfabric.testing.Fixtures;
import ch.opsfabric.testing.TestAws;
import ch.opsfabric.ticket.Ticket;
import ch.opsfabric.ticket.TicketSource;
import ch.opsfabric.webhook.TwilioSignature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The socket's function as API Gateway calls it: WebSocket event JSON through the handler's
 * stream, the call's state in dynalite between messages, the answers posted per connection.
 */
class VoiceAgentIT {

    private static final String SOCKET = "wss://voice.opsfabric.example/live";
    private static final String TOKEN = "test-auth-token-0123456789abcdef";

    private final SingleTable table = TestAws.table();
    private final ScriptedModelServer model;
    private final List<String[]> posted = new ArrayList<>();
    private final VoiceAgentHandler handler;
    private final Tenant tenant;

    VoiceAgentIT() throws Exception {
        model = new ScriptedModelServer();
        String id = "t-" + UUID.randomUUID().toString().substring(0, 8);
        String line = "+41445" + String.format("%06d", Math.floorMod(id.hashCode(), 1_000_000));
        tenant = TenantJson.read(Json.parse("""
                {"id":"%s","slug":"%s","name":"Sanitär Test","branch":"handwerk","modules":{"voice_agent":true},
                 "config":{"phoneLines":["%s"],"ownerMobile":"+41795550101","sms":{"provider":"console","sender":"Test"}}}"""
                .formatted(id, id, line)));
        new DynamoTenantDirectory(table, 0).put(tenant, List.of());
        handler = new VoiceAgentHandler(new VoiceAgentWiring(Clock.systemUTC(), TestAws.aws().dynamo(), table.tableName(),
                TestAws.aws().sqs(), TestAws.aws().queueUrl("OutboundSmsQueue"), "https://opsfabric.example",
                new OpenAiVoiceModel(model.baseUrl(), "sk-test", "gpt-4o-mini", Duration.ofSeconds(2)),
                (connection, message) -> posted.add(new String[] {connection, message}), SOCKET, TOKEN));
    }

    @AfterEach
    void stop() {
        model.close();
    }

    private int invoke(String routeKey, String connectionId, String body, String signature) throws Exception {
        ObjectNode event = Json.object();
        event.putObject("requestContext").put("routeKey", routeKey).put("connectionId", connectionId)
                .put("eventType", routeKey.equals("$connect") ? "CONNECT" : routeKey.equals("$disconnect") ? "DISCONNECT" : "MESSAGE")
                .put("domainName", "voice.opsfabric.example").put("stage", "live");
        if (signature != null) {
            event.putObject("headers").put("X-Twilio-Signature", signature);
        }
        if (body != null) {
            event.put("body", body);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(Json.write(event).getBytes(StandardCharsets.UTF_8)), out, null);
        return Json.parse(out.toString(StandardCharsets.UTF_8)).get("statusCode").asInt();
    }

    @Test
    void aSignedSocketCarriesTheWholeCallIntoATicket() throws Exception {
        String connection = "Conn" + UUID.randomUUID().toString().substring(0, 8) + "=";
        assertEquals(200, invoke("$connect", connection, null, TwilioSignature.sign(TOKEN, SOCKET, List.of())));
        model.then(ScriptedModelServer.Turn.say("An welcher Adresse ist das?",
                        new String[] {"record_request", "{\"concern\":\"Wasser läuft aus der Decke\",\"urgency\":\"high\"}"}))
                .then(ScriptedModelServer.Turn.say("Danke, wir rufen sofort zurück.",
                        new String[] {"record_request", "{\"address\":\"Seestrasse 12\"}"}, new String[] {"end_call"}));
        String setup = new String(Fixtures.bytes("twilio/conversationrelay/setup.json"), StandardCharsets.UTF_8)
                .replace("+41445550100", tenant.config().phoneLines().get(0));
        assertEquals(200, invoke("$default", connection, setup, null));
        assertEquals(200, invoke("$default", connection,
                new String(Fixtures.bytes("twilio/conversationrelay/prompt.json"), StandardCharsets.UTF_8), null));
        assertEquals(200, invoke("$default", connection,
                "{\"type\":\"prompt\",\"voicePrompt\":\"Seestrasse 12\",\"lang\":\"de-CH\",\"last\":true}", null));
        assertEquals(List.of("text", "text", "end"), posted.stream().map(p -> Json.parse(p[1]).get("type").asText()).toList());
        assertTrue(posted.stream().allMatch(p -> p[0].equals(connection)));
        JsonNode end = Json.parse(posted.get(2)[1]);
        Ticket ticket = new DynamoTicketStore(table).list(tenant.id(), null, 10, null).tickets().get(0);
        assertEquals(TicketSource.VOICE, ticket.source());
        assertEquals(ticket.reference(), Json.parse(end.get("handoffData").asText()).get("ticket").asText());
        assertEquals(200, invoke("$disconnect", connection, null, null));
    }

    @Test
    void aSocketWithoutTwiliosSignatureIsRefused() throws Exception {
        assertEquals(403, invoke("$connect", "c1", null, null));
        assertEquals(403, invoke("$connect", "c1", null, TwilioSignature.sign("guessed", SOCKET, List.of())));
        assertEquals(400, invoke("$default", "c1", "{\"type\":\"nonsense\"}", null));
        assertTrue(posted.isEmpty());
    }
}
