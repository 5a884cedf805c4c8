package ch.opsfabric.messaging;

import ch.opsfabric.contact.Identifiers;
import ch.opsfabric.json.Json;
import ch.opsfabric.log.Log;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * For development: records instead of sending, so the local stack lists every e-mail at
 * {@code /_local/email} (through {@code OPSFABRIC_LOCAL_EMAIL_SINK}) and tests can read what a
 * customer would have received. Logs carry the masked address and the subject's length only.
 */
public final class ConsoleEmailProvider implements EmailProvider {

    private final Clock clock;
    private final ConsoleRecords<EmailMessage> records;

    public ConsoleEmailProvider(Clock clock, URI sink) {
        this.clock = clock;
        this.records = new ConsoleRecords<>(sink, "e-mail");
    }

    @Override
    public String name() {
        return "console";
    }

    @Override
    public String send(EmailMessage message) throws SmsSendException {
        String id = "console-" + UUID.randomUUID();
        records.record(message, () -> {
            ObjectNode json = Json.object().put("tenant", message.tenantId()).put("fromName", message.fromName())
                    .put("from", message.from()).put("to", message.to()).put("replyTo", message.replyTo())
                    .put("subject", message.subject()).put("text", message.text()).put("tag", message.tag())
                    .put("at", clock.instant().toString()).put("messageId", id);
            ObjectNode headers = json.putObject("headers");
            message.headers().forEach(h -> headers.put(h.name(), h.value()));
            return json;
        });
        Log.info("email.console", Map.of("tenant", message.tenantId(), "to", Identifiers.maskAddress(message.to()),
                "tag", message.tag() == null ? "" : message.tag()));
        return id;
    }

    public List<EmailMessage> sent() {
        return records.sent();
    }
}
