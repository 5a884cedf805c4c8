package ch.opsfabric.messaging;

import ch.opsfabric.log.Log;
import ch.opsfabric.phone.PhoneNumbers;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * For development: logs (masked) and records instead of sending, so the local stack can show
 * every SMS at {@code /_local/sms} and tests can assert what a customer would have received.
 */
public final class ConsoleSmsProvider implements SmsProvider {

    private final Clock clock;
    private final List<SentSms> sent = new CopyOnWriteArrayList<>();

    public ConsoleSmsProvider(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String name() {
        return "console";
    }

    @Override
    public String send(SmsMessage message) {
        String id = "console-" + UUID.randomUUID();
        sent.add(new SentSms(message.tenantId(), message.to(), message.text(), message.kind(), clock.instant(), id));
        Log.info("sms.console", Map.of("tenant", message.tenantId(), "to", PhoneNumbers.mask(message.to()),
                "kind", message.kind().wireName(), "chars", message.text().length()));
        return id;
    }

    public List<SentSms> sent() {
        return List.copyOf(sent);
    }
}
