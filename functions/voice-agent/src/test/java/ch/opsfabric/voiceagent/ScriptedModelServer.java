package ch.opsfabric.voiceagent;

import ch.opsfabric.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A model server on loopback that speaks OpenAI's Chat Completions wire format with scripted
 * turns: each request gets the next scripted answer (content and tool calls), after an optional
 * delay; every request is kept for the test to check exactly.
 */
final class ScriptedModelServer implements AutoCloseable {

    record Turn(String text, List<String[]> toolCalls, long delayMillis) {
        static Turn say(String text, String[]... tools) {
            return new Turn(text, List.of(tools), 0);
        }
    }

    final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Turn> script = new ConcurrentLinkedQueue<>();
    private final HttpServer server;

    ScriptedModelServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/chat/completions", exchange -> {
            try (exchange) {
                requests.add(Json.parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
                authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
                Turn turn = script.poll();
                if (turn == null) {
                    exchange.sendResponseHeaders(500, -1);
                    return;
                }
                if (turn.delayMillis() > 0) {
                    Thread.sleep(turn.delayMillis());
                }
                var message = Json.object().put("role", "assistant").put("content", turn.text());
                var calls = message.putArray("tool_calls");
                int n = 0;
                for (String[] call : turn.toolCalls()) {
                    calls.addObject().put("id", "call_" + (++n)).put("type", "function").putObject("function")
                            .put("name", call[0]).put("arguments", call.length > 1 ? call[1] : "{}");
                }
                var answer = Json.object().put("id", "chatcmpl-1").put("object", "chat.completion");
                answer.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop").set("message", message);
                byte[] bytes = Json.write(answer).getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("content-type", "application/json");
                exchange.sendResponseHeaders(200, bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException closedByTimeout) {
                // the client gave up waiting: that is what a delayed turn tests
            }
        });
        server.start();
    }

    ScriptedModelServer then(Turn turn) {
        script.add(turn);
        return this;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
