package ch.opsfabric.infra.local;

import ch.opsfabric.json.Json;
import ch.opsfabric.webhook.TwilioSignature;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * {@code infra/bench voice [turns]}: time to the first reply token after a caller's prompt, through
 * the local stack as Twilio drives it (socket → WebSocket API event → the function's JVM under the
 * runtime client → state read and written in the table → the model → PostToConnection → socket),
 * with the local model answering at once. What it prints is our own overhead; the model's
 * latency in production comes on top and is reported apart by the function's logs.
 */
public final class VoiceLatencyBench {

    private VoiceLatencyBench() {
    }

    public static void main(String[] args) throws Exception {
        int turns = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        try (LocalStack stack = LocalStack.start(0, java.util.Map.of(), line -> { })) {
            LocalHttp http = new LocalHttp(stack.baseUrl());
            StringBuilder script = new StringBuilder("{\"turns\":[");
            for (int i = 0; i < turns + 5; i++) {
                script.append(i == 0 ? "" : ",").append("{\"text\":\"Danke. Und wann passt es Ihnen?\"}");
            }
            http.send("PUT", "/_local/model", "application/json", script.append("]}").toString());
            LinkedBlockingQueue<String> heard = new LinkedBlockingQueue<>();
            WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                    .header("X-Twilio-Signature", TwilioSignature.sign("dev-twilio-token", stack.voiceSocketUrl(), List.of()))
                    .buildAsync(URI.create(stack.voiceSocketUrl()), new WebSocket.Listener() {
                        @Override
                        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                            heard.add(data.toString());
                            webSocket.request(1);
                            return null;
                        }
                    }).get(10, TimeUnit.SECONDS);
            socket.sendText(Json.write(Json.object().put("type", "setup").put("callSid", "CA" + "f".repeat(32))
                    .put("from", "+41795559999").put("to", "+41445550101")), true).join();
            List<Long> millis = new ArrayList<>();
            for (int i = 0; i < turns + 5; i++) {
                long start = System.nanoTime();
                socket.sendText(Json.write(Json.object().put("type", "prompt").put("voicePrompt", "Am Dienstag " + i)
                        .put("lang", "de-CH").put("last", true)), true).join();
                String message = heard.poll(10, TimeUnit.SECONDS);
                JsonNode first = message == null ? null : Json.parse(message);
                if (first == null || !"text".equals(first.path("type").asText())) {
                    throw new IllegalStateException("no reply token for turn " + i + ": " + message);
                }
                if (i >= 5) {
                    millis.add((System.nanoTime() - start) / 1_000_000);
                }
            }
            Collections.sort(millis);
            System.out.printf("voice: time to the first reply token after a prompt, %d turns after 5 warm-up turns, local model at 0 ms%n",
                    millis.size());
            System.out.printf("  p50 %d ms   p90 %d ms   p99 %d ms   min %d ms   max %d ms%n", at(millis, 0.50), at(millis, 0.90),
                    at(millis, 0.99), millis.get(0), millis.get(millis.size() - 1));
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bench").join();
        }
    }

    private static long at(List<Long> sorted, double quantile) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(quantile * sorted.size()) - 1));
    }
}
