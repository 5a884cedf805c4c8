package ch.opsfabric.http;

import ch.opsfabric.json.Json;
import ch.opsfabric.ticket.Ticket;
import ch.opsfabric.ticket.TicketEvent;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/** The staff API's view of a ticket. */
public final class TicketJson {

    private TicketJson() {
    }

    public static ObjectNode write(Ticket t, Instant now) {
        ObjectNode node = Json.object()
                .put("id", t.id())
                .put("reference", t.reference())
                .put("source", t.source().wireName())
                .put("status", t.status().name())
                .put("urgency", t.urgency().name())
                .put("phone", t.phone())
                .put("name", t.name())
                .put("email", t.email())
                .put("contactId", t.contactId())
                .put("flow", t.flow())
                .put("category", t.category())
                .put("message", t.message())
                .put("contactCount", t.contactCount())
                .put("localDate", t.localDate() == null ? null : t.localDate().toString())
                .put("createdAt", text(t.createdAt()))
                .put("updatedAt", text(t.updatedAt()))
                .put("slaDueAt", text(t.slaDueAt()))
                .put("firstResponseAt", text(t.firstResponseAt()))
                .put("appointmentAt", text(t.appointmentAt()))
                .put("reviewDueAt", text(t.reviewDueAt()))
                .put("reviewRequestSentAt", text(t.reviewRequestSentAt()))
                .put("reviewClickedAt", text(t.reviewClickedAt()))
                .put("slaBreached", t.slaBreached(now));
        ObjectNode fields = node.putObject("fields");
        t.fields().forEach(fields::put);
        ArrayNode history = node.putArray("history");
        for (TicketEvent e : t.history()) {
            ObjectNode entry = history.addObject()
                    .put("at", text(e.at()))
                    .put("type", e.type())
                    .put("source", e.source())
                    .put("text", e.text());
            if (e.author() != null) {
                entry.put("author", e.author());
            }
            if ("attachment".equals(e.type()) && e.ref() != null) {
                // where the file is in the attachment bucket (staff tools fetch it with their own access)
                entry.put("objectKey", e.ref());
            }
        }
        return node;
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
