package ch.opsfabric.smssender;

import ch.opsfabric.json.Json;
import ch.opsfabric.messaging.EmailMessage;
import ch.opsfabric.messaging.EmailProvider;
import ch.opsfabric.messaging.SmsSendException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.Map;

/**
 * Postmark's single-message API: {@code POST /email} with {@code X-Postmark-Server-Token},
 * {@code {"From","To","ReplyTo","Subject","TextBody","Tag","Headers":[{"Name","Value"}],"MessageStream":"outbound"}};
 * answers {@code {"ErrorCode":0,"MessageID",…}}. A 422 (inactive recipient, invalid address) is
 * permanent like every 4xx but 408/429; 5xx and timeouts are retried through the queue.
 */
final class PostmarkEmailProvider implements EmailProvider {

    private final HttpSmsGateway gateway;
    private final URI endpoint;
    private final String serverToken;

    /** @param baseUrl {@code https://api.postmarkapp.com} in production */
    PostmarkEmailProvider(String baseUrl, String serverToken, java.time.Duration timeout) {
        this.gateway = new HttpSmsGateway(timeout);
        this.endpoint = URI.create(baseUrl.replaceAll("/+$", "") + "/email");
        this.serverToken = serverToken;
    }

    @Override
    public String name() {
        return "postmark";
    }

    @Override
    public String send(EmailMessage message) throws SmsSendException {
        ObjectNode body = Json.object()
                .put("From", mailbox(message.fromName(), message.from()))
                .put("To", message.toName() == null ? message.to() : mailbox(message.toName(), message.to()));
        if (message.replyTo() != null) {
            body.put("ReplyTo", message.replyTo());
        }
        body.put("Subject", message.subject()).put("TextBody", message.text());
        if (message.tag() != null) {
            body.put("Tag", message.tag());
        }
        ArrayNode headers = body.putArray("Headers");
        message.headers().forEach(h -> headers.addObject().put("Name", h.name()).put("Value", h.value()));
        body.put("MessageStream", "outbound");
        String response = gateway.post(endpoint, Map.of("X-Postmark-Server-Token", serverToken), "application/json",
                Json.write(body));
        try {
            return Json.parse(response).path("MessageID").asText("postmark-unknown");
        } catch (IllegalArgumentException accepted) {
            // a 2xx means Postmark took the message; an unreadable body does not make it unsent
            return "postmark-unknown";
        }
    }

    /** {@code "Sanitär Keller AG" <kontakt@…>}: quoted, so a comma or dot in a business name stays in the name. */
    static String mailbox(String name, String address) {
        return "\"" + name.replace("\\", "").replace("\"", "'") + "\" <" + address + ">";
    }
}
