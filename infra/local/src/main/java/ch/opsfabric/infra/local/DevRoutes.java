package ch.opsfabric.infra.local;

import ch.opsfabric.http.TicketJson;
import ch.opsfabric.json.Json;
import ch.opsfabric.messaging.SentSms;
import ch.opsfabric.tenant.Tenant;
import ch.opsfabric.tenant.TenantDirectory;
import ch.opsfabric.ticket.TicketStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Development-only routes under {@code /_local}; never in template.yaml.
 * <ul>
 *   <li>{@code GET /_local/sms}: every SMS the console provider "sent"</li>
 *   <li>{@code GET /_local/email}: every e-mail the console provider "sent", with its headers</li>
 *   <li>{@code PUT /_local/model {"turns":[…]}}: the next answers of the local language model</li>
 *   <li>{@code GET /_local/voice}: the voice assistant's local WebSocket, what Twilio would open</li>
 *   <li>{@code GET /_local/whatsapp}: every WhatsApp message the console provider "sent" (text, buttons or template)</li>
 *   <li>{@code GET /_local/clock}, {@code PUT /_local/clock {"now": "2026-11-27T22:30:00+01:00"}}</li>
 *   <li>{@code GET /_local/tickets/{slug}}: all tickets of a tenant</li>
 *   <li>{@code GET /_local/invalidations}: every CloudFront invalidation the operator API asked for</li>
 * </ul>
 */
final class DevRoutes implements LocalApiGateway.DevRoutes {

    static final ZoneId ZURICH = ZoneId.of("Europe/Zurich");

    private final TenantDirectory tenants;
    private final TicketStore tickets;
    private final LocalClock clock;
    private final LocalSmsSink sms;
    private final LocalCloudFront cloudFront;
    private final LocalEmailSink email;
    private final LocalEmailSink whatsapp;
    private final LocalModelServer model;
    private final String voiceSocket;

    DevRoutes(TenantDirectory tenants, TicketStore tickets, LocalClock clock, LocalSmsSink sms, LocalEmailSink email,
              LocalEmailSink whatsapp, LocalModelServer model, String voiceSocket, LocalCloudFront cloudFront) {
        this.model = model;
        this.voiceSocket = voiceSocket;
        this.email = email;
        this.whatsapp = whatsapp;
        this.cloudFront = cloudFront;
        this.tenants = tenants;
        this.tickets = tickets;
        this.clock = clock;
        this.sms = sms;
    }

    @Override
    public Optional<LocalFunctions.HttpResult> handle(String method, String path, String body) {
        if (!path.startsWith("/_local/") && !path.equals("/_local")) {
            return Optional.empty();
        }
        if (path.equals("/_local/sms") && method.equals("GET")) {
            return Optional.of(ok(sms()));
        }
        if (path.equals("/_local/email") && method.equals("GET")) {
            ArrayNode list = Json.array();
            email.sent().forEach(list::add);
            return Optional.of(ok(list));
        }
        if (path.equals("/_local/voice") && method.equals("GET")) {
            return Optional.of(ok(Json.object().put("socket", voiceSocket)));
        }
        if (path.equals("/_local/model") && method.equals("PUT")) {
            try {
                model.script(Json.parse(body));
            } catch (IllegalArgumentException e) {
                return Optional.of(LocalApiGateway.json(400, "{\"error\":\"bad_request\",\"message\":"
                        + "\"send {\\\"turns\\\":[{\\\"text\\\":…,\\\"tools\\\":[…]}]}\"}"));
            }
            return Optional.of(ok(Json.object().put("scripted", Json.parse(body).path("turns").size())));
        }
        if (path.equals("/_local/whatsapp") && method.equals("GET")) {
            ArrayNode list = Json.array();
            whatsapp.sent().forEach(list::add);
            return Optional.of(ok(list));
        }
        if (path.equals("/_local/invalidations") && method.equals("GET")) {
            ArrayNode list = Json.array();
            for (LocalCloudFront.Invalidation i : cloudFront.recorded()) {
                ObjectNode item = list.addObject().put("distributionId", i.distributionId())
                        .put("callerReference", i.callerReference()).put("at", zurich(i.at()));
                ArrayNode paths = item.putArray("paths");
                i.paths().forEach(paths::add);
            }
            return Optional.of(ok(list));
        }
        if (path.equals("/_local/clock") && method.equals("GET")) {
            return Optional.of(ok(clockJson()));
        }
        if (path.equals("/_local/clock") && method.equals("PUT")) {
            return Optional.of(setClock(body));
        }
        if (path.startsWith("/_local/tickets/") && method.equals("GET")) {
            return Optional.of(tickets(path.substring("/_local/tickets/".length())));
        }
        return Optional.of(LocalApiGateway.json(404, "{\"error\":\"not_found\",\"message\":\"unknown dev route\"}"));
    }

    private JsonNode sms() {
        ArrayNode list = Json.array();
        for (SentSms sms : this.sms.sent()) {
            list.addObject()
                    .put("tenant", sms.tenantId())
                    .put("to", sms.to())
                    .put("text", sms.text())
                    .put("kind", sms.kind().wireName())
                    .put("at", zurich(sms.at()));
        }
        return list;
    }

    private ObjectNode clockJson() {
        Instant now = clock.instant();
        return Json.object().put("now", zurich(now)).put("utc", now.toString());
    }

    private LocalFunctions.HttpResult setClock(String body) {
        Instant target;
        try {
            target = OffsetDateTime.parse(Json.parse(body).path("now").asText()).toInstant();
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return LocalApiGateway.json(400, "{\"error\":\"bad_request\",\"message\":"
                    + "\"send {\\\"now\\\": \\\"2026-11-27T22:30:00+01:00\\\"}\"}");
        }
        Instant before = clock.set(target);
        return ok(clockJson().put("previous", zurich(before)));
    }

    private LocalFunctions.HttpResult tickets(String slug) {
        Optional<Tenant> tenant = tenants.bySlug(slug);
        if (tenant.isEmpty()) {
            return LocalApiGateway.json(404, "{\"error\":\"not_found\",\"message\":\"unknown tenant\"}");
        }
        ArrayNode list = Json.array();
        Instant now = clock.instant();
        String cursor = null;
        do {
            TicketStore.Page page = tickets.list(tenant.get().id(), null, 100, cursor);
            page.tickets().forEach(t -> list.add(TicketJson.write(t, now)));
            cursor = page.nextCursor();
        } while (cursor != null);
        return ok(list);
    }

    static String zurich(Instant instant) {
        return instant.atZone(ZURICH).toOffsetDateTime().toString();
    }

    private static LocalFunctions.HttpResult ok(JsonNode body) {
        return LocalApiGateway.json(200, Json.write(body));
    }
}
