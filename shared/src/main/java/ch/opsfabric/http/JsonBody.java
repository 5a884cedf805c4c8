package ch.opsfabric.http;

import ch.opsfabric.json.Json;
import com.fasterxml.jackson.databind.JsonNode;

/** Reads a JSON object body: right content type (415), bounded size (413), valid JSON object (400). */
public final class JsonBody {

    public static final int MAX_BYTES = 64 * 1024;

    private JsonBody() {
    }

    public static JsonNode requireObject(ApiRequest request) {
        if (!"application/json".equals(request.mediaType())) {
            throw new ApiException(415, "unsupported_media_type", "Bitte senden Sie die Daten als application/json.");
        }
        byte[] bytes = request.bodyBytes();
        if (bytes.length > MAX_BYTES) {
            throw new ApiException(413, "payload_too_large", "Die Anfrage ist zu gross (höchstens 64 KB).");
        }
        JsonNode node;
        try {
            node = Json.parse(request.bodyText());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("Der Inhalt ist kein gültiges JSON.");
        }
        if (!node.isObject()) {
            throw ApiException.badRequest("Erwartet wird ein JSON-Objekt.");
        }
        return node;
    }
}
