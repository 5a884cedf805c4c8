package ch.opsfabric.infra.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.opsfabric.json.Json;
import ch.opsfabric.store.DynamoTenantDirectory;
import ch.opsfabric.tenant.Module;
import ch.opsfabric.tenant.Modules;
import ch.opsfabric.tenant.Tenant;
import ch.opsfabric.webhook.OpsFabricSignature;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * After the job: appointment SMS, DONE, the review request at a decent hour (never at night,
 * never twice, never without a link, consent or the module), and the tracked click. Time moves
 * with {@code /_local/clock}; every move runs the 15-minute cron once, as the local scheduler does.
 */
class ReviewStoryE2E extends AgainstLocalStack {

    private static String ticket(String slug, String phone) {
        HttpResponse<String> created = http.postJson("/api/ticket", Json.write(Json.object().put("slug", slug)
                .put("flow", slug.equals("bella-vista") ? "event" : slug.equals("nur-kontakt") ? "anfrage" : "standard")
                .put("name", "Rita Roth").put("phone", phone).put("category", "Heizung").put("message", "Heizung defekt")
                .put("address", "Seestrasse 9").put("date", "2026-12-20").put("persons", "8")));
        assertEquals(201, created.statusCode(), created.body());
        return http.json(created).get("ticketId").asText();
    }

    private static HttpResponse<String> patch(String slug, String id, String json) {
        return http.send("PATCH", "/api/tickets/" + id, "application/json", json, "Authorization", "Bearer dev-key-" + slug);
    }

    private static List<JsonNode> reviewSmsTo(String to) {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode sms : http.json(http.get("/_local/sms"))) {
            if (sms.get("to").asText().equals(to) && sms.get("kind").asText().equals("review_request")) {
                found.add(sms);
            }
        }
        return found;
    }

    private static HttpResponse<String> cronRoute() {
        return http.send("POST", "/api/cron/review-request", null, null, "Authorization", "Bearer dev-cron-secret");
    }

    @Test
    void reviewRequestAfterSevenOnceAndTracked() throws Exception {
        clock("2026-12-09T19:30:00+01:00");
        String customer = "+41795558001";
        String id = ticket("sanitaer-keller", "079 555 80 01");
        HttpResponse<String> scheduled = patch("sanitaer-keller", id,
                "{\"status\":\"SCHEDULED\",\"appointmentAt\":\"2026-12-10T08:00:00+01:00\"}");
        assertEquals(200, scheduled.statusCode(), scheduled.body());
        http.await("/_local/sms", list -> {
            for (JsonNode s : list) {
                if (s.get("to").asText().equals(customer) && s.get("kind").asText().equals("status_update")) {
                    return s.get("text").asText().contains("Donnerstag, 10. Dezember 2026 um 08:00 Uhr");
                }
            }
            return false;
        }, Duration.ofSeconds(15));

        clock("2026-12-09T20:00:00+01:00");
        JsonNode done = http.json(patch("sanitaer-keller", id, "{\"status\":\"DONE\"}"));
        assertTrue(done.get("reviewDueAt").asText().startsWith("2026-12-09T21:00:0"), "DONE + 2 h: " + done.get("reviewDueAt"));

        clock("2026-12-09T22:05:00+01:00");
        assertEquals(200, cronRoute().statusCode());
        LocalHttp.sleep(1500);
        assertTrue(reviewSmsTo(customer).isEmpty(), "nothing at night");

        clock("2026-12-10T07:05:00+01:00");
        ExecutorService pool = Executors.newFixedThreadPool(3);
        List<Future<HttpResponse<String>>> runs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            runs.add(pool.submit(ReviewStoryE2E::cronRoute));
        }
        for (Future<HttpResponse<String>> run : runs) {
            assertEquals(200, run.get().statusCode(), run.get().body());
        }
        pool.shutdown();
        http.await("/_local/sms", list -> reviewSmsTo(customer).size() >= 1, Duration.ofSeconds(15));
        LocalHttp.sleep(1500);
        List<JsonNode> review = reviewSmsTo(customer);
        assertEquals(1, review.size(), "one review request, however many cron runs");
        assertTrue(review.get(0).get("at").asText().startsWith("2026-12-10T07:"), review.get(0).get("at").asText());

        String text = review.get(0).get("text").asText();
        String link = text.substring(text.indexOf(stack.baseUrl() + "/r/")).split("\\s")[0];
        HttpResponse<String> click = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()
                .send(HttpRequest.newBuilder(URI.create(link)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(302, click.statusCode());
        assertEquals("https://g.page/r/sanitaer-keller-demo/review", click.headers().firstValue("location").orElseThrow());
        JsonNode clicked = http.json(http.get("/api/tickets/" + id, "Authorization", "Bearer dev-key-sanitaer-keller"));
        assertFalse(clicked.get("reviewClickedAt").isNull());
        assertFalse(clicked.get("reviewRequestSentAt").isNull());
        assertEquals(404, http.get("/r/AAAAAAAAAAAAAAAAAAAAAA").statusCode());
    }

    @Test
    void neverWithoutLinkConsentOrModule() {
        clock("2026-12-14T10:00:00+01:00");
        String noLink = ticket("nur-kontakt", "079 555 80 02");
        assertEquals(200, patch("nur-kontakt", noLink, "{\"status\":\"DONE\"}").statusCode());

        String optedOut = ticket("sanitaer-keller", "079 555 80 03");
        String stop = "{\"from\":\"+41795558003\",\"to\":\"+41445550101\",\"text\":\"STOP\",\"messageId\":\"rev-stop\"}";
        assertEquals(200, http.send("POST", "/api/webhook/sms-reply", "application/json", stop, "X-OpsFabric-Signature",
                OpsFabricSignature.sign("dev-webhook-secret", stop.getBytes(StandardCharsets.UTF_8))).statusCode());
        assertEquals(200, patch("sanitaer-keller", optedOut, "{\"status\":\"DONE\"}").statusCode());

        DynamoTenantDirectory directory = stack.tenants();
        Tenant bella = directory.bySlug("bella-vista").orElseThrow();
        String moduleOff = ticket("bella-vista", "079 555 80 04");
        assertEquals(200, patch("bella-vista", moduleOff, "{\"status\":\"DONE\"}").statusCode());
        EnumSet<Module> withoutReviews = EnumSet.copyOf(bella.modules().enabled());
        withoutReviews.remove(Module.REVIEW_ENGINE);
        directory.put(new Tenant(bella.id(), bella.slug(), bella.name(), bella.branch(), Modules.of(withoutReviews),
                bella.config()), List.of("dev-key-bella-vista"));
        try {
            clock("2026-12-14T13:00:00+01:00");
            assertEquals(200, cronRoute().statusCode());
            LocalHttp.sleep(2000);
            assertTrue(reviewSmsTo("+41795558002").isEmpty(), "tenant without a review link");
            assertTrue(reviewSmsTo("+41795558003").isEmpty(), "opted-out number");
            assertTrue(reviewSmsTo("+41795558004").isEmpty(), "review engine off");
        } finally {
            directory.put(bella, List.of("dev-key-bella-vista"));
        }
    }
}
