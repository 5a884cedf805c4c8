package ch.opsfabric.smssender;

import ch.opsfabric.json.Json;
import ch.opsfabric.messaging.SmsMessage;
import ch.opsfabric.messaging.SmsProvider;
import ch.opsfabric.messaging.SmsSendException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;

/**
 * eCall (Swiss data residency), REST API v2: {@code POST /api/v2/message} with HTTP Basic auth and
 * {@code {"channel":"Sms","from","to","content":{"type":"Text","text"}}}; answers {@code {"messageId"}}.
 */
final class EcallSmsProvider implements SmsProvider {

    private final HttpSmsGateway gateway;
    private final URI endpoint;
    private final String username;
    private final String password;

    /** @param baseUrl {@code https://rest.ecall.ch} in production */
    EcallSmsProvider(String baseUrl, String username, String password) {
        this(baseUrl, username, password, HttpSmsGateway.DEFAULT_TIMEOUT);
    }

    EcallSmsProvider(String baseUrl, String username, String password, java.time.Duration timeout) {
        this.gateway = new HttpSmsGateway(timeout);
        this.endpoint = URI.create(baseUrl.replaceAll("/+$", "") + "/api/v2/message");
        this.username = username;
        this.password = password;
    }

    @Override
    public String name() {
        return "ecall";
    }

    @Override
    public String send(SmsMessage message) throws SmsSendException {
        ObjectNode body = Json.object().put("channel", "Sms").put("from", message.from()).put("to", message.to());
        body.putObject("content").put("type", "Text").put("text", message.text());
        String response = gateway.post(endpoint, username, password, "application/json", Json.write(body));
        try {
            JsonNode json = Json.parse(response);
            return json.path("messageId").asText("ecall-unknown");
        } catch (IllegalArgumentException accepted) {
            // a 2xx means eCall took the message; an unreadable body does not make it unsent
            return "ecall-unknown";
        }
    }
}
