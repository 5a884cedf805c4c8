package ch.opsfabric.infra.local;

import ch.opsfabric.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The language model for the local stack ({@code OPENAI_BASE_URL}): OpenAI's Chat Completions wire
 * format, {@code POST /openai/v1/chat/completions} with the dev bearer key. Each request takes the
 * next scripted turn ({@code PUT /_local/model {"turns":[{"text","tools":[{"name","arguments"}],
 * "delayMs"}]}}); with none scripted it notes the caller's last words and ends the call, so a
 * call by hand always finishes.
 */
final class LocalModelServer {

    static final String API_KEY = "dev-openai-key";

    private final ConcurrentLinkedQueue<JsonNode> turns = new ConcurrentLinkedQueue<>();
    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();

    /** Replaces the script. */
    void script(JsonNode body) {
        turns.clear();
        body.path("turns").forEach(turns::add);
    }

    List<JsonNode> requests() {
        return List.copyOf(requests);
    }

    void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("POST") || !exchange.getRequestURI().getPath().endsWith("/v1/chat/completions")) {
                answer(exchange, 404, "{\"error\":{\"message\":\"unknown route\"}}");
                return;
            }
            if (!("Bearer " + API_KEY).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                answer(exchange, 401, "{\"error\":{\"message\":\"Incorrect API key provided\",\"code\":\"invalid_api_key\"}}");
                return;
            }
            JsonNode request = Json.parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            requests.add(request);
            JsonNode turn = turns.poll();
            if (turn == null) {
                JsonNode messages = request.path("messages");
                String last = messages.path(messages.size() - 1).path("content").asText("");
                turn = Json.parse("{\"text\":\"Vielen Dank, ich habe das notiert. Das Team meldet sich bei Ihnen. Auf Wiederhören.\","
                        + "\"tools\":[{\"name\":\"record_request\",\"arguments\":" + Json.MAPPER.valueToTree(
                                Json.write(Json.object().put("concern", last).put("summary", last))) + "},{\"name\":\"end_call\"}]}");
            }
            long delay = turn.path("delayMs").asLong(0);
            if (delay > 0) {
                try {
                    Thread.sleep(delay);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            ObjectNode message = Json.object().put("role", "assistant").put("content", turn.path("text").asText(""));
            ArrayNode calls = message.putArray("tool_calls");
            int n = 0;
            for (JsonNode tool : turn.path("tools")) {
                calls.addObject().put("id", "call_" + (++n)).put("type", "function").putObject("function")
                        .put("name", tool.path("name").asText()).put("arguments", tool.path("arguments").asText("{}"));
            }
            ObjectNode answer = Json.object().put("id", "chatcmpl-local").put("object", "chat.completion")
                    .put("model", request.path("model").asText());
            answer.putArray("choices").addObject().put("index", 0).put("finish_reason", n > 0 ? "tool_calls" : "stop")
                    .set("message", message);
            answer(exchange, 200, Json.write(answer));
        } catch (IOException clientGone) {
            // the function stopped waiting (its timeout): nothing left to answer
        }
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("content-type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
