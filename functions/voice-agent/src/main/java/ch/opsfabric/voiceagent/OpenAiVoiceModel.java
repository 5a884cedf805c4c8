package ch.opsfabric.voiceagent;

import ch.opsfabric.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * OpenAI's Chat Completions API with function calling: {@code POST /v1/chat/completions},
 * bearer key, {@code {"model","messages","tools":[{"type":"function","function":{…}}]}}; the
 * answer's {@code choices[0].message} has {@code content} and {@code tool_calls[].function
 * {name, arguments}}. A caller on the phone cannot wait: the timeout is short and a miss is a
 * {@link ModelException}, never a retry.
 */
final class OpenAiVoiceModel implements VoiceModel {

    private final URI endpoint;
    private final String apiKey;
    private final String model;
    private final Duration timeout;
    private final HttpClient http;

    /** @param base {@code https://api.openai.com} in production */
    OpenAiVoiceModel(String base, String apiKey, String model, Duration timeout) {
        this.endpoint = URI.create(base.replaceAll("/+$", "") + "/v1/chat/completions");
        this.apiKey = apiKey;
        this.model = model;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public Reply reply(List<Message> conversation) throws ModelException {
        ObjectNode body = Json.object().put("model", model).put("temperature", 0.3);
        ArrayNode messages = body.putArray("messages");
        conversation.forEach(m -> messages.addObject().put("role", m.role()).put("content", m.content()));
        body.set("tools", AgentTools.definitions());
        long started = System.nanoTime();
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(endpoint).timeout(timeout)
                    .header("Authorization", "Bearer " + apiKey).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(Json.write(body), StandardCharsets.UTF_8)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw new ModelException("no answer within " + timeout.toMillis() + " ms", e);
        } catch (IOException e) {
            throw new ModelException("model not reachable: " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelException("interrupted", e);
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        if (response.statusCode() / 100 != 2) {
            throw new ModelException("HTTP " + response.statusCode() + " from the model", null);
        }
        JsonNode message;
        try {
            message = Json.parse(response.body()).path("choices").path(0).path("message");
        } catch (IllegalArgumentException e) {
            throw new ModelException("the model's answer is unreadable", e);
        }
        List<ToolCall> calls = new ArrayList<>();
        for (JsonNode call : message.path("tool_calls")) {
            calls.add(new ToolCall(call.path("function").path("name").asText(""),
                    call.path("function").path("arguments").asText("{}")));
        }
        return new Reply(message.path("content").asText(""), List.copyOf(calls), millis);
    }
}
