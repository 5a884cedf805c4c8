package ch.opsfabric.store;

import ch.opsfabric.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Opaque page cursors: the last evaluated key (string attributes only) as base64url JSON. */
final class Cursors {

    private Cursors() {
    }

    static String encode(Map<String, AttributeValue> lastKey) {
        if (lastKey == null || lastKey.isEmpty()) {
            return null;
        }
        ObjectNode node = Json.object();
        lastKey.forEach((k, v) -> node.put(k, v.s()));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Json.write(node).getBytes(StandardCharsets.UTF_8));
    }

    /** @throws IllegalArgumentException for anything that is not a cursor this class made */
    static Map<String, AttributeValue> decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        JsonNode node;
        try {
            node = Json.parse(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid cursor", e);
        }
        if (!node.isObject() || !node.has(Keys.PK) || !node.has(Keys.SK)) {
            throw new IllegalArgumentException("invalid cursor");
        }
        Map<String, AttributeValue> key = new HashMap<>();
        node.fields().forEachRemaining(e -> key.put(e.getKey(), AttributeValue.fromS(e.getValue().asText())));
        return key;
    }
}
