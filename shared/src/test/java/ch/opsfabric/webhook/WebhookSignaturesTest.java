package ch.opsfabric.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.opsfabric.app.Secrets;
import ch.opsfabric.testing.Fixtures;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class WebhookSignaturesTest {

    @Test
    void opsFabricHmacOverTheRawBody() {
        byte[] body = "{\"from\":\"+41795551234\"}".getBytes(StandardCharsets.UTF_8);
        String header = OpsFabricSignature.sign("dev-webhook-secret", body);
        assertTrue(header.matches("sha256=[0-9a-f]{64}"));
        assertTrue(OpsFabricSignature.verify("dev-webhook-secret", body, header));
        assertTrue(OpsFabricSignature.verify("dev-webhook-secret", body, header.toUpperCase().replace("SHA256", "sha256")));
        assertFalse(OpsFabricSignature.verify("other", body, header));
        assertFalse(OpsFabricSignature.verify("dev-webhook-secret", "{}".getBytes(StandardCharsets.UTF_8), header));
        assertFalse(OpsFabricSignature.verify("dev-webhook-secret", body, null));
    }

    @Test
    void sipgateRsaSignatureWithAKeyPairOfOurOwn() throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(pair.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n";
        byte[] body = Fixtures.bytes("sipgate/hangup-cancel.form");
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(pair.getPrivate());
        rsa.update(body);
        String header = Base64.getEncoder().encodeToString(rsa.sign());
        SipgateSignature verifier = new SipgateSignature(pem);
        assertTrue(verifier.verify(body, header));
        assertFalse(verifier.verify("event=hangup".getBytes(StandardCharsets.UTF_8), header));
        assertFalse(verifier.verify(body, "not base64 !!"));
        assertFalse(new SipgateSignature(Secrets.bundledSipgateKey()).verify(body, header), "not signed by sipgate");
        assertThrows(IllegalArgumentException.class, () -> new SipgateSignature("garbage"));
    }

    @Test
    void ecallFixturesDecodeAsWindows1252() {
        FormBody query = FormBody.parse(Fixtures.text("ecall/answer-callback.query"), Charset.forName("windows-1252"));
        assertEquals("Ja gerne, Termin am Donnerstag passt. Grüsse, Anna", query.value("Message"));
        assertEquals("11.03.2025 09:17:45", query.value("TimeStamp"));
        assertEquals("0041795550123", query.value("AddressFrom"));
        assertEquals("Answer", query.value("Function"));
        FormBody form = FormBody.parse(Fixtures.text("ecall/answer-callback.form"), Charset.forName("windows-1252"));
        assertEquals(query.pairs(), form.pairs());
    }

    @Test
    void sipgateFixturesWithEncodedArrayKeys() {
        FormBody newCall = FormBody.parse(Fixtures.text("sipgate/newcall.form"), StandardCharsets.UTF_8);
        assertEquals("Praxis Muster Empfang", newCall.value("user[]"));
        FormBody hangup = FormBody.parse(Fixtures.text("sipgate/hangup-cancel.form"), StandardCharsets.UTF_8);
        assertEquals("cancel", hangup.value("cause"));
        assertEquals("41795550123", hangup.value("from"));
    }

    @Test
    void twilioSmsFixtureIsUtf8() {
        FormBody sms = FormBody.parse(Fixtures.text("twilio/sms-inbound.form"), StandardCharsets.UTF_8);
        assertEquals("Ja bitte, rufen Sie mich morgen ab 10 Uhr zurück. Danke!", sms.value("Body"));
    }

    @Test
    void brokenEscapesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> FormBody.parse("a=%G1", StandardCharsets.UTF_8));
        assertThrows(IllegalArgumentException.class, () -> FormBody.parse("a=%4", StandardCharsets.UTF_8));
    }
}
