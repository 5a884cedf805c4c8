package ch.opsfabric.smssender;

import ch.opsfabric.json.Json;
import ch.opsfabric.messaging.SmsMessage;
import ch.opsfabric.messaging.SmsProvider;
import ch.opsfabric.messaging.SmsSendException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Twilio Messages API: {@code POST /2010-04-01/Accounts/{sid}/Messages.json}, form-encoded, Basic auth. */
final class TwilioSmsProvider implements SmsProvider {

    private final HttpSmsGateway gateway;
    private final URI endpoint;
    private final String accountSid;
    private final String authToken;

    /** @param baseUrl {@code https://api.twilio.com} in production */
    TwilioSmsProvider(String baseUrl, String accountSid, String authToken) {
        this(baseUrl, accountSid, authToken, HttpSmsGateway.DEFAULT_TIMEOUT);
    }

    TwilioSmsProvider(String baseUrl, String accountSid, String authToken, java.time.Duration timeout) {
        this.gateway = new HttpSmsGateway(timeout);
        this.endpoint = URI.create(baseUrl.replaceAll("/+$", "") + "/2010-04-01/Accounts/" + accountSid + "/Messages.json");
        this.accountSid = accountSid;
        this.authToken = authToken;
    }

    @Override
    public String name() {
        return "twilio";
    }

    @Override
    public String send(SmsMessage message) throws SmsSendException {
        String body = "To=" + encode(message.to()) + "&From=" + encode(message.from()) + "&Body=" + encode(message.text());
        String response = gateway.post(endpoint, accountSid, authToken, "application/x-www-form-urlencoded", body);
        try {
            return Json.parse(response).path("sid").asText("twilio-unknown");
        } catch (IllegalArgumentException accepted) {
            return "twilio-unknown";
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
