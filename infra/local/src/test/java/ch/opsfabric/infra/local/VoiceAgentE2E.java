package ch.opsfabric.infra.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.opsfabric.json.Json;
import ch.opsfabric.webhook.FormBody;
import ch.opsfabric.webhook.TwilioSignature;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The digital assistant end to end, as Twilio drives it: the voice webhook answers the
 * ConversationRelay TwiML, a WebSocket opened with Twilio's signature carries the call as text
 * through the local WebSocket API to the function in its own JVM, the local model answers in
 * OpenAI's wire format, and the call ends with a ticket of the caller's contact.
 */
class VoiceAgentE2E extends AgainstLocalStack {

    private static final String LINE = "+41445550101";

    /** A ConversationRelay client: what Twilio's side of the socket sends and hears. */
    private static final class Relay implements WebSocket.Listener {
        final LinkedBlockingQueue<JsonNode> heard = new LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();
        WebSocket socket;

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                heard.add(Json.parse(partial.toString()));
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        void send(String json) {
            socket.sendText(json, true).join();
        }

        JsonNode next() throws InterruptedException {
            JsonNode message = heard.poll(15, TimeUnit.SECONDS);
            if (message == null) {
                throw new AssertionError("the assistant said nothing");
            }
            return message;
        }
    }

    private static Relay open(String signature) throws Exception {
        Relay relay = new Relay();
        relay.socket = HttpClient.newHttpClient().newWebSocketBuilder().header("X-Twilio-Signature", signature)
                .buildAsync(URI.create(stack.voiceSocketUrl()), relay).get(10, TimeUnit.SECONDS);
        return relay;
    }

    private static String setup(String callSid, String from) {
        return Json.write(Json.object().put("type", "setup").put("sessionId", "VX" + callSid.substring(2))
                .put("callSid", callSid).put("from", from).put("to", LINE).put("direction", "inbound")
                .put("callStatus", "RINGING"));
    }

    private static String prompt(String text, String lang) {
        return Json.write(Json.object().put("type", "prompt").put("voicePrompt", text).put("lang", lang).put("last", true));
    }

    @Test
    void aCallNobodyTookGoesToTheAssistantWithTheDisclosure() {
        String form = "AccountSid=AC0123456789abcdef0123456789abcdef&CallSid=CA" + "e".repeat(32)
                + "&Called=%2B41445550101&From=%2B41795558801&To=%2B41445550101&DialCallStatus=no-answer";
        String path = "/api/webhook/voice/twilio";
        HttpResponse<String> twiml = http.send("POST", path, "application/x-www-form-urlencoded", form,
                "X-Twilio-Signature", TwilioSignature.sign("dev-twilio-token", stack.baseUrl() + path,
                        FormBody.parse(form, StandardCharsets.UTF_8).pairs()));
        assertEquals(200, twiml.statusCode(), twiml.body());
        assertTrue(twiml.body().contains("<Connect action=\"" + stack.baseUrl() + "/api/webhook/voice/twilio/after\">"), twiml.body());
        assertTrue(twiml.body().contains("<ConversationRelay url=\"" + stack.voiceSocketUrl() + "\" language=\"de-CH\" "
                + "dtmfDetection=\"true\""), twiml.body());
        assertTrue(twiml.body().contains("digitale Assistenz von Sanitär Keller AG. Das Gespräch wird nur als Text "
                + "mitgeschrieben, nicht aufgenommen. Mit der Taste 0 erreichen Sie einen Menschen."), twiml.body());
        assertTrue(!twiml.body().contains("<Record"), "no audio anywhere");
    }

    @Test
    void aHandwerkEmergencyOverTheSocketEndsWithAnUrgentVoiceTicket() throws Exception {
        http.send("PUT", "/_local/model", "application/json", """
                {"turns":[
                 {"text":"Das klingt dringend. Schliessen Sie wenn möglich den Haupthahn. An welcher Adresse ist das?",
                  "tools":[{"name":"record_request","arguments":"{\\"concern\\":\\"Wasser aus der Decke\\",\\"urgency\\":\\"high\\"}"}]},
                 {"text":"Danke. Ein Techniker ruft Sie sofort zurück. Auf Wiederhören.",
                  "tools":[{"name":"record_request","arguments":"{\\"address\\":\\"Seestrasse 12, Zürich\\",\\"summary\\":\\"Wasser aus der Decke, Seestrasse 12.\\"}"},
                           {"name":"end_call"}]}]}""");
        Relay relay = open(TwilioSignature.sign("dev-twilio-token", stack.voiceSocketUrl(), List.of()));
        relay.send(setup("CA" + "a".repeat(32), "+41795558802"));
        relay.send(prompt("Grüezi, bei mir läuft Wasser aus der Decke.", "de-CH"));
        JsonNode first = relay.next();
        assertEquals("text", first.get("type").asText());
        assertTrue(first.get("token").asText().contains("Haupthahn"));
        relay.send(prompt("Seestrasse 12 in Zürich", "de-CH"));
        assertEquals("text", relay.next().get("type").asText());
        JsonNode end = relay.next();
        assertEquals("end", end.get("type").asText());
        JsonNode handoff = Json.parse(end.get("handoffData").asText());
        assertEquals("completed", handoff.get("reason").asText());
        JsonNode ticket = null;
        for (JsonNode t : http.json(http.get("/_local/tickets/sanitaer-keller"))) {
            if ("+41795558802".equals(t.path("phone").asText())) {
                ticket = t;
            }
        }
        assertEquals("voice", ticket.get("source").asText());
        assertEquals("HIGH", ticket.get("urgency").asText());
        assertEquals(handoff.get("ticket").asText(), ticket.get("reference").asText());
        assertTrue(ticket.get("message").asText().contains("Anrufer: Seestrasse 12 in Zürich"));
        assertEquals("Seestrasse 12, Zürich", ticket.get("fields").get("address").asText());
        relay.socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
    }

    @Test
    void zeroHandsTheCallOverAndTheAfterActionDialsThePerson() throws Exception {
        Relay relay = open(TwilioSignature.sign("dev-twilio-token", stack.voiceSocketUrl(), List.of()));
        relay.send(setup("CA" + "b".repeat(32), "+41795558803"));
        relay.send("{\"type\":\"dtmf\",\"digit\":\"0\"}");
        JsonNode end = relay.next();
        assertEquals("caller_pressed_0", Json.parse(end.get("handoffData").asText()).get("reason").asText());
        String form = "AccountSid=AC0123456789abcdef0123456789abcdef&CallSid=CA" + "b".repeat(32)
                + "&Called=%2B41445550101&From=%2B41795558803&To=%2B41445550101&HandoffData="
                + java.net.URLEncoder.encode(end.get("handoffData").asText(), StandardCharsets.UTF_8);
        String path = "/api/webhook/voice/twilio/after";
        HttpResponse<String> twiml = http.send("POST", path, "application/x-www-form-urlencoded", form,
                "X-Twilio-Signature", TwilioSignature.sign("dev-twilio-token", stack.baseUrl() + path,
                        FormBody.parse(form, StandardCharsets.UTF_8).pairs()));
        assertTrue(twiml.body().contains("<Dial timeout=\"20\" action=\"" + stack.baseUrl() + "/api/webhook/missed-call/twilio\">"
                + "+41795550101</Dial>"), twiml.body());
    }

    @Test
    void aSocketWithoutTwiliosSignatureIsRefused() {
        ExecutionException refused = assertThrows(ExecutionException.class, () -> HttpClient.newHttpClient()
                .newWebSocketBuilder().header("X-Twilio-Signature", "bm90IGEgc2lnbmF0dXJl")
                .buildAsync(URI.create(stack.voiceSocketUrl()), new Relay()).get(10, TimeUnit.SECONDS));
        assertTrue(refused.getCause() instanceof java.net.http.WebSocketHandshakeException, String.valueOf(refused.getCause()));
        assertEquals(403, ((java.net.http.WebSocketHandshakeException) refused.getCause()).getResponse().statusCode());
    }

    @Test
    void aSlowModelGetsTheCallerAnApologyAndTheSmsMenu() throws Exception {
        http.send("PUT", "/_local/model", "application/json", "{\"turns\":[{\"text\":\"zu spät\",\"delayMs\":4000}]}");
        Relay relay = open(TwilioSignature.sign("dev-twilio-token", stack.voiceSocketUrl(), List.of()));
        relay.send(setup("CA" + "d".repeat(32), "+41795558804"));
        relay.send(prompt("Grüezi, ich hätte gern einen Termin.", "de-CH"));
        JsonNode sorry = relay.next();
        assertTrue(sorry.get("token").asText().startsWith("Entschuldigung"), sorry.toString());
        JsonNode end = relay.next();
        assertEquals("sms_menu", Json.parse(end.get("handoffData").asText()).get("fallback").asText());
        http.await("/_local/sms", list -> {
            for (JsonNode s : list) {
                if ("+41795558804".equals(s.path("to").asText()) && "missed_call_menu".equals(s.path("kind").asText())) {
                    return true;
                }
            }
            return false;
        }, Duration.ofSeconds(20));
        http.send("PUT", "/_local/model", "application/json", "{\"turns\":[]}");
    }
}
