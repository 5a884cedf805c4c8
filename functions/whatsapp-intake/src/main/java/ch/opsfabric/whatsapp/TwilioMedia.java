package ch.opsfabric.whatsapp;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * A Twilio {@code MediaUrl}, fetched with HTTP Basic (account SID and auth token), as Twilio
 * wants when media authentication is on; only from {@code api.twilio.com} (or the base given for
 * tests), so a forged URL cannot make us fetch elsewhere with our credentials.
 */
final class TwilioMedia implements GraphMedia {

    private final String allowedPrefix;
    private final String authorization;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3))
            .followRedirects(HttpClient.Redirect.NORMAL).build();

    /** @param apiBase {@code https://api.twilio.com} in production */
    TwilioMedia(String apiBase, String accountSid, String authToken) {
        this.allowedPrefix = apiBase.replaceAll("/+$", "") + "/2010-04-01/Accounts/" + accountSid + "/";
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(
                (accountSid + ":" + authToken).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public Info info(String mediaId) throws FetchException {
        throw new FetchException("Twilio names its media by URL", true);
    }

    @Override
    public byte[] download(String url, long maxBytes) throws FetchException {
        if (!url.startsWith(allowedPrefix)) {
            throw new FetchException("not this account's Twilio media", true);
        }
        HttpResponse<InputStream> response;
        try {
            response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
                    .header("Authorization", authorization).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new FetchException("Twilio not reachable: " + e.getClass().getSimpleName(), false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FetchException("interrupted", false);
        }
        int status = response.statusCode();
        if (status / 100 != 2) {
            try (InputStream body = response.body()) {
                throw new FetchException("HTTP " + status + " from Twilio", status < 500 && status != 429 && status != 408);
            } catch (IOException e) {
                throw new FetchException("HTTP " + status + " from Twilio", false);
            }
        }
        return GraphMedia.bounded(response.body(), maxBytes);
    }
}
