package ch.opsfabric.smssender;

import ch.opsfabric.messaging.SmsSendException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * The HTTP call every provider makes, with one rule for what a failure means: 4xx is permanent
 * (wrong number, rejected text, bad credentials: retrying changes nothing) except 408 and 429;
 * 5xx, timeouts and broken connections are transient and retried through the queue. A 429 (or a
 * 503 with {@code Retry-After}) also says how long the provider wants nothing more from us.
 * The JDK's own client: no extra dependency, built once per provider.
 */
final class HttpSmsGateway {

    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    private final Duration timeout;
    private final HttpClient client;

    HttpSmsGateway(Duration timeout) {
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    String post(URI uri, String username, String password, String contentType, String body) throws SmsSendException {
        return post(uri, java.util.Map.of("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8))), contentType, body);
    }

    /**
     * What a provider's error answer means beyond its status. Meta's Graph API answers throttling
     * with a 400 and an error code, so the status alone would call it permanent.
     */
    @FunctionalInterface
    interface ErrorReader {
        /** @return the failure this answer is, or empty for the status's own meaning */
        java.util.Optional<SmsSendException> read(int status, String body, String host);

        ErrorReader STATUS_ONLY = (status, body, host) -> java.util.Optional.empty();
    }

    /** @param credentials the provider's auth header(s) */
    String post(URI uri, java.util.Map<String, String> credentials, String contentType, String body) throws SmsSendException {
        return post(uri, credentials, contentType, body, ErrorReader.STATUS_ONLY);
    }

    String post(URI uri, java.util.Map<String, String> credentials, String contentType, String body, ErrorReader errors)
            throws SmsSendException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Content-Type", contentType)
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        credentials.forEach(builder::header);
        HttpRequest request = builder.build();
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw new SmsSendException("timeout after " + timeout.toMillis() + " ms", false, e);
        } catch (IOException e) {
            throw new SmsSendException("connection failed: " + e.getClass().getSimpleName(), false, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SmsSendException("interrupted", false, e);
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return response.body();
        }
        java.util.Optional<SmsSendException> read = errors.read(status, response.body(), uri.getHost());
        if (read.isPresent()) {
            throw read.get();
        }
        boolean transientFailure = status >= 500 || status == 408 || status == 429;
        // the body may echo the message or number: only the status is kept
        String failure = "HTTP " + status + " from " + uri.getHost();
        // an HTTP-date in the header is the provider's wall clock, so it is read against ours
        java.util.Optional<Duration> wait = RetryAfter.of(status,
                response.headers().firstValue("Retry-After").orElse(null), java.time.Instant.now());
        if (wait.isPresent()) {
            throw new SmsSendException(failure, wait.get());
        }
        throw new SmsSendException(failure, !transientFailure);
    }
}
