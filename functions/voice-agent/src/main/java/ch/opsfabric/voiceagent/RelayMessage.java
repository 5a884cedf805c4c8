package ch.opsfabric.voiceagent;

import ch.opsfabric.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;

/**
 * Twilio ConversationRelay's WebSocket messages: what Twilio sends ({@code setup}, {@code prompt},
 * {@code dtmf}, {@code interrupt}, {@code error}) read strictly, and what we send ({@code text},
 * {@code language}, {@code end}) written exactly. Only text crosses: Twilio listens and speaks.
 */
sealed interface RelayMessage {

    record Setup(String callSid, String from, String to, Map<String, String> customParameters) implements RelayMessage {
    }

    /** @param last false for a partial transcript; only a complete one is answered */
    record Prompt(String text, String lang, boolean last) implements RelayMessage {
    }

    record Dtmf(String digit) implements RelayMessage {
    }

    /** The caller spoke over us: {@code heard} is what of our answer they heard. */
    record Interrupt(String heard) implements RelayMessage {
    }

    record Error(String description) implements RelayMessage {
    }

    /** @throws IllegalArgumentException when it is not one of Twilio's messages */
    static RelayMessage read(String json) {
        JsonNode node = Json.parse(json);
        String type = node.path("type").asText("");
        return switch (type) {
            case "setup" -> {
                Map<String, String> parameters = new HashMap<>();
                node.path("customParameters").fields().forEachRemaining(e -> parameters.put(e.getKey(), e.getValue().asText()));
                yield new Setup(required(node, "callSid"), node.path("from").asText(""), required(node, "to"), parameters);
            }
            case "prompt" -> new Prompt(node.path("voicePrompt").asText(""), node.path("lang").asText(""),
                    node.path("last").asBoolean(true));
            case "dtmf" -> new Dtmf(required(node, "digit"));
            case "interrupt" -> new Interrupt(node.path("utteranceUntilInterrupt").asText(""));
            case "error" -> new Error(node.path("description").asText(""));
            default -> throw new IllegalArgumentException("not a ConversationRelay message: " + type);
        };
    }

    private static String required(JsonNode node, String field) {
        String value = node.path(field).asText("");
        if (value.isBlank()) {
            throw new IllegalArgumentException(field + " is missing");
        }
        return value;
    }

    /** {@code {"type":"text","token":…,"last":…}}: one spoken piece. */
    static String text(String token, boolean last) {
        return Json.write(Json.object().put("type", "text").put("token", token).put("last", last));
    }

    /** Switches what Twilio speaks and listens for, e.g. {@code en-US}. */
    static String language(String code) {
        return Json.write(Json.object().put("type", "language").put("ttsLanguage", code).put("transcriptionLanguage", code));
    }

    /** Ends the session; Twilio requests the {@code <Connect action>} URL with {@code handoffData}. */
    static String end(ObjectNode handoffData) {
        return Json.write(Json.object().put("type", "end").put("handoffData", Json.write(handoffData)));
    }
}
