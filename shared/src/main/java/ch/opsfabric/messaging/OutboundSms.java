package ch.opsfabric.messaging;

import ch.opsfabric.json.Json;
import ch.opsfabric.ticket.Urgency;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * One SMS to send, as it travels through the outbound queue. The text is final (rendered by the
 * producer, who knows the context); {@code idempotencyKey} makes a redelivery harmless.
 *
 * @param ticketId may be null (e.g. an opt-out confirmation)
 */
public record OutboundSms(
        String tenantId,
        String to,
        String text,
        SmsKind kind,
        Urgency urgency,
        String idempotencyKey,
        String ticketId,
        Instant createdAt) implements OutboundMessage {

    public OutboundSms {
        requireText(tenantId, "tenantId");
        requireText(to, "to");
        requireText(text, "text");
        requireText(idempotencyKey, "idempotencyKey");
        if (kind == null || urgency == null || createdAt == null) {
            throw new IllegalArgumentException("kind, urgency and createdAt are required");
        }
        if (idempotencyKey.length() > 200) {
            throw new IllegalArgumentException("idempotencyKey too long");
        }
    }

    @Override
    public String kindName() {
        return kind.wireName();
    }

    public String toJson() {
        ObjectNode node = Json.object()
                .put("tenantId", tenantId)
                .put("to", to)
                .put("text", text)
                .put("kind", kind.wireName())
                .put("urgency", urgency.name())
                .put("idempotencyKey", idempotencyKey)
                .put("createdAt", createdAt.toString());
        if (ticketId != null) {
            node.put("ticketId", ticketId);
        }
        return Json.write(node);
    }

    /** @throws IllegalArgumentException when the body is not an outbound SMS */
    public static OutboundSms fromJson(String body) {
        JsonNode node = Json.parse(body);
        try {
            return new OutboundSms(
                    node.path("tenantId").asText(null),
                    node.path("to").asText(null),
                    node.path("text").asText(null),
                    SmsKind.fromWire(node.path("kind").asText("")),
                    Urgency.parse(node.path("urgency").asText("MEDIUM")),
                    node.path("idempotencyKey").asText(null),
                    node.hasNonNull("ticketId") ? node.get("ticketId").asText() : null,
                    Instant.parse(node.path("createdAt").asText()));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not an outbound SMS: " + e.getMessage(), e);
        }
    }

    private static void requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is required");
        }
    }
}
