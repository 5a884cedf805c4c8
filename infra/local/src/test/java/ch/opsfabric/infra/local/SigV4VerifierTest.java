package ch.opsfabric.infra.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The local gateway's SigV4 check against AWS's published Signature Version 4 test suite
 * (credentials AKIDEXAMPLE, 2015-08-30T12:36:00Z, us-east-1, service "service"), so the local
 * check is the algorithm AWS documents, not a mirror of the SDK signer the CLI uses.
 */
class SigV4VerifierTest {

    static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    static final Clock AT_SIGNING = Clock.fixed(Instant.parse("2015-08-30T12:36:00Z"), ZoneOffset.UTC);
    final SigV4Verifier verifier = new SigV4Verifier(Map.of("AKIDEXAMPLE", SECRET), "us-east-1", "service",
            "000000000000", AT_SIGNING);

    static Map<String, String> headers(String signature) {
        Map<String, String> headers = new HashMap<>();
        headers.put("host", "example.amazonaws.com");
        headers.put("x-amz-date", "20150830T123600Z");
        headers.put("authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
                + "SignedHeaders=host;x-amz-date, Signature=" + signature);
        return headers;
    }

    @Test
    void getVanilla() {
        assertEquals("5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31",
                verifier.signature(SECRET, "20150830", "20150830T123600Z", "GET", "/", "", List.of("host", "x-amz-date"),
                        headers(""), new byte[0]));
        assertTrue(verifier.verify("GET", "/", null,
                headers("5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"), new byte[0]).caller().isPresent());
    }

    @Test
    void getVanillaQueryOrderKeyCaseSortsTheQuery() {
        assertTrue(verifier.verify("GET", "/", "Param2=value2&Param1=value1",
                headers("b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500"), new byte[0]).caller().isPresent());
    }

    @Test
    void aChangedBodyPathKeyOrTimeIsRefused() {
        String good = "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31";
        assertEquals(SigV4Verifier.MISMATCH, verifier.verify("GET", "/", null, headers(good),
                "x".getBytes(StandardCharsets.UTF_8)).refusal());
        assertEquals(SigV4Verifier.MISMATCH, verifier.verify("GET", "/other", null, headers(good), new byte[0]).refusal());
        assertEquals(SigV4Verifier.MISMATCH, verifier.verify("POST", "/", null, headers(good), new byte[0]).refusal());
        SigV4Verifier otherSecret = new SigV4Verifier(Map.of("AKIDEXAMPLE", "not-the-secret"), "us-east-1", "service",
                "000000000000", AT_SIGNING);
        assertEquals(SigV4Verifier.MISMATCH, otherSecret.verify("GET", "/", null, headers(good), new byte[0]).refusal());
        SigV4Verifier later = new SigV4Verifier(Map.of("AKIDEXAMPLE", SECRET), "us-east-1", "service", "000000000000",
                Clock.offset(AT_SIGNING, java.time.Duration.ofMinutes(16)));
        assertTrue(later.verify("GET", "/", null, headers(good), new byte[0]).refusal().startsWith("Signature expired"));
    }

    @Test
    void unsignedOrUnknownKeysAreForbidden() {
        Map<String, String> none = headers("x");
        none.remove("authorization");
        assertEquals(SigV4Verifier.FORBIDDEN, verifier.verify("GET", "/", null, none, new byte[0]).refusal());
        Map<String, String> stranger = headers("5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
        stranger.put("authorization", stranger.get("authorization").replace("AKIDEXAMPLE", "AKIASTRANGER"));
        assertEquals(SigV4Verifier.INVALID_TOKEN, verifier.verify("GET", "/", null, stranger, new byte[0]).refusal());
        Map<String, String> otherRegion = headers("5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
        otherRegion.put("authorization", otherRegion.get("authorization").replace("us-east-1", "eu-west-1"));
        assertTrue(verifier.verify("GET", "/", null, otherRegion, new byte[0]).refusal().startsWith("Credential should be scoped"));
    }
}
