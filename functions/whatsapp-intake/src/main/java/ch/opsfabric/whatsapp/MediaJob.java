package ch.opsfabric.whatsapp;

import ch.opsfabric.json.Json;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A file to fetch from Meta (or, with {@code url}, from Twilio), on the media queue: the webhook answers at once and the download
 * (two calls to Graph, one to S3) happens here, retried by the queue, then the DLQ.
 */
record MediaJob(String tenantId, String ticketId, String wamid, String mediaId, String mimeType, String sha256,
                String filename, String url) {

    /** A Cloud API file: Graph tells where it is. */
    MediaJob(String tenantId, String ticketId, String wamid, String mediaId, String mimeType, String sha256, String filename) {
        this(tenantId, ticketId, wamid, mediaId, mimeType, sha256, filename, null);
    }

    String toJson() {
        return Json.write(Json.object().put("tenantId", tenantId).put("ticketId", ticketId).put("wamid", wamid)
                .put("mediaId", mediaId).put("mimeType", mimeType).put("sha256", sha256).put("filename", filename)
                .put("url", url));
    }

    /** @throws IllegalArgumentException when it is not a media job */
    static MediaJob fromJson(String body) {
        JsonNode node = Json.parse(body);
        for (String field : new String[] {"tenantId", "ticketId", "wamid", "mediaId", "mimeType"}) {
            if (!node.path(field).isTextual()) {
                throw new IllegalArgumentException("not a media job: " + field + " missing");
            }
        }
        return new MediaJob(node.get("tenantId").asText(), node.get("ticketId").asText(), node.get("wamid").asText(),
                node.get("mediaId").asText(), node.get("mimeType").asText(),
                node.hasNonNull("sha256") ? node.get("sha256").asText() : null,
                node.hasNonNull("filename") ? node.get("filename").asText() : null,
                node.hasNonNull("url") ? node.get("url").asText() : null);
    }
}
