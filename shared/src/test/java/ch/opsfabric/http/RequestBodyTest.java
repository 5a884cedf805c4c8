package ch.opsfabric.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestBodyTest {

    @Test
    void aJsonObjectInUtf8IsRead() {
        var json = RequestBody.jsonObject(request("application/json; charset=UTF-8", "{\"name\":\"Müller\"}"));
        assertEquals("Müller", json.path("name").asText());
    }

    @Test
    void trailingTokensDuplicateKeysAndNonObjectsAre400() {
        assertStatus(400, "application/json", "{\"from\":\"+41\"}xyz");
        assertStatus(400, "application/json", "{\"a\":1,\"a\":2}");
        assertStatus(400, "application/json", "[1,2]");
        assertStatus(400, "application/json", "");
    }

    @Test
    void theWrongTypeOrAnotherCharsetIs415() {
        assertStatus(415, "text/plain", "{}");
        assertStatus(415, "", "{}");
        assertStatus(415, "application/json; charset=ISO-8859-1", "{}");
        assertStatus(415, "application/json; charset=no-such-charset", "{}");
        assertStatus(415, "application/x-www-form-urlencoded; charset=\"x\u0001\"", "a=b");
    }

    @Test
    void malformedUtf8Is400NotReplacementCharacters() {
        APIGatewayV2HTTPEvent event = SyntheticRequests.request("POST", "/x", "/x",
                Map.of("content-type", "application/json"), Base64.getEncoder().encodeToString(
                        new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'}));
        event.setIsBase64Encoded(true);
        ApiException refused = assertThrows(ApiException.class, () -> RequestBody.jsonObject(new ApiRequest(event)));
        assertEquals(400, refused.status());
    }

    @Test
    void aBodyOverTheLimitIs413BeforeAnythingIsParsed() {
        String big = "{\"a\":\"" + "x".repeat(RequestBody.MAX_BYTES) + "\"}";
        assertStatus(413, "application/json", big);
        ApiException refused = assertThrows(ApiException.class,
                () -> RequestBody.form(request("application/x-www-form-urlencoded", "a=" + "x".repeat(70_000)),
                        StandardCharsets.UTF_8));
        assertEquals(413, refused.status());
    }

    @Test
    void aFormIsDecodedInTheCharsetItDeclaresElseInTheProvidersDefault() {
        var windows1252 = java.nio.charset.Charset.forName("windows-1252");
        assertEquals("Grüezi", RequestBody.form(request("application/x-www-form-urlencoded", "Message=Gr%FCezi"),
                windows1252).value("Message"));
        assertEquals("Grüezi", RequestBody.form(
                request("application/x-www-form-urlencoded; charset=utf-8", "Message=Gr%C3%BCezi"),
                windows1252).value("Message"));
        assertEquals(400, assertThrows(ApiException.class, () -> RequestBody.form(
                request("application/x-www-form-urlencoded", "Message=%G1"), StandardCharsets.UTF_8)).status());
        assertEquals(415, assertThrows(ApiException.class, () -> RequestBody.form(
                request("application/json", "a=b"), StandardCharsets.UTF_8)).status());
    }

    private static void assertStatus(int status, String contentType, String body) {
        ApiException refused = assertThrows(ApiException.class, () -> RequestBody.jsonObject(request(contentType, body)));
        assertEquals(status, refused.status());
    }

    private static ApiRequest request(String contentType, String body) {
        return new ApiRequest(SyntheticRequests.request("POST", "/x", "/x",
                contentType.isEmpty() ? Map.of() : Map.of("content-type", contentType), body));
    }
}
