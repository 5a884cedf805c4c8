package ch.opsfabric.smssender;

import ch.opsfabric.json.Json;
import ch.opsfabric.messaging.SmsSendException;
import ch.opsfabric.messaging.WhatsAppMessage;
import ch.opsfabric.messaging.WhatsAppProvider;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.Map;

/**
 * WhatsApp Cloud API: {@code POST https://graph.facebook.com/<version>/<phone-number-id>/messages}
 * with the system user's bearer token; {@code {"messaging_product":"whatsapp","recipient_type":
 * "individual","to","type":"text"|"interactive"|"template",…}}; answers
 * {@code {"messages":[{"id":"wamid…"}]}}. A 4xx (e.g. 131047, outside the window) is permanent,
 * except Meta's throttling codes, which come as 400 too ({@link #throttling}).
 */
final class MetaWhatsAppProvider implements WhatsAppProvider {

    private final HttpSmsGateway gateway;
    private final String base;
    private final String accessToken;

    /** @param base {@code https://graph.facebook.com/v21.0} in production */
    MetaWhatsAppProvider(String base, String accessToken, java.time.Duration timeout) {
        this.gateway = new HttpSmsGateway(timeout);
        this.base = base.replaceAll("/+$", "");
        this.accessToken = accessToken;
    }

    /**
     * Meta's throttling errors, by {@code error.code} as Meta advises (its titles will go): 130429
     * the number's throughput (80 messages/s) and 4 / 80007 the app's and the account's call
     * limits pause the provider; 131056, the pair rate (one message per 6 s to one person), only
     * delays this message. The body is read for the code only: it may echo the number.
     */
    static java.util.Optional<SmsSendException> throttling(int status, String body, String host) {
        if (status < 400 || status >= 500) {
            return java.util.Optional.empty();
        }
        int code;
        try {
            code = Json.parse(body).path("error").path("code").asInt(-1);
        } catch (IllegalArgumentException notJson) {
            return java.util.Optional.empty();
        }
        String failure = "HTTP " + status + " code " + code + " from " + host;
        return switch (code) {
            case 130429 -> java.util.Optional.of(new SmsSendException(failure, java.time.Duration.ofSeconds(5)));
            case 4, 80007 -> java.util.Optional.of(new SmsSendException(failure, java.time.Duration.ofSeconds(60)));
            case 131056 -> java.util.Optional.of(new SmsSendException(failure, false));
            default -> java.util.Optional.empty();
        };
    }

    @Override
    public String name() {
        return "meta";
    }

    @Override
    public String send(WhatsAppMessage message) throws SmsSendException {
        if (!message.from().matches("[0-9]{6,20}")) {
            throw new SmsSendException("the tenant's phone_number_id is not one", true);
        }
        ObjectNode body = Json.object().put("messaging_product", "whatsapp").put("recipient_type", "individual")
                .put("to", message.to().replace("+", ""));
        if (message.template() != null) {
            ObjectNode template = body.put("type", "template").putObject("template").put("name", message.template().name());
            template.putObject("language").put("code", message.template().language());
            ArrayNode parameters = template.putArray("components").addObject().put("type", "body").putArray("parameters");
            message.template().parameters().forEach(p -> parameters.addObject().put("type", "text").put("text", p));
        } else if (!message.buttons().isEmpty()) {
            ObjectNode interactive = body.put("type", "interactive").putObject("interactive").put("type", "button");
            interactive.putObject("body").put("text", message.text());
            ArrayNode buttons = interactive.putObject("action").putArray("buttons");
            message.buttons().forEach(b -> buttons.addObject().put("type", "reply").putObject("reply")
                    .put("id", b.id()).put("title", b.title()));
        } else {
            body.put("type", "text").putObject("text").put("preview_url", false).put("body", message.text());
        }
        String answer = gateway.post(URI.create(base + "/" + message.from() + "/messages"),
                Map.of("Authorization", "Bearer " + accessToken), "application/json", Json.write(body),
                MetaWhatsAppProvider::throttling);
        try {
            return Json.parse(answer).path("messages").path(0).path("id").asText("wamid.unknown");
        } catch (IllegalArgumentException accepted) {
            return "wamid.unknown";
        }
    }
}
