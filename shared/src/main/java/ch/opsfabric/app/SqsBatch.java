package ch.opsfabric.app;

import ch.opsfabric.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The part of Lambda's SQS event a queue consumer reads ({@code Records[].messageId} and
 * {@code .body}), and the partial-batch answer ({@code {"batchItemFailures":[{"itemIdentifier":…}]}}).
 */
public record SqsBatch(List<Message> messages) {

    /**
     * @param receiptHandle what a visibility change names the message by; null when absent
     * @param receiveCount  {@code attributes.ApproximateReceiveCount}: 1 on the first delivery
     */
    public record Message(String messageId, String body, String receiptHandle, int receiveCount) {

        public Message(String messageId, String body) {
            this(messageId, body, null, 1);
        }
    }

    /** @throws IOException when the event is not an SQS event: the whole batch then retries */
    public static SqsBatch read(InputStream in) throws IOException {
        return read(Json.MAPPER.readTree(in));
    }

    /** @throws IOException when the event is not an SQS event: the whole batch then retries */
    public static SqsBatch read(JsonNode event) throws IOException {
        if (event == null || !event.path("Records").isArray()) {
            throw new IOException("not an SQS event: no Records array");
        }
        List<Message> messages = new ArrayList<>();
        for (JsonNode record : event.get("Records")) {
            String id = record.path("messageId").asText(null);
            if (id == null) {
                throw new IOException("an SQS record without messageId");
            }
            // a null body stays null: delivery keeps it for the DLQ instead of guessing
            messages.add(new Message(id, record.path("body").isTextual() ? record.get("body").asText() : null,
                    record.path("receiptHandle").asText(null),
                    Math.max(1, record.path("attributes").path("ApproximateReceiveCount").asInt(1))));
        }
        return new SqsBatch(List.copyOf(messages));
    }

    /** Whether a function that takes several kinds of event got an SQS one. */
    public static boolean isSqs(JsonNode event) {
        return event != null && event.path("Records").isArray()
                && "aws:sqs".equals(event.path("Records").path(0).path("eventSource").asText("aws:sqs"));
    }

    public static byte[] failures(List<String> messageIds) {
        ObjectNode answer = Json.object();
        ArrayNode failures = answer.putArray("batchItemFailures");
        messageIds.forEach(id -> failures.addObject().put("itemIdentifier", id));
        return Json.write(answer).getBytes(StandardCharsets.UTF_8);
    }
}
