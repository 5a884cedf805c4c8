package ch.opsfabric.smssender;

import ch.opsfabric.messaging.SmsMessage;
import ch.opsfabric.messaging.SmsProvider;
import ch.opsfabric.messaging.SmsSendException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A provider whose answer per recipient the test decides: accept, fail for now, or refuse for good. */
final class ScriptedSmsProvider implements SmsProvider {

    static final String FAILS_TRANSIENTLY = "+41795559001";
    static final String FAILS_PERMANENTLY = "+41795559002";
    /** Answers as a provider that is throttling us: 429 with {@code Retry-After: 20}. */
    static final String THROTTLED = "+41795559003";

    final List<SmsMessage> calls = new CopyOnWriteArrayList<>();

    @Override
    public String name() {
        return "scripted";
    }

    @Override
    public String send(SmsMessage message) throws SmsSendException {
        calls.add(message);
        if (FAILS_TRANSIENTLY.equals(message.to())) {
            throw new SmsSendException("HTTP 503 from provider", false);
        }
        if (THROTTLED.equals(message.to())) {
            throw new SmsSendException("HTTP 429 from provider", java.time.Duration.ofSeconds(20));
        }
        if (FAILS_PERMANENTLY.equals(message.to())) {
            throw new SmsSendException("HTTP 400 invalid recipient", true);
        }
        return "msg-" + calls.size();
    }

    long callsTo(String to) {
        return calls.stream().filter(m -> m.to().equals(to)).count();
    }
}
