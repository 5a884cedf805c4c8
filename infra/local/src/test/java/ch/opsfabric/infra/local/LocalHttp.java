package ch.opsfabric.infra.local;

import ch.opsfabric.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;

/** A plain HTTP client against a running local stack, as a browser or a provider would call it. */
final class LocalHttp {

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    LocalHttp(String base) {
        this.base = base;
    }

    HttpResponse<String> send(String method, String path, String contentType, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** A POST of our generic webhooks: JSON, signed with the dev HMAC secret as a telephony provider signs it. */
    HttpResponse<String> signedJson(String path, String body) {
        return send("POST", path, "application/json", body, "X-OpsFabric-Signature",
                ch.opsfabric.webhook.OpsFabricSignature.sign("dev-webhook-secret", body.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    HttpResponse<String> get(String path, String... headers) {
        return send("GET", path, null, null, headers);
    }

    HttpResponse<String> postJson(String path, String json) {
        return send("POST", path, "application/json", json);
    }

    /** Moves the local stack's clock ({@code PUT /_local/clock}); due schedules and the cron run before it returns. */
    void setClock(String isoWithOffset) {
        HttpResponse<String> response = send("PUT", "/_local/clock", "application/json", "{\"now\":\"" + isoWithOffset + "\"}");
        if (response.statusCode() != 200) {
            throw new AssertionError("clock not set: " + response.body());
        }
    }

    JsonNode json(HttpResponse<String> response) {
        return Json.parse(response.body());
    }

    /** Polls a JSON GET until the predicate holds (the SQS poller delivers asynchronously). */
    JsonNode await(String path, Predicate<JsonNode> condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode last;
        do {
            last = json(get(path));
            if (condition.test(last)) {
                return last;
            }
            sleep(100);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("condition not met within " + timeout + " for " + path + ": " + last);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
