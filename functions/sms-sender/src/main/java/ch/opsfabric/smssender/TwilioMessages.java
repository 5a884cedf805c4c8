package ch.opsfabric.smssender;

import ch.opsfabric.json.Json;
import ch.opsfabric.messaging.SmsSendException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Twilio's Messages API, which SMS and WhatsApp share: {@code POST /2010-04-01/Accounts/{sid}/Messages.json},
 * form-encoded, Basic auth with the account SID and auth token; the answer's {@code sid} is the message's id.
 */
final class TwilioMessages {

    private final HttpSmsGateway gateway;
    private final URI endpoint;
    private final String accountSid;
    private final String authToken;

    /** @param baseUrl {@code https://api.twilio.com} in production */
    TwilioMessages(String baseUrl, String accountSid, String authToken, Duration timeout) {
        this.gateway = new HttpSmsGateway(timeout);
        this.endpoint = URI.create(baseUrl.replaceAll("/+$", "") + "/2010-04-01/Accounts/" + accountSid + "/Messages.json");
        this.accountSid = accountSid;
        this.authToken = authToken;
    }

    /** @return the message's SID */
    String create(String form) throws SmsSendException {
        String answer = gateway.post(endpoint, accountSid, authToken, "application/x-www-form-urlencoded", form);
        try {
            return Json.parse(answer).path("sid").asText("twilio-unknown");
        } catch (IllegalArgumentException accepted) {
            return "twilio-unknown";
        }
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
