package ch.opsfabric.whatsapp;

import ch.opsfabric.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The Graph API's media calls with the system user's bearer token: {@code GET
 * https://graph.facebook.com/<version>/<media-id>} answers {@code {url, mime_type, sha256,
 * file_size, id}}; the URL is fetched with the same token. 4xx but 408/429 is permanent.
 */
final class HttpGraphMedia implements GraphMedia {

    private final URI base;
    private final String accessToken;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3))
            .followRedirects(HttpClient.Redirect.NORMAL).build();

    /** @param base {@code https://graph.facebook.com/v21.0} in production */
    HttpGraphMedia(String base, String accessToken) {
        this.base = URI.create(base.replaceAll("/+$", "") + "/");
        this.accessToken = accessToken;
    }

    @Override
    public Info info(String mediaId) throws FetchException {
        if (!mediaId.matches("[0-9A-Za-z_-]{1,64}")) {
            throw new FetchException("not a media id", true);
        }
        HttpResponse<InputStream> response = get(base.resolve(mediaId));
        try (InputStream body = response.body()) {
            JsonNode json = Json.MAPPER.readTree(body.readNBytes(64 * 1024));
            if (!json.path("url").isTextual()) {
                throw new FetchException("Graph named no url for the media", true);
            }
            return new Info(json.get("url").asText(), json.path("mime_type").asText(""), json.path("file_size").asLong(-1),
                    json.path("sha256").asText(null));
        } catch (IOException e) {
            throw new FetchException("Graph's answer is unreadable: " + e.getClass().getSimpleName(), false);
        }
    }

    @Override
    public byte[] download(String url, long maxBytes) throws FetchException {
        URI uri = URI.create(url);
        if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())) {
            throw new FetchException("not a web address", true);
        }
        return GraphMedia.bounded(get(uri).body(), maxBytes);
    }

    private HttpResponse<InputStream> get(URI uri) throws FetchException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + accessToken).GET().build();
        HttpResponse<InputStream> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new FetchException("Graph not reachable: " + e.getClass().getSimpleName(), false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FetchException("interrupted", false);
        }
        int status = response.statusCode();
        if (status / 100 != 2) {
            try {
                response.body().close();
            } catch (IOException ignored) {
                // the status says all there is to say
            }
            boolean transientFailure = status >= 500 || status == 408 || status == 429;
            throw new FetchException("HTTP " + status + " from " + uri.getHost(), !transientFailure);
        }
        return response;
    }
}
