package ch.opsfabric.infra.local;

import ch.opsfabric.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Where the console e-mail (and WhatsApp) provider of every function process reports what it
 * "sent" ({@code OPSFABRIC_LOCAL_EMAIL_SINK}, {@code OPSFABRIC_LOCAL_WHATSAPP_SINK});
 * {@code GET /_local/email} and {@code /_local/whatsapp} list it.
 */
final class LocalEmailSink {

    private final List<JsonNode> sent = new CopyOnWriteArrayList<>();
    /** The field every record must have besides {@code to}: {@code subject} for e-mail, {@code text} for WhatsApp. */
    private final String required;

    LocalEmailSink() {
        this("subject");
    }

    LocalEmailSink(String required) {
        this.required = required;
    }

    List<JsonNode> sent() {
        return List.copyOf(sent);
    }

    void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("POST")) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            JsonNode email;
            try {
                email = Json.parse(new String(exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                exchange.sendResponseHeaders(400, -1);
                return;
            }
            if (!email.path("to").isTextual() || !email.path(required).isTextual()) {
                exchange.sendResponseHeaders(400, -1);
                return;
            }
            sent.add(email);
            exchange.sendResponseHeaders(204, -1);
        }
    }
}
