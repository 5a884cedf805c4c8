package ch.opsfabric.smssender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.opsfabric.json.Json;
import ch.opsfabric.messaging.SmsKind;
import ch.opsfabric.messaging.SmsMessage;
import ch.opsfabric.messaging.SmsSendException;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SmsProvidersTest {

    private static final SmsMessage MESSAGE = new SmsMessage("t", "+41445550101", "+41795551234",
            "Sanitär Keller AG: Grüezi & danke", SmsKind.MISSED_CALL_MENU, "menu:x");

    private final RecordingHttpServer server = new RecordingHttpServer();

    SmsProvidersTest() throws Exception {
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void ecallGetsExactlyItsRestV2Request() throws Exception {
        server.answer(200, "{\"messageId\":\"00000000-0000-4000-8000-0000000ec411\"}");
        EcallSmsProvider ecall = new EcallSmsProvider(server.baseUrl() + "/", "api-user", "s3cret");
        assertEquals("00000000-0000-4000-8000-0000000ec411", ecall.send(MESSAGE));
        RecordingHttpServer.Request request = server.requests.get(0);
        assertEquals("POST", request.method());
        assertEquals("/api/v2/message", request.path());
        assertEquals(basic("api-user", "s3cret"), request.header("Authorization"));
        assertEquals("application/json", request.header("Content-Type"));
        JsonNode body = Json.parse(request.body());
        assertEquals(Json.parse("{\"channel\":\"Sms\",\"from\":\"+41445550101\",\"to\":\"+41795551234\","
                + "\"content\":{\"type\":\"Text\",\"text\":\"Sanitär Keller AG: Grüezi & danke\"}}"), body);
    }

    @Test
    void twilioGetsExactlyItsMessagesRequest() throws Exception {
        server.answer(201, "{\"sid\":\"SM0123456789abcdef0123456789abcdef\"}");
        TwilioSmsProvider twilio = new TwilioSmsProvider(server.baseUrl(), "AC0123", "tok");
        assertEquals("SM0123456789abcdef0123456789abcdef", twilio.send(MESSAGE));
        RecordingHttpServer.Request request = server.requests.get(0);
        assertEquals("/2010-04-01/Accounts/AC0123/Messages.json", request.path());
        assertEquals(basic("AC0123", "tok"), request.header("Authorization"));
        assertEquals("application/x-www-form-urlencoded", request.header("Content-Type"));
        assertEquals("To=%2B41795551234&From=%2B41445550101&Body=Sanit%C3%A4r+Keller+AG%3A+Gr%C3%BCezi+%26+danke",
                request.body());
    }

    @Test
    void postmarkGetsExactlyItsEmailRequest() throws Exception {
        server.answer(200, "{\"To\":\"anna@example.ch\",\"SubmittedAt\":\"2026-12-01T09:00:00Z\","
                + "\"MessageID\":\"b7bc2f4a-e38e-4336-af7d-e6c392c2f817\",\"ErrorCode\":0,\"Message\":\"OK\"}");
        PostmarkEmailProvider postmark = new PostmarkEmailProvider(server.baseUrl() + "/", "server-token",
                HttpSmsGateway.DEFAULT_TIMEOUT);
        String id = postmark.send(new ch.opsfabric.messaging.EmailMessage("t", "Sanitär Keller AG", "kontakt@mail.opsfabric.ch",
                "anna@example.ch", "Anna \"AB\" Muster", "inbound+keller@inbound.postmarkapp.com",
                "Ihre Anfrage bei Sanitär Keller AG [K-0112-ABCD]", "Guten Tag\n\nDanke.",
                java.util.List.of(new ch.opsfabric.messaging.EmailMessage.Header("Message-ID", "<confirm.1@mail.opsfabric.ch>"),
                        new ch.opsfabric.messaging.EmailMessage.Header("In-Reply-To", "<a-1@example.ch>")),
                "email_confirmation"));
        assertEquals("b7bc2f4a-e38e-4336-af7d-e6c392c2f817", id);
        RecordingHttpServer.Request request = server.requests.get(0);
        assertEquals("POST", request.method());
        assertEquals("/email", request.path());
        assertEquals("server-token", request.header("X-Postmark-Server-Token"));
        assertEquals("application/json", request.header("Content-Type"));
        assertEquals("application/json", request.header("Accept"));
        assertEquals(null, request.header("Authorization"), "Postmark takes the token header, no Basic auth");
        assertEquals(Json.parse("""
                {"From":"\\"Sanitär Keller AG\\" <kontakt@mail.opsfabric.ch>",
                 "To":"\\"Anna 'AB' Muster\\" <anna@example.ch>",
                 "ReplyTo":"inbound+keller@inbound.postmarkapp.com",
                 "Subject":"Ihre Anfrage bei Sanitär Keller AG [K-0112-ABCD]",
                 "TextBody":"Guten Tag\\n\\nDanke.",
                 "Tag":"email_confirmation",
                 "Headers":[{"Name":"Message-ID","Value":"<confirm.1@mail.opsfabric.ch>"},
                            {"Name":"In-Reply-To","Value":"<a-1@example.ch>"}],
                 "MessageStream":"outbound"}"""), Json.parse(request.body()));
    }

    @Test
    void postmarkRefusingARecipientIsPermanentAndItsOutageIsNot() {
        ch.opsfabric.messaging.EmailMessage message = new ch.opsfabric.messaging.EmailMessage("t", "B", "k@mail.opsfabric.ch",
                "gone@example.ch", null, null, "S", "T", java.util.List.of(), null);
        server.answer(422, "{\"ErrorCode\":406,\"Message\":\"You tried to send to recipient(s) that have been marked as inactive.\"}");
        SmsSendException inactive = assertThrows(SmsSendException.class,
                () -> new PostmarkEmailProvider(server.baseUrl(), "tok", HttpSmsGateway.DEFAULT_TIMEOUT).send(message));
        assertTrue(inactive.permanent());
        assertFalse(inactive.getMessage().contains("gone@example.ch"), "no address in the error");
        server.answer(503, "{}");
        assertFalse(assertThrows(SmsSendException.class,
                () -> new PostmarkEmailProvider(server.baseUrl(), "tok", HttpSmsGateway.DEFAULT_TIMEOUT).send(message)).permanent());
    }

    @Test
    void metaGetsExactlyItsCloudApiRequests() throws Exception {
        server.answer(200, "{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\"41795550123\","
                + "\"wa_id\":\"41795550123\"}],\"messages\":[{\"id\":\"wamid.HBgLNDE3OTU1NTAxMjMVAgARGBI\"}]}");
        MetaWhatsAppProvider meta = new MetaWhatsAppProvider(server.baseUrl() + "/v21.0/", "system-user-token",
                HttpSmsGateway.DEFAULT_TIMEOUT);
        assertEquals("wamid.HBgLNDE3OTU1NTAxMjMVAgARGBI", meta.send(new ch.opsfabric.messaging.WhatsAppMessage("t",
                "100000000000002", "+41795550123", "Grüezi & danke", java.util.List.of(), null)));
        RecordingHttpServer.Request text = server.requests.get(0);
        assertEquals("POST", text.method());
        assertEquals("/v21.0/100000000000002/messages", text.path());
        assertEquals("Bearer system-user-token", text.header("Authorization"));
        assertEquals("application/json", text.header("Content-Type"));
        assertEquals(Json.parse("{\"messaging_product\":\"whatsapp\",\"recipient_type\":\"individual\","
                + "\"to\":\"41795550123\",\"type\":\"text\",\"text\":{\"preview_url\":false,\"body\":\"Grüezi & danke\"}}"),
                Json.parse(text.body()));

        meta.send(new ch.opsfabric.messaging.WhatsAppMessage("t", "100000000000002", "+41795550123", "Wie dürfen wir helfen?",
                ch.opsfabric.messaging.WhatsAppRouting.MENU, null));
        assertEquals(Json.parse("{\"messaging_product\":\"whatsapp\",\"recipient_type\":\"individual\","
                + "\"to\":\"41795550123\",\"type\":\"interactive\",\"interactive\":{\"type\":\"button\","
                + "\"body\":{\"text\":\"Wie dürfen wir helfen?\"},\"action\":{\"buttons\":["
                + "{\"type\":\"reply\",\"reply\":{\"id\":\"menu_urgent\",\"title\":\"Dringend\"}},"
                + "{\"type\":\"reply\",\"reply\":{\"id\":\"menu_callback\",\"title\":\"Rückruf\"}},"
                + "{\"type\":\"reply\",\"reply\":{\"id\":\"menu_form\",\"title\":\"Formular\"}}]}}}"),
                Json.parse(server.requests.get(1).body()));

        meta.send(new ch.opsfabric.messaging.WhatsAppMessage("t", "100000000000002", "+41795550123", "x", java.util.List.of(),
                new ch.opsfabric.messaging.WhatsAppMessage.Template("status_update_v1", "de", java.util.List.of("Termin: Di 10:00"))));
        assertEquals(Json.parse("{\"messaging_product\":\"whatsapp\",\"recipient_type\":\"individual\","
                + "\"to\":\"41795550123\",\"type\":\"template\",\"template\":{\"name\":\"status_update_v1\","
                + "\"language\":{\"code\":\"de\"},\"components\":[{\"type\":\"body\",\"parameters\":"
                + "[{\"type\":\"text\",\"text\":\"Termin: Di 10:00\"}]}]}}"), Json.parse(server.requests.get(2).body()));

        server.answer(400, "{\"error\":{\"message\":\"Re-engagement message\",\"code\":131047}}");
        assertTrue(assertThrows(SmsSendException.class, () -> meta.send(new ch.opsfabric.messaging.WhatsAppMessage("t",
                "100000000000002", "+41795550123", "x", java.util.List.of(), null))).permanent(), "outside the window: permanent");
    }

    /** Meta throttles with a 400 and a code (error-codes reference, "Throttling errors"): not a reason to give up. */
    @Test
    void metasThrottlingCodesAreWaitsNotRefusals() {
        MetaWhatsAppProvider meta = new MetaWhatsAppProvider(server.baseUrl() + "/v21.0", "t", HttpSmsGateway.DEFAULT_TIMEOUT);
        ch.opsfabric.messaging.WhatsAppMessage message = new ch.opsfabric.messaging.WhatsAppMessage("t", "100000000000002",
                "+41795550123", "x", java.util.List.of(), null);
        server.answer(400, "{\"error\":{\"message\":\"(#130429) Rate limit hit\",\"type\":\"OAuthException\",\"code\":130429,"
                + "\"error_data\":{\"messaging_product\":\"whatsapp\",\"details\":\"Cloud API message throughput has been reached.\"},"
                + "\"fbtrace_id\":\"Az8or2yhqkZfEZ-_4Qn_Bam\"}}");
        SmsSendException throughput = assertThrows(SmsSendException.class, () -> meta.send(message));
        assertFalse(throughput.permanent());
        assertEquals(java.util.Optional.of(Duration.ofSeconds(5)), throughput.retryAfter());
        server.answer(400, "{\"error\":{\"message\":\"(#80007) Rate limit issues\",\"code\":80007}}");
        assertEquals(java.util.Optional.of(Duration.ofSeconds(60)), assertThrows(SmsSendException.class,
                () -> meta.send(message)).retryAfter());
        server.answer(400, "{\"error\":{\"message\":\"(#131056) pair rate limit hit\",\"code\":131056}}");
        SmsSendException pair = assertThrows(SmsSendException.class, () -> meta.send(message));
        assertFalse(pair.permanent(), "one person got two messages within 6 s: later, not never");
        assertTrue(pair.retryAfter().isEmpty(), "the others may go on");
        assertFalse(pair.getMessage().contains("41795550123"), "no number in the failure");
    }

    @Test
    void twilioGetsExactlyItsWhatsAppRequests() throws Exception {
        server.answer(201, "{\"sid\":\"SM0123456789abcdef0123456789abcdef\"}");
        TwilioWhatsAppProvider twilio = new TwilioWhatsAppProvider(server.baseUrl(), "AC0123", "tok",
                HttpSmsGateway.DEFAULT_TIMEOUT);
        assertEquals("SM0123456789abcdef0123456789abcdef", twilio.send(new ch.opsfabric.messaging.WhatsAppMessage("t",
                "+41445550202", "+41795550123", "Grüezi & danke", java.util.List.of(), null)));
        RecordingHttpServer.Request text = server.requests.get(0);
        assertEquals("/2010-04-01/Accounts/AC0123/Messages.json", text.path());
        assertEquals(basic("AC0123", "tok"), text.header("Authorization"));
        assertEquals("To=whatsapp%3A%2B41795550123&From=whatsapp%3A%2B41445550202&Body=Gr%C3%BCezi+%26+danke", text.body());
        twilio.send(new ch.opsfabric.messaging.WhatsAppMessage("t", "+41445550202", "+41795550123", "x", java.util.List.of(),
                new ch.opsfabric.messaging.WhatsAppMessage.Template("HX0123", "de", java.util.List.of("Termin \"Di\" 10:00"))));
        assertEquals("To=whatsapp%3A%2B41795550123&From=whatsapp%3A%2B41445550202&ContentSid=HX0123"
                + "&ContentVariables=%7B%221%22%3A%22Termin+%5C%22Di%5C%22+10%3A00%22%7D", server.requests.get(1).body());
    }

    @Test
    void clientErrorsArePermanent() {
        server.answer(400, "{\"errorCode\":\"InvalidRecipient\"}");
        SmsSendException e = assertThrows(SmsSendException.class,
                () -> new EcallSmsProvider(server.baseUrl(), "u", "p").send(MESSAGE));
        assertTrue(e.permanent());
        assertFalse(e.getMessage().contains("41795551234"), "no phone number in the error");
        server.answer(401, "{}");
        assertTrue(assertThrows(SmsSendException.class,
                () -> new TwilioSmsProvider(server.baseUrl(), "AC", "bad").send(MESSAGE)).permanent());
    }

    @Test
    void serverErrorsThrottlingAndTimeoutsAreTransient() {
        server.answer(503, "{}");
        assertFalse(assertThrows(SmsSendException.class,
                () -> new EcallSmsProvider(server.baseUrl(), "u", "p").send(MESSAGE)).permanent());
        server.answer(429, "{}");
        assertFalse(assertThrows(SmsSendException.class,
                () -> new TwilioSmsProvider(server.baseUrl(), "AC", "t").send(MESSAGE)).permanent());
        server.answer(200, "{}");
        server.delay(1500);
        SmsSendException timeout = assertThrows(SmsSendException.class,
                () -> new EcallSmsProvider(server.baseUrl(), "u", "p", Duration.ofMillis(300)).send(MESSAGE));
        assertFalse(timeout.permanent());
        assertTrue(timeout.getMessage().startsWith("timeout"), timeout.getMessage());
    }

    @Test
    void aThrottlingProviderSaysHowLongToWait() {
        server.answer(429, "{\"code\":20429,\"message\":\"Too Many Requests\"}", java.util.Map.of("Retry-After", "30"));
        SmsSendException throttled = assertThrows(SmsSendException.class,
                () -> new TwilioSmsProvider(server.baseUrl(), "AC", "t").send(MESSAGE));
        assertFalse(throttled.permanent());
        assertEquals(java.util.Optional.of(Duration.ofSeconds(30)), throttled.retryAfter());
        server.answer(429, "{}");
        assertEquals(java.util.Optional.of(RetryAfter.DEFAULT), assertThrows(SmsSendException.class,
                () -> new EcallSmsProvider(server.baseUrl(), "u", "p").send(MESSAGE)).retryAfter(), "a 429 without the header");
        server.answer(503, "{}");
        assertTrue(assertThrows(SmsSendException.class,
                () -> new EcallSmsProvider(server.baseUrl(), "u", "p").send(MESSAGE)).retryAfter().isEmpty(),
                "a 503 without the header is an ordinary transient failure");
    }

    @Test
    void unreachableProviderIsTransient() {
        server.close();
        assertFalse(assertThrows(SmsSendException.class,
                () -> new EcallSmsProvider(server.baseUrl(), "u", "p", Duration.ofMillis(500)).send(MESSAGE)).permanent());
    }
}
