package ch.opsfabric.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.opsfabric.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class TwilioSignatureTest {

    private static final String FIXTURE_TOKEN = "test-auth-token-0123456789abcdef";

    @Test
    void twiliosDocumentedTestVector() {
        List<FormBody.Pair> params = List.of(
                new FormBody.Pair("Digits", "1234"),
                new FormBody.Pair("CallSid", "CA1234567890ABCDE"),
                new FormBody.Pair("To", "+18005551212"),
                new FormBody.Pair("Caller", "+14158675309"),
                new FormBody.Pair("From", "+14158675309"));
        String url = "https://mycompany.com/myapp.php?foo=1&bar=2";
        assertEquals("RSOYDt4T1cUTdK1PDd93/VVr8B8=", TwilioSignature.sign("12345", url, params));
        assertTrue(TwilioSignature.verify("12345", url, params, "RSOYDt4T1cUTdK1PDd93/VVr8B8="));
    }

    @ParameterizedTest
    @CsvSource({
            "voice-dial-action-no-answer.form, https://hooks.opsfabric.example/twilio/voice/dial-action?t=praxis-muster, ZewkOpTeVsnvkXko+92cVDWomng=",
            "voice-dial-action-busy.form, https://hooks.opsfabric.example/twilio/voice/dial-action?t=praxis-muster, EsdcNX3djunRb0oLddsxsebzQ6k=",
            "voice-dial-action-completed.form, https://hooks.opsfabric.example/twilio/voice/dial-action?t=praxis-muster, oalqHqmAEfnZ8OVdojg6vomfs68=",
            "sms-inbound.form, https://hooks.opsfabric.example/twilio/sms/inbound?t=praxis-muster, bkF7Rxhj+GyZTqcYxoU948hST+I="})
    void everyFixtureVerifies(String file, String url, String signature) {
        FormBody form = FormBody.parse(Fixtures.text("twilio/" + file), StandardCharsets.UTF_8);
        assertTrue(TwilioSignature.verify(FIXTURE_TOKEN, url, form.pairs(), signature));
        assertTrue(Fixtures.text("twilio/" + file + ".headers").contains("X-Twilio-Signature: " + signature));
    }

    @Test
    void tamperingFails() {
        FormBody form = FormBody.parse(Fixtures.text("twilio/voice-dial-action-no-answer.form"), StandardCharsets.UTF_8);
        String url = "https://hooks.opsfabric.example/twilio/voice/dial-action?t=praxis-muster";
        String good = "ZewkOpTeVsnvkXko+92cVDWomng=";
        assertFalse(TwilioSignature.verify(FIXTURE_TOKEN, url.replace("?t=praxis-muster", ""), form.pairs(), good));
        assertFalse(TwilioSignature.verify(FIXTURE_TOKEN, url.replace("https", "http"), form.pairs(), good));
        assertFalse(TwilioSignature.verify("other-token", url, form.pairs(), good));
        FormBody changed = FormBody.parse(Fixtures.text("twilio/voice-dial-action-no-answer.form")
                .replace("no-answer", "completed"), StandardCharsets.UTF_8);
        assertFalse(TwilioSignature.verify(FIXTURE_TOKEN, url, changed.pairs(), good));
        assertFalse(TwilioSignature.verify(FIXTURE_TOKEN, url, form.pairs(), ""));
        assertFalse(TwilioSignature.verify(FIXTURE_TOKEN, url, form.pairs(), null));
    }

    @Test
    void acceptsTheUrlWithOrWithoutTheDefaultPort() {
        List<FormBody.Pair> params = List.of(new FormBody.Pair("A", "1"));
        String signedWithPort = TwilioSignature.sign("t", "https://example.com:443/hook", params);
        assertTrue(TwilioSignature.verify("t", "https://example.com/hook", params, signedWithPort));
        String signedWithout = TwilioSignature.sign("t", "https://example.com/hook", params);
        assertTrue(TwilioSignature.verify("t", "https://example.com:443/hook", params, signedWithout));
    }
}
