package ch.opsfabric.messaging;

import ch.opsfabric.json.Json;
import ch.opsfabric.log.Log;
import ch.opsfabric.phone.PhoneNumbers;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * For development: logs (masked) and records instead of sending, so the local stack can show
 * every SMS at {@code /_local/sms} and tests can assert what a customer would have received.
 * In a function process of the local stack, the record also goes to the stack's SMS sink
 * ({@code OPSFABRIC_LOCAL_SMS_SINK}), the one place that sees what every process "sent".
 */
public final class ConsoleSmsProvider implements SmsProvider {

    private final Clock clock;
    private final URI sink;
    private final List<SentSms> sent = new CopyOnWriteArrayList<>();

    public ConsoleSmsProvider(Clock clock) {
        this(clock, null);
    }

    /** @param sink where each recorded SMS is posted as JSON; null for none */
    public ConsoleSmsProvider(Clock clock, URI sink) {
        this.clock = clock;
        this.sink = sink;
    }

    @Override
    public String name() {
        return "console";
    }

    @Override
    public String send(SmsMessage message) throws SmsSendException {
        String id = "console-" + UUID.randomUUID();
        SentSms record = new SentSms(message.tenantId(), message.to(), message.text(), message.kind(), clock.instant(), id);
        if (sink != null) {
            post(record);
        }
        sent.add(record);
        Log.info("sms.console", Map.of("tenant", message.tenantId(), "to", PhoneNumbers.mask(message.to()),
                "kind", message.kind().wireName(), "chars", message.text().length()));
        return id;
    }

    private void post(SentSms record) throws SmsSendException {
        byte[] body = Json.write(Json.object()
                .put("tenant", record.tenantId())
                .put("to", record.to())
                .put("text", record.text())
                .put("kind", record.kind().wireName())
                .put("at", record.at().toString())
                .put("messageId", record.messageId())).getBytes(StandardCharsets.UTF_8);
        LocalSink.post(sink, body, "SMS");
    }

    public List<SentSms> sent() {
        return List.copyOf(sent);
    }
}
