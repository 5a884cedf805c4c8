package ch.opsfabric.messaging;

import ch.opsfabric.json.Json;
import ch.opsfabric.ticket.Urgency;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One WhatsApp message to send, on the outbound queue ({@code "channel":"whatsapp"}), with the SMS
 * it becomes when WhatsApp may not or cannot carry it: outside the 24-hour customer-service window
 * without an approved template for its purpose, or refused by Meta for good.
 *
 * @param buttons  reply buttons (at most 3, titles of at most 20 characters); empty for plain text
 * @param smsText  the text of the SMS it falls back to
 */
public record OutboundWhatsApp(
        String tenantId,
        String to,
        SmsKind kind,
        Urgency urgency,
        String text,
        List<Button> buttons,
        String smsText,
        String idempotencyKey,
        String ticketId,
        Instant createdAt) implements OutboundMessage {

    public static final String CHANNEL = "whatsapp";

    public record Button(String id, String title) {
        public Button {
            if (id == null || id.isBlank() || title == null || title.isBlank() || title.length() > 20) {
                throw new IllegalArgumentException("a reply button needs an id and a title of at most 20 characters");
            }
        }
    }

    public OutboundWhatsApp {
        buttons = buttons == null ? List.of() : List.copyOf(buttons);
        if (buttons.size() > 3) {
            throw new IllegalArgumentException("at most three reply buttons");
        }
        for (String[] required : new String[][] {{tenantId, "tenantId"}, {to, "to"}, {text, "text"},
                {smsText, "smsText"}, {idempotencyKey, "idempotencyKey"}}) {
            if (required[0] == null || required[0].isBlank()) {
                throw new IllegalArgumentException(required[1] + " is required");
            }
        }
        if (kind == null || urgency == null || createdAt == null) {
            throw new IllegalArgumentException("kind, urgency and createdAt are required");
        }
    }

    @Override
    public String kindName() {
        return kind.wireName();
    }

    /** The SMS this becomes; its own idempotency key, so the ledger tells the two apart. */
    public OutboundSms asSms() {
        return new OutboundSms(tenantId, to, smsText, kind, urgency, idempotencyKey + ":sms", ticketId, createdAt);
    }

    public String toJson() {
        ObjectNode node = Json.object().put("channel", CHANNEL).put("tenantId", tenantId).put("to", to)
                .put("kind", kind.wireName()).put("urgency", urgency.name()).put("text", text).put("smsText", smsText)
                .put("idempotencyKey", idempotencyKey).put("createdAt", createdAt.toString());
        ArrayNode list = node.putArray("buttons");
        buttons.forEach(b -> list.addObject().put("id", b.id()).put("title", b.title()));
        if (ticketId != null) {
            node.put("ticketId", ticketId);
        }
        return Json.write(node);
    }

    /** @throws IllegalArgumentException when it is not an outbound WhatsApp message */
    public static OutboundWhatsApp fromJson(JsonNode node) {
        try {
            List<Button> buttons = new ArrayList<>();
            node.path("buttons").forEach(b -> buttons.add(new Button(b.path("id").asText(null), b.path("title").asText(null))));
            return new OutboundWhatsApp(node.path("tenantId").asText(null), node.path("to").asText(null),
                    SmsKind.fromWire(node.path("kind").asText("")), Urgency.parse(node.path("urgency").asText("MEDIUM")),
                    node.path("text").asText(null), buttons, node.path("smsText").asText(null),
                    node.path("idempotencyKey").asText(null),
                    node.hasNonNull("ticketId") ? node.get("ticketId").asText() : null,
                    Instant.parse(node.path("createdAt").asText()));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not an outbound WhatsApp message: " + e.getMessage(), e);
        }
    }
}
