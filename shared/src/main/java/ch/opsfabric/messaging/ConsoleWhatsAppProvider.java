package ch.opsfabric.messaging;

import ch.opsfabric.json.Json;
import ch.opsfabric.log.Log;
import ch.opsfabric.phone.PhoneNumbers;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * For development: records instead of sending, so the local stack lists every WhatsApp message
 * at {@code /_local/whatsapp} (through {@code OPSFABRIC_LOCAL_WHATSAPP_SINK}): text, buttons or
 * template, as Meta would have received it.
 */
public final class ConsoleWhatsAppProvider implements WhatsAppProvider {

    private final Clock clock;
    private final ConsoleRecords<WhatsAppMessage> records;

    public ConsoleWhatsAppProvider(Clock clock, URI sink) {
        this.clock = clock;
        this.records = new ConsoleRecords<>(sink, "WhatsApp");
    }

    @Override
    public String name() {
        return "console";
    }

    @Override
    public String send(WhatsAppMessage message) throws SmsSendException {
        String id = "wamid.console-" + UUID.randomUUID();
        records.record(message, () -> {
            ObjectNode json = Json.object().put("tenant", message.tenantId()).put("from", message.from())
                    .put("to", message.to()).put("text", message.text()).put("at", clock.instant().toString())
                    .put("messageId", id);
            ArrayNode buttons = json.putArray("buttons");
            message.buttons().forEach(b -> buttons.addObject().put("id", b.id()).put("title", b.title()));
            if (message.template() != null) {
                ObjectNode t = json.putObject("template").put("name", message.template().name())
                        .put("language", message.template().language());
                ArrayNode params = t.putArray("parameters");
                message.template().parameters().forEach(params::add);
            }
            return json;
        });
        Log.info("whatsapp.console", Map.of("tenant", message.tenantId(), "to", PhoneNumbers.mask(message.to()),
                "template", message.template() != null));
        return id;
    }

    public List<WhatsAppMessage> sent() {
        return records.sent();
    }
}
