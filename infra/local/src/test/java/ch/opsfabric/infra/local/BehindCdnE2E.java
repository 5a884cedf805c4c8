package ch.opsfabric.infra.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.opsfabric.infra.emulators.SamTemplate;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The API is reached through the CDN only: the same requests that work through the local
 * distribution (the stack's main port) are refused with 403 on the execute-api host (its direct
 * port), before a signature is checked or anything is stored or sent; the operator API, signed
 * for that host, still works there.
 */
class BehindCdnE2E extends AgainstLocalStack {

    private static final HttpClient CLIENT = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Test
    void aValidSignedWebhookThatBypassesTheCdnIsRefusedAndChangesNothing() {
        String body = "{\"from\":\"+41795557701\",\"to\":\"+41445550101\",\"callId\":\"bypass-1\"}";
        LocalHttp direct = new LocalHttp(stack.directUrl());
        int ticketsBefore = http.json(http.get("/_local/tickets/sanitaer-keller")).size();
        HttpResponse<String> refused = direct.signedJson("/api/webhook/missed-call", body);
        assertEquals(403, refused.statusCode(), refused.body());
        assertEquals("direct_access", http.json(refused).path("error").asText());
        HttpResponse<String> forged = direct.send("POST", "/api/webhook/missed-call", "application/json", body,
                "x-origin-verify", "a-guess");
        assertEquals(403, forged.statusCode(), "a guessed origin header is no better than none");
        assertEquals(ticketsBefore, http.json(http.get("/_local/tickets/sanitaer-keller")).size());
        LocalHttp.sleep(800);
        for (JsonNode sms : http.json(http.get("/_local/sms"))) {
            assertTrue(!"+41795557701".equals(sms.path("to").asText()), "no menu SMS for a refused call");
        }
        // the same call through the distribution is taken, whatever origin header the viewer adds
        String signature = ch.opsfabric.webhook.OpsFabricSignature.sign("dev-webhook-secret",
                body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        HttpResponse<String> viaCdn = http.send("POST", "/api/webhook/missed-call", "application/json", body,
                "X-OpsFabric-Signature", signature, "x-origin-verify", "a-guess");
        assertEquals(200, viaCdn.statusCode(), viaCdn.body());
    }

    @Test
    void everyPublicRouteOfTheTemplateAnswers403OnTheExecuteApiHost() throws Exception {
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (var function : SamTemplate.locate().resourcesOfType("AWS::Serverless::Function").values()) {
            for (JsonNode event : (Iterable<JsonNode>) () -> function.path("Properties").path("Events").elements()) {
                JsonNode properties = event.path("Properties");
                if (!event.path("Type").asText().equals("HttpApi")
                        || properties.path("Auth").path("Authorizer").asText().equals("AWS_IAM")) {
                    continue;
                }
                String method = properties.path("Method").asText().toUpperCase();
                String verb = method.equals("ANY") ? "GET" : method;
                String path = properties.path("Path").asText().equals("$default") ? "/irgendwo/ganz/anders"
                        : properties.path("Path").asText().replaceAll("\\{[^}]+}", "sanitaer-keller");
                HttpResponse<String> answer = CLIENT.send(HttpRequest.newBuilder(URI.create(stack.directUrl() + path))
                        .method(verb, verb.equals("GET") ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString("{}"))
                        .header("content-type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
                checked++;
                if (answer.statusCode() != 403) {
                    problems.add(verb + " " + path + " → " + answer.statusCode());
                }
            }
        }
        assertTrue(checked > 30, "routes checked: " + checked);
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void aSitePageBypassingTheCdnGetsAFriendlyPageNotJson() throws Exception {
        HttpResponse<String> page = CLIENT.send(HttpRequest.newBuilder(URI.create(stack.directUrl() + "/sanitaer-keller"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, page.statusCode());
        assertTrue(page.headers().firstValue("content-type").orElse("").startsWith("text/html"), page.headers().toString());
        assertTrue(page.body().contains("öffentliche Adresse"), page.body());
        int viaCdn = http.get("/sanitaer-keller").statusCode();
        assertTrue(viaCdn == 200 || viaCdn == 301, "through the distribution the site answers: " + viaCdn);
    }

    @Test
    void theOperatorApiSignedForTheExecuteApiHostWorksThere() throws Exception {
        HttpResponse<String> list = CLIENT.send(OperatorRequests.signed("GET",
                URI.create(stack.directUrl() + "/api/admin/tenants"), ""), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, list.statusCode(), list.body());
    }
}
