package ch.opsfabric.messaging;

import ch.opsfabric.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * One e-mail to send, as it travels through the outbound queue ({@code "channel":"email"}). The
 * text is final; the sender's address is the deployment's, the name and {@code replyTo} are the
 * tenant's, so the customer's answer comes back to the tenant's inbound address and threads.
 *
 * @param messageId  our {@code Message-ID} for it, {@code <…@…>}: a reply's {@code In-Reply-To} finds the ticket by it
 * @param inReplyTo  the customer's {@code Message-ID} this answers; may be null
 * @param purpose    {@code email_confirmation}, …
 */
public record OutboundEmail(
        String tenantId,
        String to,
        String toName,
        String fromName,
        String replyTo,
        String subject,
        String text,
        String messageId,
        String inReplyTo,
        String purpose,
        String idempotencyKey,
        String ticketId,
        Instant createdAt) implements OutboundMessage {

    public static final String CHANNEL = "email";

    public OutboundEmail {
        for (String[] required : new String[][] {{tenantId, "tenantId"}, {to, "to"}, {fromName, "fromName"},
                {subject, "subject"}, {text, "text"}, {messageId, "messageId"}, {purpose, "purpose"},
                {idempotencyKey, "idempotencyKey"}}) {
            if (required[0] == null || required[0].isBlank()) {
                throw new IllegalArgumentException(required[1] + " is required");
            }
        }
        if (createdAt == null) {
            throw new IllegalArgumentException("createdAt is required");
        }
        if (idempotencyKey.length() > 200) {
            throw new IllegalArgumentException("idempotencyKey too long");
        }
    }

    @Override
    public String kindName() {
        return purpose;
    }

    public String toJson() {
        ObjectNode node = Json.object().put("channel", CHANNEL)
                .put("tenantId", tenantId).put("to", to).put("fromName", fromName)
                .put("subject", subject).put("text", text).put("messageId", messageId).put("purpose", purpose)
                .put("idempotencyKey", idempotencyKey).put("createdAt", createdAt.toString());
        putIfPresent(node, "toName", toName);
        putIfPresent(node, "replyTo", replyTo);
        putIfPresent(node, "inReplyTo", inReplyTo);
        putIfPresent(node, "ticketId", ticketId);
        return Json.write(node);
    }

    /** @throws IllegalArgumentException when the body is not an outbound e-mail */
    public static OutboundEmail fromJson(JsonNode node) {
        try {
            return new OutboundEmail(text(node, "tenantId"), text(node, "to"), text(node, "toName"),
                    text(node, "fromName"), text(node, "replyTo"), text(node, "subject"), text(node, "text"),
                    text(node, "messageId"), text(node, "inReplyTo"), text(node, "purpose"),
                    text(node, "idempotencyKey"), text(node, "ticketId"), Instant.parse(node.path("createdAt").asText()));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not an outbound e-mail: " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }
}
