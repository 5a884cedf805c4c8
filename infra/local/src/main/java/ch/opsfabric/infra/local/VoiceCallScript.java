package ch.opsfabric.infra.local;

import ch.opsfabric.json.Json;
import ch.opsfabric.webhook.TwilioSignature;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * {@code infra/voice-call [base-url]}: plays a scripted call to sanitaer-keller's assistant through
 * a running local stack, as Twilio's ConversationRelay would (a signed WebSocket, setup, the
 * caller's words as prompts), and prints the dialogue and the ticket it ended with.
 */
public final class VoiceCallScript {

    private static final List<String> CALLER = List.of(
            "Grüezi, bei mir läuft Wasser aus der Decke im Bad.",
            "An der Seestrasse 12 in Zürich.");

    private VoiceCallScript() {
    }

    public static void main(String[] args) throws Exception {
        String base = args.length > 0 ? args[0] : "http://localhost:3000";
        PrintStream out = System.out;
        HttpClient http = HttpClient.newHttpClient();
        String socket = Json.parse(http.send(HttpRequest.newBuilder(URI.create(base + "/_local/voice")).build(),
                HttpResponse.BodyHandlers.ofString()).body()).get("socket").asText();
        // the local model plays the assistant's part: two scripted turns
        http.send(HttpRequest.newBuilder(URI.create(base + "/_local/model")).header("content-type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("""
                        {"turns":[
                         {"text":"Das tut mir leid. Schliessen Sie wenn möglich den Haupthahn. An welcher Adresse ist das?",
                          "tools":[{"name":"record_request","arguments":"{\\"concern\\":\\"Wasser aus der Decke im Bad\\",\\"urgency\\":\\"high\\"}"}]},
                         {"text":"Danke. Ein Techniker ruft Sie in wenigen Minuten zurück. Auf Wiederhören.",
                          "tools":[{"name":"record_request","arguments":"{\\"address\\":\\"Seestrasse 12, Zürich\\",\\"summary\\":\\"Wasser aus der Decke im Bad, Seestrasse 12, Zürich.\\"}"},
                                   {"name":"end_call"}]}]}""", StandardCharsets.UTF_8)).build(), HttpResponse.BodyHandlers.ofString());
        LinkedBlockingQueue<JsonNode> heard = new LinkedBlockingQueue<>();
        WebSocket ws = http.newWebSocketBuilder()
                .header("X-Twilio-Signature", TwilioSignature.sign("dev-twilio-token", socket, List.of()))
                .buildAsync(URI.create(socket), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        heard.add(Json.parse(data.toString()));
                        webSocket.request(1);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        String caller = "+41795550199";
        ws.sendText(Json.write(Json.object().put("type", "setup").put("callSid", "CA" + "9".repeat(32)).put("from", caller)
                .put("to", "+41445550101")), true).join();
        out.println("Assistenz: (Begrüssung von Twilio gesprochen)");
        for (String line : CALLER) {
            out.println("Anrufer:   " + line);
            ws.sendText(Json.write(Json.object().put("type", "prompt").put("voicePrompt", line).put("lang", "de-CH")
                    .put("last", true)), true).join();
            while (true) {
                JsonNode message = heard.poll(15, TimeUnit.SECONDS);
                if (message == null) {
                    out.println("(keine Antwort)");
                    return;
                }
                if (message.path("type").asText().equals("text")) {
                    out.println("Assistenz: " + message.get("token").asText());
                    break;
                }
                if (message.path("type").asText().equals("end")) {
                    out.println("(Ende: " + message.get("handoffData").asText() + ")");
                    ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
                    return;
                }
            }
        }
        JsonNode end = heard.poll(15, TimeUnit.SECONDS);
        out.println("(Ende: " + (end == null ? "keine" : end.path("handoffData").asText()) + ")");
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
    }
}
