package ch.opsfabric.infra.local;

import ch.opsfabric.json.Json;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Meta's Graph API media endpoints for the local stack ({@code META_GRAPH_BASE_URL}):
 * {@code GET /graph/<media-id>} answers where the file is, as Graph does
 * ({@code {url, mime_type, sha256, file_size, id, messaging_product}}), and
 * {@code GET /graph/media/<media-id>} the file: one small JPEG for every id. Both want the
 * dev bearer token, as Graph wants the system user's.
 */
final class LocalGraphApi {

    static final String ACCESS_TOKEN = "dev-meta-access-token";
    /** A 1×1 JPEG: what every media id is here. */
    static final byte[] SAMPLE_JPEG = Base64.getDecoder().decode(
            "/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////"
                    + "////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=");

    private final List<String> requested = new CopyOnWriteArrayList<>();

    /** The SHA-256 of the sample as the webhook names it: base64. */
    static String sampleSha256() {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(SAMPLE_JPEG));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    List<String> requested() {
        return List.copyOf(requested);
    }

    void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            requested.add(exchange.getRequestMethod() + " " + path);
            if (!exchange.getRequestMethod().equals("GET")) {
                answer(exchange, 405, "application/json", error("Unsupported request"));
                return;
            }
            if (!("Bearer " + ACCESS_TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                answer(exchange, 401, "application/json", error("Invalid OAuth access token."));
                return;
            }
            String rest = path.substring("/graph/".length());
            if (rest.startsWith("media/")) {
                answer(exchange, 200, "image/jpeg", SAMPLE_JPEG);
                return;
            }
            if (!rest.matches("[0-9]{1,32}")) {
                answer(exchange, 404, "application/json", error("Unsupported get request."));
                return;
            }
            String base = "http://" + exchange.getRequestHeaders().getFirst("Host") + "/graph/media/" + rest;
            answer(exchange, 200, "application/json", Json.write(Json.object().put("messaging_product", "whatsapp")
                    .put("url", base).put("mime_type", "image/jpeg").put("sha256", sampleSha256())
                    .put("file_size", SAMPLE_JPEG.length).put("id", rest)).getBytes(StandardCharsets.UTF_8));
        }
    }

    private static byte[] error(String message) {
        return Json.write(Json.object().set("error", Json.object().put("message", message).put("type", "OAuthException")
                .put("code", 190))).getBytes(StandardCharsets.UTF_8);
    }

    private static void answer(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("content-type", type);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
