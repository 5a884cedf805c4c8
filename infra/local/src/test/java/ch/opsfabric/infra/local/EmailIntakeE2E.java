package ch.opsfabric.infra.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.opsfabric.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * E-mail end to end: Postmark's webhook as Postmark calls it (Basic auth in the URL, the path
 * token, the fixture's JSON), each function in its own JVM under the Lambda runtime client, the
 * answers through the outbound queue and the sender to {@code /_local/email}, attachments in s3rver.
 */
class EmailIntakeE2E extends AgainstLocalStack {

    private static final String WEBHOOK = "/api/webhook/email/postmark/dev-email-token";
    private static final String BASIC = "Basic " + Base64.getEncoder().encodeToString(
            "postmark:dev-postmark-password".getBytes(StandardCharsets.UTF_8));
    private static final byte[] PNG = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==");

    /** The fixture, addressed to sanitaer-keller, from {@code from}, with its own ids. */
    private static ObjectNode mail(String from, String postmarkId, String messageId, String subject, String text) {
        ObjectNode mail = (ObjectNode) Json.parse(new String(ch.opsfabric.testing.Fixtures.bytes("postmark/inbound.json"),
                StandardCharsets.UTF_8));
        mail.put("MailboxHash", "sanitaer-keller").put("OriginalRecipient", "inbound+sanitaer-keller@inbound.postmarkapp.com");
        mail.put("From", from).put("MessageID", postmarkId).put("Subject", subject).put("StrippedTextReply", text)
                .put("TextBody", text);
        ((ObjectNode) mail.get("FromFull")).put("Email", from);
        ArrayNode headers = Json.array();
        headers.addObject().put("Name", "Message-ID").put("Value", messageId);
        mail.set("Headers", headers);
        mail.set("Attachments", Json.array());
        return mail;
    }

    private static HttpResponse<String> post(ObjectNode mail) {
        return http.send("POST", WEBHOOK, "application/json", Json.write(mail), "Authorization", BASIC);
    }

    private static JsonNode emailsTo(String address, int atLeast) {
        JsonNode all = http.await("/_local/email", list -> count(list, address) >= atLeast, Duration.ofSeconds(20));
        ArrayNode mine = Json.array();
        all.forEach(e -> {
            if (e.path("to").asText().equals(address)) {
                mine.add(e);
            }
        });
        return mine;
    }

    private static int count(JsonNode list, String address) {
        int n = 0;
        for (JsonNode e : list) {
            n += e.path("to").asText().equals(address) ? 1 : 0;
        }
        return n;
    }

    private static JsonNode ticket(String id) {
        return http.json(http.get("/api/tickets/" + id, "Authorization", "Bearer dev-key-sanitaer-keller"));
    }

    private static int tickets() {
        return http.json(http.get("/_local/tickets/sanitaer-keller")).size();
    }

    @Test
    void aWizardTicketWithAnAddressIsJoinedByTheCustomersEmailTheSameDay() {
        clock("2026-12-01T09:00:00+01:00");
        HttpResponse<String> wizard = http.postJson("/api/ticket", Json.write(Json.object().put("slug", "sanitaer-keller")
                .put("flow", "standard").put("name", "Lea Wyss").put("phone", "079 555 71 71")
                .put("email", "Lea.Wyss@example.ch").put("category", "Heizung").put("message", "Heizung kalt")
                .put("address", "Seestrasse 3, Zürich")));
        assertEquals(201, wizard.statusCode(), wizard.body());
        String id = http.json(wizard).get("ticketId").asText();

        HttpResponse<String> answer = post(mail("lea.wyss@example.ch", "e2e-lea-1", "<lea-1@example.ch>",
                "Nachtrag", "Es ist der Radiator im Bad."));
        assertEquals(200, answer.statusCode(), answer.body());
        assertEquals("joined", http.json(answer).get("status").asText());
        assertEquals(id, http.json(answer).get("ticketId").asText());
        JsonNode stored = ticket(id);
        assertEquals(2, stored.get("contactCount").asInt());
        JsonNode contact = http.json(http.get("/api/contacts/" + stored.get("contactId").asText(),
                "Authorization", "Bearer dev-key-sanitaer-keller"));
        assertEquals("[\"+41795557171\"]", contact.get("phones").toString());
        assertEquals("[\"lea.wyss@example.ch\"]", contact.get("emails").toString());
    }

    @Test
    void aReplyToOurConfirmationTwoDaysLaterJoinsTheSameTicket() {
        clock("2026-12-02T10:00:00+01:00");
        HttpResponse<String> first = post(mail("paul.frei@example.ch", "e2e-paul-1", "<paul-1@example.ch>",
                "Boiler defekt", "Kein Warmwasser seit heute Morgen."));
        assertEquals("created", http.json(first).get("status").asText(), first.body());
        String id = http.json(first).get("ticketId").asText();
        JsonNode confirmation = emailsTo("paul.frei@example.ch", 1).get(0);
        String reference = http.json(first).get("reference").asText();
        assertTrue(confirmation.get("subject").asText().endsWith("[" + reference + "]"), confirmation.toString());
        assertEquals("inbound+sanitaer-keller@inbound.postmarkapp.com", confirmation.get("replyTo").asText());
        assertEquals("<paul-1@example.ch>", confirmation.path("headers").path("In-Reply-To").asText());
        assertTrue(confirmation.get("text").asText().startsWith("Guten Tag"), "Sie-form, German");

        clock("2026-12-04T16:00:00+01:00");
        ObjectNode reply = mail("paul.frei@example.ch", "e2e-paul-2", "<paul-2@example.ch>",
                "Re: " + confirmation.get("subject").asText(), "Ich bin ab 17 Uhr zu Hause.");
        reply.withArray("Headers").addObject().put("Name", "In-Reply-To")
                .put("Value", confirmation.path("headers").path("Message-ID").asText());
        HttpResponse<String> second = post(reply);
        assertEquals("joined", http.json(second).get("status").asText(), second.body());
        assertEquals(id, http.json(second).get("ticketId").asText());
        LocalHttp.sleep(1500);
        assertEquals(1, count(http.json(http.get("/_local/email")), "paul.frei@example.ch"), "a reply is not answered again");
    }

    @Test
    void anAutoReplyIsNeitherAnsweredNorATicket() {
        clock("2026-12-02T11:00:00+01:00");
        int before = tickets();
        ObjectNode away = mail("ferien@example.ch", "e2e-away-1", "<away-1@example.ch>", "Abwesenheitsnotiz",
                "Ich bin bis am 5. Januar in den Ferien.");
        away.withArray("Headers").addObject().put("Name", "Auto-Submitted").put("Value", "auto-replied");
        HttpResponse<String> response = post(away);
        assertEquals(200, response.statusCode(), "Postmark must not retry it");
        assertEquals("ignored", http.json(response).get("status").asText());
        assertEquals(before, tickets());
        LocalHttp.sleep(1500);
        assertEquals(0, count(http.json(http.get("/_local/email")), "ferien@example.ch"));
    }

    @Test
    void wrongCredentialsAnUnknownTenantOrEmailSwitchedOffAre403AndStoreNothing() {
        int before = tickets();
        String body = Json.write(mail("x@example.ch", "e2e-x-1", "<x-1@example.ch>", "Hallo", "Hallo"));
        String wrong = "Basic " + Base64.getEncoder().encodeToString("postmark:guessed".getBytes(StandardCharsets.UTF_8));
        assertEquals(401, http.send("POST", WEBHOOK, "application/json", body).statusCode());
        assertEquals(403, http.send("POST", WEBHOOK, "application/json", body, "Authorization", wrong).statusCode());
        assertEquals(403, http.send("POST", "/api/webhook/email/postmark/guessed-token", "application/json", body,
                "Authorization", BASIC).statusCode());
        ObjectNode unknown = mail("x@example.ch", "e2e-x-2", "<x-2@example.ch>", "Hallo", "Hallo");
        unknown.put("MailboxHash", "gibt-es-nicht");
        HttpResponse<String> refused = post(unknown);
        assertEquals(403, refused.statusCode());
        assertEquals("unknown_recipient", http.json(refused).get("error").asText());
        ObjectNode off = mail("x@example.ch", "e2e-x-3", "<x-3@example.ch>", "Hallo", "Hallo");
        off.put("MailboxHash", "bella-vista");
        assertEquals(403, post(off).statusCode(), "bella-vista has e-mail off");
        assertEquals(before, tickets());
        assertEquals(0, http.json(http.get("/_local/tickets/bella-vista")).findValues("email").stream()
                .filter(e -> e.asText().equals("x@example.ch")).count());
    }

    @Test
    void aOnePixelPngBecomesAnS3ObjectWithExactlyThoseBytes() throws Exception {
        clock("2026-12-02T12:00:00+01:00");
        ObjectNode withPhoto = mail("foto@example.ch", "e2e-photo-1", "<photo-1@example.ch>", "Foto", "Siehe Foto.");
        withPhoto.withArray("Attachments").addObject().put("Name", "leck.png").put("ContentType", "image/png")
                .put("ContentLength", PNG.length).put("Content", Base64.getEncoder().encodeToString(PNG));
        HttpResponse<String> response = post(withPhoto);
        assertEquals(200, response.statusCode(), response.body());
        JsonNode history = ticket(http.json(response).get("ticketId").asText()).get("history");
        String key = null;
        for (JsonNode e : history) {
            if (e.path("type").asText().equals("attachment")) {
                key = e.path("objectKey").asText();
            }
        }
        assertTrue(key != null && key.startsWith("tenants/demo-sanitaer-keller/email/") && key.endsWith("/1-leck.png"), key);
        HttpResponse<byte[]> object = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(stack.s3Endpoint() + "/attachmentbucket/" + key)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, object.statusCode());
        assertArrayEquals(PNG, object.body());
        assertEquals("image/png", object.headers().firstValue("content-type").orElse(""));

        // the owner sees the mail, its file and the answer's delivery on the ticket page
        emailsTo("foto@example.ch", 1);
        String session = StaffSessions.signIn(stack.baseUrl(), http, "+41795550101");
        String ticketId = http.json(response).get("ticketId").asText();
        JsonNode delivered = ticket(ticketId);
        for (int i = 0; i < 100 && !delivered.toString().contains("\"type\":\"email\""); i++) {
            LocalHttp.sleep(100);
            delivered = ticket(ticketId);
        }
        assertTrue(delivered.toString().contains("\"type\":\"email\",\"source\":\"email_confirmation\",\"text\":\"sent\""),
                delivered.toString());
        HttpResponse<String> page = http.get("/app/tickets/" + ticketId, "cookie", session);
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("foto@example.ch"), "an address and no number: the address names the ticket");
        assertTrue(page.body().contains("leck.png (image/png, 70 B)"), page.body());
        assertTrue(page.body().contains("E-Mail: Bestätigung"), page.body());
    }

    @Test
    void aMissedCallAndAnEmailNamingItsNumberAtOnceMakeOneContactAndOneTicket() throws Exception {
        clock("2026-12-02T13:00:00+01:00");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> results = new ArrayList<>();
        results.add(pool.submit(() -> {
            start.await();
            return http.signedJson("/api/webhook/missed-call", Json.write(Json.object().put("from", "+41795558181")
                    .put("to", "+41445550101").put("callId", "e2e-race-call")));
        }));
        results.add(pool.submit(() -> {
            start.await();
            return post(mail("race@example.ch", "e2e-race-mail", "<race@example.ch>", "Rückruf bitte",
                    "Bitte rufen Sie mich zurück: 079 555 81 81"));
        }));
        start.countDown();
        for (Future<HttpResponse<String>> f : results) {
            assertEquals(200, f.get(30, TimeUnit.SECONDS).statusCode());
        }
        pool.shutdown();
        Set<String> ids = new HashSet<>();
        Set<String> contacts = new HashSet<>();
        for (JsonNode t : http.json(http.get("/_local/tickets/sanitaer-keller"))) {
            if ("+41795558181".equals(t.path("phone").asText()) || "race@example.ch".equals(t.path("email").asText())) {
                ids.add(t.get("id").asText());
                contacts.add(t.get("contactId").asText());
            }
        }
        assertEquals(1, ids.size(), ids.toString());
        assertEquals(1, contacts.size());
        JsonNode contact = http.json(http.get("/api/contacts/" + contacts.iterator().next(),
                "Authorization", "Bearer dev-key-sanitaer-keller"));
        assertEquals("[\"+41795558181\"]", contact.get("phones").toString());
        assertEquals("[\"race@example.ch\"]", contact.get("emails").toString());
    }

    @Test
    void staffMergeTwoContactsAndTheirTicketsMoveOnceEvenWhenAskedTwice() {
        clock("2026-12-02T14:00:00+01:00");
        String byMail = http.json(post(mail("zwei@example.ch", "e2e-merge-1", "<merge-1@example.ch>", "Offerte",
                "Bitte um eine Offerte."))).get("ticketId").asText();
        assertEquals(200, http.signedJson("/api/webhook/missed-call", Json.write(Json.object()
                .put("from", "+41795559292").put("to", "+41445550101").put("callId", "e2e-merge-call"))).statusCode());
        String from = ticket(byMail).get("contactId").asText();
        String into = http.json(http.get("/_local/tickets/sanitaer-keller")).findParents("phone").stream()
                .filter(t -> "+41795559292".equals(t.path("phone").asText())).findFirst().orElseThrow()
                .get("contactId").asText();
        String body = "{\"into\":\"" + into + "\"}";
        HttpResponse<String> merged = http.send("POST", "/api/contacts/" + from + "/merge", "application/json", body,
                "Authorization", "Bearer dev-key-sanitaer-keller");
        assertEquals(200, merged.statusCode(), merged.body());
        assertEquals(1, http.json(merged).get("ticketsMoved").asInt());
        assertEquals(into, ticket(byMail).get("contactId").asText());
        HttpResponse<String> again = http.send("POST", "/api/contacts/" + from + "/merge", "application/json", body,
                "Authorization", "Bearer dev-key-sanitaer-keller");
        assertEquals(200, again.statusCode());
        assertEquals(http.json(merged).get("tickets"), http.json(again).get("tickets"));
        assertEquals(404, http.send("POST", "/api/contacts/" + from + "/merge", "application/json", body,
                "Authorization", "Bearer dev-key-bella-vista").statusCode(), "another tenant's contact is not found");
        // the next mail from that address joins the surviving contact
        String next = http.json(post(mail("zwei@example.ch", "e2e-merge-2", "<merge-2@example.ch>", "Noch etwas",
                "Und der Termin?"))).get("ticketId").asText();
        assertEquals(into, ticket(next).get("contactId").asText());
    }

    @Test
    void everyMalformedBodyIsA4xxJsonAndNeverA5xx() {
        int before = tickets();
        List<String> bodies = List.of("", "{", "[]", "null", "{}", "{\"MessageID\":\"m\"}",
                "{\"MessageID\":\"m\",\"From\":\"not an address\"}",
                "{\"MessageID\":7,\"From\":\"a@example.ch\"}",
                "{\"MessageID\":\"m\",\"From\":\"a@example.ch\",\"Headers\":\"x\"}",
                "{\"MessageID\":\"m\",\"From\":\"a@example.ch\",\"Headers\":[{\"Name\":1}]}",
                "{\"MessageID\":\"m\",\"From\":\"a@example.ch\",\"Attachments\":[{\"Content\":\"***\"}]}",
                "{\"MessageID\":\"m\",\"From\":\"a@example.ch\",\"Attachments\":{}}",
                "{\"MessageID\":\"m\",\"From\":\"a@example.ch\",\"ToFull\":[\"x\"]}",
                "{\"MessageID\":\"m\",\"From\":\"a@example.ch\",\"Subject\":{\"a\":1}}",
                "{\"MessageID\":\"" + "x".repeat(300) + "\",\"From\":\"a@example.ch\"}");
        for (String body : bodies) {
            HttpResponse<String> response = http.send("POST", WEBHOOK, "application/json", body, "Authorization", BASIC);
            assertTrue(response.statusCode() >= 400 && response.statusCode() < 500, body + " → " + response.statusCode());
            assertTrue(http.json(response).has("error"), body + " → " + response.body());
            assertFalse(response.body().contains("Exception"), response.body());
        }
        assertEquals(415, http.send("POST", WEBHOOK, "text/plain", "{}", "Authorization", BASIC).statusCode());
        assertEquals(before, tickets());
    }

    @Test
    void theFixtureAsPostmarkSendsItIsAccepted() throws IOException {
        clock("2026-12-02T15:00:00+01:00");
        ObjectNode fixture = (ObjectNode) Json.parse(new String(ch.opsfabric.testing.Fixtures.bytes("postmark/inbound.json"),
                StandardCharsets.UTF_8));
        fixture.put("MailboxHash", "");
        fixture.set("ToFull", Json.parse("[{\"Email\":\"3f8a1c2e+sanitaer-keller@inbound.postmarkapp.com\",\"Name\":\"\",\"MailboxHash\":\"\"}]"));
        fixture.put("OriginalRecipient", "");
        HttpResponse<String> response = post(fixture);
        assertEquals(200, response.statusCode(), "the tenant from a recipient's plus-address: " + response.body());
    }
}
