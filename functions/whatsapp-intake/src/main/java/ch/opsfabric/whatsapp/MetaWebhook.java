package ch.opsfabric.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The WhatsApp Cloud API's {@code messages} webhook, read strictly: {@code object} must be
 * {@code whatsapp_business_account}; every entry's changes, every change's messages and statuses
 * are read (Meta batches them). A shape that is not this is unreadable (400); a message type we
 * do not know is kept, as a note of what arrived.
 */
final class MetaWebhook {

    record Batch(List<InboundWhatsApp> messages, List<StatusUpdate> statuses) {
    }

    /** What Meta says became of one of our messages; {@code errorCode} only with {@code failed}. */
    record StatusUpdate(String wamid, String status, Instant at, String errorCode) {
    }

    private MetaWebhook() {
    }

    /** @throws IllegalArgumentException saying what is wrong */
    static Batch read(JsonNode body) {
        if (!body.isObject() || !"whatsapp_business_account".equals(body.path("object").asText())) {
            throw new IllegalArgumentException("object muss whatsapp_business_account sein.");
        }
        JsonNode entries = body.path("entry");
        if (!entries.isArray()) {
            throw new IllegalArgumentException("entry muss eine Liste sein.");
        }
        List<InboundWhatsApp> messages = new ArrayList<>();
        List<StatusUpdate> statuses = new ArrayList<>();
        for (JsonNode entry : entries) {
            JsonNode changes = entry.path("changes");
            if (!changes.isArray()) {
                throw new IllegalArgumentException("changes muss eine Liste sein.");
            }
            for (JsonNode change : changes) {
                if (!"messages".equals(change.path("field").asText())) {
                    continue;
                }
                JsonNode value = change.path("value");
                String phoneNumberId = text(value.path("metadata"), "phone_number_id");
                Map<String, String> names = new HashMap<>();
                for (JsonNode contact : array(value, "contacts")) {
                    names.put(contact.path("wa_id").asText(""), contact.path("profile").path("name").asText(null));
                }
                for (JsonNode message : array(value, "messages")) {
                    messages.add(message(phoneNumberId, message, names));
                }
                for (JsonNode status : array(value, "statuses")) {
                    JsonNode error = status.path("errors").path(0);
                    Instant at;
                    try {
                        at = Instant.ofEpochSecond(Long.parseLong(text(status, "timestamp")));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("timestamp muss Sekunden seit 1970 sein.");
                    }
                    statuses.add(new StatusUpdate(text(status, "id"), text(status, "status"), at,
                            error.isMissingNode() ? null : error.path("code").asText(null)));
                }
            }
        }
        return new Batch(List.copyOf(messages), List.copyOf(statuses));
    }

    private static InboundWhatsApp message(String phoneNumberId, JsonNode m, Map<String, String> names) {
        String from = text(m, "from");
        String id = text(m, "id");
        String type = text(m, "type");
        if (!from.matches("[1-9][0-9]{6,14}") || id.length() > 200) {
            throw new IllegalArgumentException("from muss eine Nummer sein und id eine Nachrichten-ID.");
        }
        Instant at;
        try {
            at = Instant.ofEpochSecond(Long.parseLong(text(m, "timestamp")));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("timestamp muss Sekunden seit 1970 sein.");
        }
        JsonNode part = m.path(type);
        String text;
        String choice = null;
        InboundWhatsApp.Media media = null;
        switch (type) {
            case "text" -> {
                text = part.path("body").asText("");
                choice = text.strip();
            }
            case "image", "document", "audio", "video", "sticker" -> {
                String caption = part.path("caption").asText(part.path("filename").asText(""));
                text = (label(type) + " " + caption).strip();
                media = new InboundWhatsApp.Media(text(part, "id"), part.path("mime_type").asText("application/octet-stream"),
                        part.path("sha256").asText(null), part.path("filename").asText(null), null);
            }
            case "location" -> {
                List<String> place = present(part.path("name").asText(""), part.path("address").asText(""));
                text = "Standort" + (place.isEmpty() ? "" : ": " + String.join(", ", place)) + " ("
                        + part.path("latitude").asText("?") + ", " + part.path("longitude").asText("?") + ")";
            }
            case "interactive" -> {
                JsonNode reply = part.has("button_reply") ? part.path("button_reply") : part.path("list_reply");
                text = reply.path("title").asText("");
                choice = reply.path("id").asText(null);
            }
            case "button" -> {
                text = part.path("text").asText("");
                choice = part.path("payload").asText(null);
            }
            default -> text = "[Nachricht vom Typ «" + type + "», hier nicht darstellbar]";
        }
        return new InboundWhatsApp(phoneNumberId, from, names.get(from), id, at, type, text, choice, media);
    }

    private static String label(String type) {
        return switch (type) {
            case "image" -> "[Foto]";
            case "document" -> "[Dokument]";
            case "audio" -> "[Sprachnachricht]";
            case "video" -> "[Video]";
            default -> "[Sticker]";
        };
    }

    private static List<String> present(String... values) {
        List<String> out = new ArrayList<>();
        for (String v : values) {
            if (!v.isBlank()) {
                out.add(v);
            }
        }
        return out;
    }

    private static JsonNode array(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
        }
        if (!value.isArray()) {
            throw new IllegalArgumentException(field + " muss eine Liste sein.");
        }
        return value;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException(field + " fehlt.");
        }
        return value.asText();
    }
}
