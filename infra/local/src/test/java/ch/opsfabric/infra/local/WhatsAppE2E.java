package ch.opsfabric.infra.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.opsfabric.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * WhatsApp end to end: Meta's handshake and signed webhooks as Meta sends them, the function in its
 * own JVM under the runtime client, the photo fetched from the local Graph API through the media
 * queue into s3rver, on the ticket of bella-vista (phone_number_id 100000000000002).
 */
class WhatsAppE2E extends AgainstLocalStack {

    private static final String WEBHOOK = "/api/webhook/whatsapp/meta";
    private static final String AUTH = "Bearer dev-key-bella-vista";

    private static String signature(String body) {
        return "sha256=" + HexFormat.of().formatHex(ch.opsfabric.crypto.Hashes.hmac("HmacSHA256", "dev-meta-app-secret",
                body.getBytes(StandardCharsets.UTF_8)));
    }

    private static HttpResponse<String> post(String body) {
        return http.send("POST", WEBHOOK, "application/json", body, "X-Hub-Signature-256", signature(body));
    }

    private static String message(String wamid, String from, String type, String part) {
        return "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"100000000000001\",\"changes\":[{\"value\":{"
                + "\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":\"41445550202\","
                + "\"phone_number_id\":\"100000000000002\"},\"contacts\":[{\"profile\":{\"name\":\"Giulia Rossi\"},"
                + "\"wa_id\":\"" + from + "\"}],\"messages\":[{\"from\":\"" + from + "\",\"id\":\"" + wamid + "\","
                + "\"timestamp\":\"" + now().getEpochSecond() + "\",\"type\":\"" + type + "\",\"" + type + "\":"
                + part + "}]},\"field\":\"messages\"}]}]}";
    }

    /** The stack's clock: messages are stamped by it, as Meta stamps them by the real one. */
    private static java.time.Instant now() {
        return java.time.Instant.parse(http.json(http.get("/_local/clock")).get("utc").asText());
    }

    private static JsonNode whatsappTo(String to, int atLeast) {
        JsonNode all = http.await("/_local/whatsapp", list -> count(list, to) >= atLeast, java.time.Duration.ofSeconds(20));
        com.fasterxml.jackson.databind.node.ArrayNode mine = Json.array();
        all.forEach(m -> {
            if (to.equals(m.path("to").asText())) {
                mine.add(m);
            }
        });
        return mine;
    }

    private static int count(JsonNode list, String to) {
        int n = 0;
        for (JsonNode m : list) {
            n += to.equals(m.path("to").asText()) ? 1 : 0;
        }
        return n;
    }

    @Test
    void answersRespectTheTwentyFourHourWindow() {
        String customer = "+41795557304";
        assertEquals(200, post(message("wamid.e2e-window-1", "41795557304", "text",
                "{\"body\":\"Ist am Freitag noch ein Tisch frei?\"}")).statusCode());
        // the customer just wrote: the confirmation goes by WhatsApp, as free text
        JsonNode confirmation = whatsappTo(customer, 1).get(0);
        assertTrue(confirmation.get("text").asText().startsWith("Ristorante Bella Vista: Vielen Dank"), confirmation.toString());
        assertEquals("100000000000002", confirmation.get("from").asText());
        assertTrue(!confirmation.has("template"));

        // Meta's statuses, out of order: read first, then the late delivered changes nothing back
        String wamid = confirmation.get("messageId").asText();
        String read = status(wamid, "read", "41795557304");
        assertEquals(1, http.json(post(read)).get("statusesApplied").asInt());
        assertEquals(0, http.json(post(status(wamid, "delivered", "41795557304"))).get("statusesApplied").asInt());

        // a missed call while the window is open: the menu as WhatsApp reply buttons
        http.signedJson("/api/webhook/missed-call", Json.write(Json.object().put("from", customer)
                .put("to", "+41445550202").put("callId", "e2e-window-call-1")));
        JsonNode menu = whatsappTo(customer, 2).get(1);
        assertEquals("[{\"id\":\"menu_urgent\",\"title\":\"Dringend\"},{\"id\":\"menu_callback\",\"title\":\"Rückruf\"},"
                + "{\"id\":\"menu_form\",\"title\":\"Formular\"}]", menu.get("buttons").toString());

        // 25 hours later the window is closed and bella-vista has no approved template: SMS it is
        java.time.Instant later = now().plus(java.time.Duration.ofHours(25));
        clock(later.atZone(java.time.ZoneId.of("Europe/Zurich")).toOffsetDateTime().toString());
        assertEquals(0, menuSms(http.json(http.get("/_local/sms")), customer), "the menu went by WhatsApp before");
        http.signedJson("/api/webhook/missed-call", Json.write(Json.object().put("from", customer)
                .put("to", "+41445550202").put("callId", "e2e-window-call-2")));
        http.await("/_local/sms", list -> menuSms(list, customer) == 1, java.time.Duration.ofSeconds(20));
        assertEquals(2, count(http.json(http.get("/_local/whatsapp")), customer), "nothing more by WhatsApp");
    }

    @Test
    void theDringendButtonAlertsTheOwnerBySmsAndAnswersByWhatsApp() {
        String customer = "+41795557305";
        post(message("wamid.e2e-urgent-1", "41795557305", "text", "{\"body\":\"Wasser tropft aus der Decke\"}"));
        post(message("wamid.e2e-urgent-2", "41795557305", "interactive",
                "{\"type\":\"button_reply\",\"button_reply\":{\"id\":\"menu_urgent\",\"title\":\"Dringend\"}}"));
        JsonNode answers = whatsappTo(customer, 2);
        assertTrue(answers.get(1).get("text").asText().contains("Ristorante Bella Vista"), answers.toString());
        JsonNode alert = http.await("/_local/sms", list -> {
            for (JsonNode s : list) {
                if (s.path("kind").asText().equals("urgent_alert") && s.path("text").asText().contains(customer)) {
                    return true;
                }
            }
            return false;
        }, java.time.Duration.ofSeconds(20));
        assertTrue(alert.toString().contains("im Menü «Dringend» gewählt"));
        for (JsonNode t : http.json(http.get("/_local/tickets/bella-vista"))) {
            if (customer.equals(t.path("phone").asText())) {
                assertEquals("HIGH", t.get("urgency").asText());
            }
        }
    }

    private static int menuSms(JsonNode list, String to) {
        int n = 0;
        for (JsonNode s : list) {
            n += to.equals(s.path("to").asText()) && s.path("kind").asText().equals("missed_call_menu") ? 1 : 0;
        }
        return n;
    }

    private static String status(String wamid, String status, String recipient) {
        return "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"100000000000001\",\"changes\":[{\"value\":{"
                + "\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":\"41445550202\","
                + "\"phone_number_id\":\"100000000000002\"},\"statuses\":[{\"id\":\"" + wamid + "\",\"status\":\"" + status
                + "\",\"timestamp\":\"" + now().getEpochSecond() + "\",\"recipient_id\":\"" + recipient + "\"}]},"
                + "\"field\":\"messages\"}]}]}";
    }

    private static int tickets() {
        return http.json(http.get("/_local/tickets/bella-vista")).size();
    }

    @Test
    void theHandshakeAnswersMetasChallengeForTheRightTokenOnly() {
        HttpResponse<String> ok = http.get(WEBHOOK + "?hub.mode=subscribe&hub.challenge=1158201444"
                + "&hub.verify_token=dev-whatsapp-verify-token");
        assertEquals(200, ok.statusCode(), ok.body());
        assertEquals("1158201444", ok.body());
        assertTrue(ok.headers().firstValue("content-type").orElse("").startsWith("text/plain"));
        assertEquals(403, http.get(WEBHOOK + "?hub.mode=subscribe&hub.challenge=1&hub.verify_token=guessed").statusCode());
        assertEquals(403, http.get(WEBHOOK).statusCode());
    }

    @Test
    void aPhotoBecomesATicketWithThePhotoInTheBucket() throws Exception {
        String body = message("wamid.e2e-photo-1", "41795557301", "image", "{\"caption\":\"Reservation f\\u00fcr 4, "
                + "hier unser Tisch\",\"mime_type\":\"image/jpeg\",\"sha256\":\"" + LocalGraphApi.sampleSha256()
                + "\",\"id\":\"2000000000000001\"}");
        HttpResponse<String> response = post(body);
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(1, http.json(response).get("recorded").asInt());

        JsonNode ticket = http.await("/_local/tickets/bella-vista", list -> {
            for (JsonNode t : list) {
                if ("+41795557301".equals(t.path("phone").asText()) && t.toString().contains("objectKey")) {
                    return true;
                }
            }
            return false;
        }, java.time.Duration.ofSeconds(20));
        JsonNode mine = null;
        for (JsonNode t : ticket) {
            if ("+41795557301".equals(t.path("phone").asText())) {
                mine = t;
            }
        }
        assertEquals("whatsapp", mine.get("source").asText());
        assertEquals("Giulia Rossi", mine.get("name").asText());
        assertEquals("[Foto] Reservation für 4, hier unser Tisch", mine.get("message").asText());
        String key = null;
        for (JsonNode e : mine.get("history")) {
            if (e.path("type").asText().equals("attachment")) {
                key = e.get("objectKey").asText();
                assertEquals("WhatsApp-Foto 2000000000000001 (image/jpeg, " + LocalGraphApi.SAMPLE_JPEG.length + " B)",
                        e.get("text").asText());
            }
        }
        assertTrue(key.startsWith("tenants/demo-bella-vista/whatsapp/") && key.endsWith("/2000000000000001.jpg"), key);
        HttpResponse<byte[]> object = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(stack.s3Endpoint() + "/attachmentbucket/" + key)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, object.statusCode());
        assertArrayEquals(LocalGraphApi.SAMPLE_JPEG, object.body());

        // Meta's retry of the same webhook changes nothing, the file included
        assertEquals(1, http.json(post(body)).get("duplicates").asInt());
        LocalHttp.sleep(1500);
        JsonNode again = http.json(http.get("/api/tickets/" + mine.get("id").asText(), "Authorization", AUTH));
        assertEquals(1, again.get("contactCount").asInt());
        assertEquals(1, again.get("history").findValues("objectKey").size());
    }

    @Test
    void aMissingOrWrongSignatureIsRefusedAndStoresNothing() {
        int before = tickets();
        String body = message("wamid.e2e-forged", "41795557302", "text", "{\"body\":\"Hallo\"}");
        assertEquals(401, http.send("POST", WEBHOOK, "application/json", body).statusCode());
        assertEquals(403, http.send("POST", WEBHOOK, "application/json", body, "X-Hub-Signature-256",
                "sha256=" + "ab".repeat(32)).statusCode());
        HttpResponse<String> malformed = http.send("POST", WEBHOOK, "application/json", "{\"object\":1}",
                "X-Hub-Signature-256", signature("{\"object\":1}"));
        assertEquals(400, malformed.statusCode());
        assertTrue(http.json(malformed).has("error"));
        assertEquals(before, tickets());
    }

    @Test
    void aTextJoinsTheSameContactsTicketOfTheDay() {
        String first = http.json(post(message("wamid.e2e-text-1", "41795557303", "text",
                "{\"body\":\"Haben Sie heute Abend einen Tisch f\\u00fcr 2?\"}"))).toString();
        assertTrue(first.contains("\"recorded\":1"), first);
        post(message("wamid.e2e-text-2", "41795557303", "interactive",
                "{\"type\":\"button_reply\",\"button_reply\":{\"id\":\"menu_callback\",\"title\":\"R\\u00fcckruf\"}}"));
        int count = 0;
        for (JsonNode t : http.json(http.get("/_local/tickets/bella-vista"))) {
            if ("+41795557303".equals(t.path("phone").asText())) {
                count++;
                assertEquals(2, t.get("contactCount").asInt());
            }
        }
        assertEquals(1, count);
        assertTrue(Json.write(http.json(http.get("/_local/tickets/bella-vista"))).contains("Rückruf"));
    }
}
