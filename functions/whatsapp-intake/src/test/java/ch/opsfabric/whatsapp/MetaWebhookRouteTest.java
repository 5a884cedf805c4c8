package ch.opsfabric.whatsapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.opsfabric.http.ApiRequest;
import ch.opsfabric.http.ApiException;
import ch.opsfabric.json.Json;
import ch.opsfabric.stats.DailyStats;
import ch.opsfabric.testing.ApiGatewayEvents;
import ch.opsfabric.testing.Fixtures;
import ch.opsfabric.testing.fakes.InMemoryOptOuts;
import ch.opsfabric.testing.fakes.InMemoryTenants;
import ch.opsfabric.testing.fakes.InMemoryTicketStore;
import ch.opsfabric.ticket.TicketIntake;
import ch.opsfabric.ticket.TicketWatcher;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Meta's two checks, against the fixtures' documented secret and signatures (whatsapp/SIGNATURE.md). */
class MetaWebhookRouteTest {

    private static final String APP_SECRET = "test-app-secret-0123456789abcdef";

    private final InMemoryTicketStore tickets = new InMemoryTicketStore();
    private final MetaWebhookRoute route = new MetaWebhookRoute("my-fictional-verify-token", APP_SECRET,
            new WhatsAppIntake(new InMemoryTenants().add(InMemoryTenants.handwerk("vista", "+41445550202",
                    "{\"whatsapp\":true}", "\"whatsapp\":{\"phoneNumberId\":\"100000000000002\"}")),
                    new TicketIntake(tickets, DailyStats.NONE, TicketWatcher.NONE), new InMemoryOptOuts(), job -> { },
                    new ch.opsfabric.testing.fakes.InMemoryMessaging.WhatsAppWindowsFake(), null, tickets,
                    WhatsAppIntake.Answers.NONE));

    private APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
        try {
            return route.handle(new ApiRequest(event));
        } catch (ApiException e) {
            APIGatewayV2HTTPResponse refused = new APIGatewayV2HTTPResponse();
            refused.setStatusCode(e.status());
            refused.setBody(e.code());
            return refused;
        }
    }

    private APIGatewayV2HTTPEvent handshake(String mode, String token, String challenge) {
        APIGatewayV2HTTPEvent event = ApiGatewayEvents.request("GET", "/api/webhook/whatsapp/meta",
                "/api/webhook/whatsapp/meta", Map.of(), null);
        Map<String, String> query = new HashMap<>();
        query.put("hub.mode", mode);
        query.put("hub.verify_token", token);
        query.put("hub.challenge", challenge);
        event.setQueryStringParameters(query);
        event.setRawQueryString("hub.mode=" + mode + "&hub.challenge=" + challenge + "&hub.verify_token=" + token);
        return event;
    }

    private static APIGatewayV2HTTPEvent post(String body, String signature) {
        Map<String, String> headers = new HashMap<>(Map.of("content-type", "application/json"));
        if (signature != null) {
            headers.put("x-hub-signature-256", signature);
        }
        return ApiGatewayEvents.request("POST", "/api/webhook/whatsapp/meta", "/api/webhook/whatsapp/meta", headers, body);
    }

    private static String fixture(String name) {
        return new String(Fixtures.bytes("whatsapp/" + name), StandardCharsets.UTF_8);
    }

    @Test
    void theHandshakeEchoesTheChallengeOnlyForOurToken() {
        APIGatewayV2HTTPResponse ok = handle(handshake("subscribe", "my-fictional-verify-token", "1158201444"));
        assertEquals(200, ok.getStatusCode());
        assertEquals("1158201444", ok.getBody());
        assertEquals("text/plain; charset=utf-8", ok.getHeaders().get("content-type"));
        assertEquals(403, handle(handshake("subscribe", "guessed", "1158201444")).getStatusCode());
        assertEquals(403, handle(handshake("unsubscribe", "my-fictional-verify-token", "1158201444")).getStatusCode());
    }

    @Test
    void theDocumentedSignatureIsAcceptedAndAnyOtherIsNot() {
        String body = fixture("meta-text-message.json");
        String documented = "sha256=feb654dc4b8c9adbe1829e9f1309fe20f6671e0b7e9db01cbb1b5e4138b90244";
        APIGatewayV2HTTPResponse ok = handle(post(body, documented));
        assertEquals(200, ok.getStatusCode(), ok.getBody());
        assertEquals(1, Json.parse(ok.getBody()).get("recorded").asInt());
        assertEquals(401, handle(post(body, null)).getStatusCode());
        assertEquals(403, handle(post(body, "sha256=" + "0".repeat(64))).getStatusCode());
        assertEquals(403, handle(post(body + " ", documented)).getStatusCode(), "one byte more is another body");
        assertEquals(1, tickets.all().size(), "nothing stored for the refused ones");
        assertEquals(200, handle(post(fixture("meta-status.json"),
                "sha256=cd38d1daccc2ee89b2c92236d3e3d9c532952baa79fb1bceb870dd075c6cd683")).getStatusCode());
    }

    @Test
    void aSignedBodyThatIsNoWebhookIs400() {
        String body = "{\"object\":\"page\"}";
        String signature = "sha256=" + java.util.HexFormat.of().formatHex(ch.opsfabric.crypto.Hashes.hmac("HmacSHA256",
                APP_SECRET, body.getBytes(StandardCharsets.UTF_8)));
        assertEquals(400, handle(post(body, signature)).getStatusCode());
    }
}
