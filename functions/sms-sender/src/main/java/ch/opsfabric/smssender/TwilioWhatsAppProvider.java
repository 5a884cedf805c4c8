package ch.opsfabric.smssender;

import static ch.opsfabric.smssender.TwilioMessages.encode;

import ch.opsfabric.json.Json;
import ch.opsfabric.messaging.SmsSendException;
import ch.opsfabric.messaging.WhatsAppMessage;
import ch.opsfabric.messaging.WhatsAppProvider;

/**
 * Twilio's Messages API for WhatsApp: {@code POST /2010-04-01/Accounts/{sid}/Messages.json},
 * form-encoded, Basic auth, {@code To=whatsapp:+41…}, {@code From=whatsapp:<tenant's number>};
 * free text as {@code Body}, a template as {@code ContentSid} (the template's name in the
 * tenant's config is its Content SID) with {@code ContentVariables} {@code {"1": …}}. Twilio's
 * reply buttons need a Content template too, so a menu goes as text with its digits.
 */
final class TwilioWhatsAppProvider implements WhatsAppProvider {

    private final TwilioMessages messages;

    TwilioWhatsAppProvider(String baseUrl, String accountSid, String authToken, java.time.Duration timeout) {
        this.messages = new TwilioMessages(baseUrl, accountSid, authToken, timeout);
    }

    @Override
    public String name() {
        return "twilio";
    }

    @Override
    public String send(WhatsAppMessage message) throws SmsSendException {
        StringBuilder form = new StringBuilder("To=").append(encode("whatsapp:" + message.to()))
                .append("&From=").append(encode("whatsapp:" + message.from()));
        if (message.template() != null) {
            com.fasterxml.jackson.databind.node.ObjectNode variables = Json.object();
            for (int i = 0; i < message.template().parameters().size(); i++) {
                variables.put(Integer.toString(i + 1), message.template().parameters().get(i));
            }
            form.append("&ContentSid=").append(encode(message.template().name()))
                    .append("&ContentVariables=").append(encode(Json.write(variables)));
        } else {
            form.append("&Body=").append(encode(message.text()));
        }
        return messages.create(form.toString());
    }
}
