package ch.opsfabric.infra.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.opsfabric.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The ROI page against a scripted week on a fresh stack: 4 missed calls from mobiles and one
 * withheld, menu answers 1, 1 and 2, three tickets moved to SCHEDULED or later (recovered), one of
 * them done with its review request sent and clicked. The page must show exactly these figures, in Chromium.
 */
class RoiBrowserE2E extends AgainstLocalStackOnAPhone {

    static final String LINE = "+41445550101";


    static HttpResponse<String> signed(String path, String body) {
        HttpResponse<String> r = http.signedJson(path, body);
        assertEquals(200, r.statusCode(), r.body());
        return r;
    }

    static String missedCall(String from, String callId) {
        return http.json(signed("/api/webhook/missed-call",
                Json.write(Json.object().put("from", from).put("to", LINE).put("callId", callId)))).path("ticketId").asText();
    }

    static void answer(String from, String text, String id) {
        signed("/api/webhook/sms-reply", Json.write(Json.object().put("from", from).put("to", LINE).put("text", text)
                .put("messageId", id)));
    }

    static void patch(String id, String json) {
        HttpResponse<String> r = http.send("PATCH", "/api/tickets/" + id, "application/json", json,
                "Authorization", "Bearer dev-key-sanitaer-keller");
        assertEquals(200, r.statusCode(), r.body());
    }

    static long count(String kind) {
        long n = 0;
        for (JsonNode sms : http.json(http.get("/_local/sms"))) {
            n += sms.path("kind").asText().equals(kind) ? 1 : 0;
        }
        return n;
    }

    @Test
    void theRoiPageShowsExactlyTheScriptedWeek() throws Exception {
        http.setClock("2026-12-02T09:00:00+01:00");
        String a = missedCall("+41795550401", "roi-1");
        String b = missedCall("+41795550402", "roi-2");
        String c = missedCall("+41795550403", "roi-3");
        missedCall("+41795550404", "roi-4");
        missedCall("anonymous", "roi-5");
        missedCall("+41795550401", "roi-1");
        http.await("/_local/sms", list -> count("missed_call_menu") == 4, Duration.ofSeconds(15));
        answer("+41795550401", "1", "roi-sms-1");
        answer("+41795550402", "1", "roi-sms-2");
        answer("+41795550403", "2", "roi-sms-3");
        answer("+41795550403", "2", "roi-sms-3");
        patch(a, "{\"status\":\"SCHEDULED\",\"appointmentAt\":\"2026-12-03T10:00:00+01:00\"}");
        patch(b, "{\"status\":\"IN_PROGRESS\"}");
        patch(b, "{\"status\":\"DONE\"}");
        patch(c, "{\"status\":\"SCHEDULED\",\"appointmentAt\":\"2026-12-04T10:00:00+01:00\"}");
        // back and forward again: still one recovered call
        patch(c, "{\"status\":\"NEEDS_CALLBACK\"}");
        patch(c, "{\"status\":\"SCHEDULED\",\"appointmentAt\":\"2026-12-04T11:00:00+01:00\"}");
        http.setClock("2026-12-02T12:05:00+01:00");
        http.await("/_local/sms", list -> count("review_request") == 1, Duration.ofSeconds(20));
        String text = "";
        for (JsonNode sms : http.json(http.get("/_local/sms"))) {
            if (sms.path("kind").asText().equals("review_request")) {
                text = sms.path("text").asText();
            }
        }
        String link = text.substring(text.indexOf(stack.baseUrl() + "/r/")).split("\\s")[0];
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        for (int i = 0; i < 2; i++) {
            assertEquals(302, client.send(HttpRequest.newBuilder(URI.create(link)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode());
        }

        PhoneBrowser.signIn(driver, http, stack.baseUrl(), "+41795550101", "+41795550101");
        driver.get(stack.baseUrl() + "/app/roi?range=CUSTOM&from=2026-12-01&to=2026-12-06");
        String page = driver.findElement(By.tagName("main")).getText();
        PhoneBrowser.screenshot(driver, "app-roi");
        assertTrue(page.contains("Verpasste Anrufe\n5 (davon 1 mit unterdrückter Nummer)"), page);
        assertTrue(page.contains("Menü-SMS gesendet\n4"), page);
        assertTrue(page.contains("1 = Dringend: 2 · 2 = Rückruf: 1 · 3 = Formular: 0 · anderes: 0"), page);
        // a, c (scheduled) and b (in progress, then done): c counted once although it went back and forth
        assertTrue(page.contains("Zurückgewonnene Anrufe\n3 "), page);
        assertTrue(page.contains("Verpasster Anruf: 4"), page);
        assertTrue(page.contains("Bewertungsanfragen\n1 gesendet, 1 geklickt (100 %)"), page);
        assertTrue(page.contains("CHF 1'260"), page);
        assertTrue(page.contains("3 zurückgewonnene Aufträge × CHF 420 (Ihr durchschnittlicher Auftragswert) = CHF 1'260"), page);
        assertTrue(page.contains("Innerhalb der Antwortzeit\n100 % von 3"), page);
        assertEquals(7, driver.findElements(By.cssSelector("svg.chart title")).stream()
                .filter(t -> t.getAttribute("id") != null && t.getAttribute("id").startsWith("chart-")).count());

        String csv = new String(client.send(HttpRequest.newBuilder(URI.create(stack.baseUrl()
                        + "/app/roi/export?range=CUSTOM&from=2026-12-01&to=2026-12-06"))
                .header("cookie", "ofs=" + driver.manage().getCookieNamed("ofs").getValue()).build(),
                HttpResponse.BodyHandlers.ofByteArray()).body(), StandardCharsets.UTF_8);
        assertTrue(csv.startsWith("day,missed_calls,withheld_calls,menu_sms_sent"), csv);
        assertTrue(csv.contains("\r\n2026-12-02,5,1,4,2,1,0,0,3,4,0,0,0,0,0,3,3,1,1\r\n"), csv);
        assertEquals(7, csv.split("\r\n").length, "a header and one row per day");
    }
}
