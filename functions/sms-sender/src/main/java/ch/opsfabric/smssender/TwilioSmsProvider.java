package ch.opsfabric.smssender;

import static ch.opsfabric.smssender.TwilioMessages.encode;

import ch.opsfabric.messaging.SmsMessage;
import ch.opsfabric.messaging.SmsProvider;
import ch.opsfabric.messaging.SmsSendException;

/** Twilio Messages API: {@code POST /2010-04-01/Accounts/{sid}/Messages.json}, form-encoded, Basic auth. */
final class TwilioSmsProvider implements SmsProvider {

    private final TwilioMessages messages;

    /** @param baseUrl {@code https://api.twilio.com} in production */
    TwilioSmsProvider(String baseUrl, String accountSid, String authToken) {
        this(baseUrl, accountSid, authToken, HttpSmsGateway.DEFAULT_TIMEOUT);
    }

    TwilioSmsProvider(String baseUrl, String accountSid, String authToken, java.time.Duration timeout) {
        this.messages = new TwilioMessages(baseUrl, accountSid, authToken, timeout);
    }

    @Override
    public String name() {
        return "twilio";
    }

    @Override
    public String send(SmsMessage message) throws SmsSendException {
        return messages.create("To=" + encode(message.to()) + "&From=" + encode(message.from())
                + "&Body=" + encode(message.text()));
    }
}
