package ch.opsfabric.infra.local;

import ch.opsfabric.json.Json;
import ch.opsfabric.messaging.SentSms;
import ch.opsfabric.messaging.SmsKind;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Where the console SMS provider of every function process reports what it "sent"
 * ({@code OPSFABRIC_LOCAL_SMS_SINK}); {@code GET /_local/sms} lists it.
 */
final class LocalSmsSink {

    private final List<SentSms> sent = new CopyOnWriteArrayList<>();
    private final java.time.Clock clock;
    /** Until then (local clock) the "provider" is down: every send gets 503, as from a gateway in trouble. */
    private volatile Instant outageUntil = Instant.MIN;

    LocalSmsSink(java.time.Clock clock) {
        this.clock = clock;
    }

    /** {@code PUT /_local/sms/outage}: the provider is down for this long of local time, from now. */
    void outage(java.time.Duration length) {
        outageUntil = clock.instant().plus(length);
    }

    List<SentSms> sent() {
        return List.copyOf(sent);
    }

    void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("POST")) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            if (clock.instant().isBefore(outageUntil)) {
                exchange.getRequestBody().readAllBytes();
                exchange.sendResponseHeaders(503, -1);
                return;
            }
            try {
                JsonNode sms = Json.parse(new String(exchange.getRequestBody().readAllBytes(),
                        java.nio.charset.StandardCharsets.UTF_8));
                sent.add(new SentSms(sms.path("tenant").asText(), sms.path("to").asText(), sms.path("text").asText(),
                        SmsKind.fromWire(sms.path("kind").asText()), Instant.parse(sms.path("at").asText()),
                        sms.path("messageId").asText()));
            } catch (IllegalArgumentException | DateTimeParseException e) {
                exchange.sendResponseHeaders(400, -1);
                return;
            }
            exchange.sendResponseHeaders(204, -1);
        }
    }
}
