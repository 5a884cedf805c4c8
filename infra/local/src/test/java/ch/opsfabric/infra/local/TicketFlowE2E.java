package ch.opsfabric.infra.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.opsfabric.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The first vertical slice over HTTP against the running local stack: a ticket created by the
 * public intake, deduped, confirmed by SMS through the queue and sms-sender, listed and moved
 * through the staff API, refused where it must be.
 */
class TicketFlowE2E extends AgainstLocalStack {

    private static String intake(String slug, String flow, String phone) {
        return Json.write(Json.object().put("slug", slug).put("flow", flow).put("name", "Anna Muster")
                .put("phone", phone).put("message", "Wasser läuft aus der Decke").put("address", "Seestrasse 1, Zürich")
                .put("category", "Leck oder Tropfen").put("date", "2026-12-24").put("time", "19:00").put("persons", "4"));
    }

    private static String auth(String slug) {
        return "Bearer dev-key-" + slug;
    }

    private static long smsTo(JsonNode list, String to) {
        long count = 0;
        for (JsonNode sms : list) {
            count += sms.path("to").asText().equals(to) ? 1 : 0;
        }
        return count;
    }

    @Test
    void createDedupeListPatchAndConflict() {
        HttpResponse<String> created = http.postJson("/api/ticket", intake("sanitaer-keller", "notfall", "079 555 10 10"));
        assertEquals(201, created.statusCode(), created.body());
        JsonNode ticket = http.json(created);
        String id = ticket.get("ticketId").asText();
        assertEquals("HIGH", ticket.get("urgency").asText());

        HttpResponse<String> again = http.postJson("/api/ticket", intake("sanitaer-keller", "standard", "+41795551010"));
        assertEquals(200, again.statusCode());
        assertTrue(http.json(again).get("joined").asBoolean());
        assertEquals(id, http.json(again).get("ticketId").asText());
        assertEquals("HIGH", http.json(again).get("urgency").asText(), "a later, calmer contact does not lower urgency");

        JsonNode sms = http.await("/_local/sms", list -> smsTo(list, "+41795551010") >= 1, Duration.ofSeconds(15));
        LocalHttp.sleep(1500);
        sms = http.json(http.get("/_local/sms"));
        assertEquals(1, smsTo(sms, "+41795551010"), "one confirmation per ticket, even for two contacts");
        for (JsonNode s : sms) {
            if (s.get("to").asText().equals("+41795551010")) {
                assertTrue(s.get("text").asText().contains(ticket.get("reference").asText()));
                assertEquals("demo-sanitaer-keller", s.get("tenant").asText());
            }
        }

        HttpResponse<String> list = http.get("/api/tickets?status=NEW", "Authorization", auth("sanitaer-keller"));
        assertEquals(200, list.statusCode());
        JsonNode found = null;
        for (JsonNode t : http.json(list).get("tickets")) {
            if (t.get("id").asText().equals(id)) {
                found = t;
            }
        }
        assertTrue(found != null, "the new ticket is listed under NEW");
        assertEquals(2, found.get("contactCount").asInt());

        HttpResponse<String> scheduled = http.send("PATCH", "/api/tickets/" + id, "application/json",
                "{\"status\":\"SCHEDULED\",\"note\":\"Heute 14:00\"}", "Authorization", auth("sanitaer-keller"));
        assertEquals(200, scheduled.statusCode(), scheduled.body());
        assertEquals("SCHEDULED", http.json(scheduled).get("status").asText());
        assertFalse(http.json(scheduled).get("firstResponseAt").isNull());

        HttpResponse<String> back = http.send("PATCH", "/api/tickets/" + id, "application/json",
                "{\"status\":\"NEW\"}", "Authorization", auth("sanitaer-keller"));
        assertEquals(409, back.statusCode());
        assertEquals("illegal_transition", http.json(back).get("error").asText());

        HttpResponse<String> done = http.send("PATCH", "/api/tickets/" + id, "application/json",
                "{\"status\":\"DONE\"}", "Authorization", auth("sanitaer-keller"));
        assertEquals(200, done.statusCode());
        JsonNode stored = http.json(http.get("/api/tickets/" + id, "Authorization", auth("sanitaer-keller")));
        assertEquals("DONE", stored.get("status").asText());
        int contactsAndMoves = 0;
        for (JsonNode entry : stored.get("history")) {
            contactsAndMoves += entry.get("type").asText().matches("contact|status") ? 1 : 0;
        }
        // besides them: what became of the confirmation SMS, written by the sender
        assertEquals(4, contactsAndMoves, "two contacts and two status moves: " + stored.get("history"));

        // a ticket logged by hand through the staff API: the wizard's validation, source manual
        HttpResponse<String> manual = http.send("POST", "/api/tickets", "application/json",
                "{\"flow\":\"notfall\",\"phone\":\"079 555 10 77\",\"message\":\"Wasser im Keller\",\"address\":\"Seestrasse 3\"}",
                "Authorization", auth("sanitaer-keller"));
        assertEquals(201, manual.statusCode(), manual.body());
        assertEquals("manual", http.json(manual).get("source").asText());
        assertEquals("HIGH", http.json(manual).get("urgency").asText());
        assertEquals(400, http.send("POST", "/api/tickets", "application/json", "{\"flow\":\"notfall\"}",
                "Authorization", auth("sanitaer-keller")).statusCode());
        assertEquals(401, http.send("POST", "/api/tickets", "application/json", "{\"flow\":\"notfall\"}").statusCode());

        HttpResponse<String> afterDone = http.postJson("/api/ticket", intake("sanitaer-keller", "standard", "0795551010"));
        assertEquals(201, afterDone.statusCode(), "a DONE ticket absorbs nothing: new ticket");
    }

    @Test
    void aKeyOpensOnlyItsOwnTenant() {
        String id = http.json(http.postJson("/api/ticket", intake("bella-vista", "reservierung", "079 555 20 20")))
                .get("ticketId").asText();
        assertEquals(200, http.get("/api/tickets/" + id, "Authorization", auth("bella-vista")).statusCode());
        assertEquals(404, http.get("/api/tickets/" + id, "Authorization", auth("sanitaer-keller")).statusCode());
        assertEquals(401, http.get("/api/tickets/" + id).statusCode());
        assertEquals(401, http.get("/api/tickets", "Authorization", "Bearer dev-key-gibt-es-nicht").statusCode());
        HttpResponse<String> foreignPatch = http.send("PATCH", "/api/tickets/" + id, "application/json",
                "{\"status\":\"DONE\"}", "Authorization", auth("nur-kontakt"));
        assertEquals(404, foreignPatch.statusCode());
        assertEquals("NEW", http.json(http.get("/api/tickets/" + id, "Authorization", auth("bella-vista")))
                .get("status").asText());
    }

    @Test
    void badInputIsRefusedAndStoresNothing() {
        int before = http.json(http.get("/_local/tickets/nur-kontakt")).size();
        assertEquals(415, http.send("POST", "/api/ticket", "text/plain", intake("nur-kontakt", "anfrage", "0795553030")).statusCode());
        assertEquals(400, http.postJson("/api/ticket", "{\"slug\":").statusCode());
        assertEquals(413, http.postJson("/api/ticket", "{\"slug\":\"nur-kontakt\",\"message\":\"" + "x".repeat(70_000) + "\"}")
                .statusCode());
        HttpResponse<String> invalid = http.postJson("/api/ticket", Json.write(Json.object().put("slug", "nur-kontakt")
                .put("flow", "notfall").put("name", "A").put("phone", "abc")));
        assertEquals(400, invalid.statusCode());
        JsonNode errors = http.json(invalid).get("errors");
        assertTrue(errors.has("flow"), "allgemein has no notfall flow");
        assertTrue(errors.has("name"));
        assertTrue(errors.has("phone"));
        assertEquals(404, http.postJson("/api/ticket", intake("gibt-es-nicht", "anfrage", "0795553030")).statusCode());
        assertEquals(before, http.json(http.get("/_local/tickets/nur-kontakt")).size());
        assertEquals(404, http.get("/api/nothing-here").statusCode());
        assertEquals(404, http.get("/_local/tickets/gibt-es-nicht").statusCode());
    }

    @Test
    void theClockCanBeReadAndSet() {
        HttpResponse<String> set = http.send("PUT", "/_local/clock", "application/json",
                "{\"now\":\"2030-01-15T10:00:00+01:00\"}");
        assertEquals(200, set.statusCode(), set.body());
        assertTrue(http.json(http.get("/_local/clock")).get("now").asText().startsWith("2030-01-15T10:00"));
        String id = http.json(http.postJson("/api/ticket", intake("nur-kontakt", "anfrage", "079 555 30 31")))
                .get("ticketId").asText();
        assertTrue(id.startsWith("20300115-"), "handlers use the local clock: " + id);
        assertEquals(400, http.send("PUT", "/_local/clock", "application/json", "{\"now\":\"morgen\"}").statusCode());
        stack.clock().set(java.time.Instant.now());
    }
}
