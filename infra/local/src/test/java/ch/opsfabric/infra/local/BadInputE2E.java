package ch.opsfabric.infra.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.opsfabric.infra.emulators.SamTemplate;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every route of template.yaml, fed the bad input a careless or hostile client sends: no body,
 * the wrong type, broken JSON, bytes that are no text, a JSON array, 100 KB, odd path values.
 * Each answer is a 4xx (pages may answer 2xx/3xx to a GET), never a 5xx, never a stack trace,
 * and nothing is stored or sent.
 */
class BadInputE2E extends AgainstLocalStack {

    private static final byte[] GARBAGE = {(byte) 0xff, (byte) 0xfe, 0, 1, 2, '{', '"', (byte) 0xc3};

    /** What a careless client sent and a lenient parser took: a valid, signed object with garbage after it, or a key twice. */
    @Test
    void trailingGarbageAndDuplicateKeysAre400AndChangeNothing() {
        int ticketsBefore = allTickets();
        for (String body : List.of(
                "{\"from\":\"+41795556601\",\"to\":\"+41445550101\",\"callId\":\"trailing-1\"}xyz",
                "{\"from\":\"+41795556601\",\"from\":\"+41795556602\",\"to\":\"+41445550101\",\"callId\":\"dup-1\"}")) {
            assertEquals(400, http.signedJson("/api/webhook/missed-call", body).statusCode(), body);
        }
        assertEquals(400, http.signedJson("/api/webhook/sms-reply",
                "{\"from\":\"+41795556601\",\"to\":\"+41445550101\",\"text\":\"1\",\"messageId\":\"t-1\"}xyz").statusCode());
        String id = http.json(http.postJson("/api/ticket", "{\"slug\":\"nur-kontakt\",\"flow\":\"anfrage\",\"name\":\"Ada Muster\","
                + "\"phone\":\"0795556603\",\"message\":\"Bitte um Rückruf\"}")).path("ticketId").asText();
        HttpResponse<String> patch = http.send("PATCH", "/api/tickets/" + id, "application/json",
                "{\"status\":\"CLOSED\"}xyz", "Authorization", "Bearer dev-key-nur-kontakt");
        assertEquals(400, patch.statusCode(), patch.body());
        assertEquals("NEW", http.json(http.get("/api/tickets/" + id, "Authorization", "Bearer dev-key-nur-kontakt"))
                .get("status").asText());
        assertEquals(ticketsBefore + 1, allTickets(), "only the well-formed form made a ticket");
        LocalHttp.sleep(1000);
        for (JsonNode sms : http.json(http.get("/_local/sms"))) {
            assertTrue(!"+41795556601".equals(sms.path("to").asText()), "no menu or answer for a refused webhook");
        }
    }

    @Test
    void noRouteAnswersBadInputWithA5xxOrStoresAnything() throws Exception {
        int ticketsBefore = allTickets();
        int smsBefore = http.json(http.get("/_local/sms")).size();
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        List<String> problems = new ArrayList<>();
        int sent = 0;
        for (var function : SamTemplate.locate().resourcesOfType("AWS::Serverless::Function").values()) {
            for (JsonNode event : iterable(function.path("Properties").path("Events").elements())) {
                if (!event.path("Type").asText().equals("HttpApi")) {
                    continue;
                }
                String method = event.path("Properties").path("Method").asText().toUpperCase();
                String route = event.path("Properties").path("Path").asText();
                for (String path : paths(route)) {
                    for (Map.Entry<String, byte[]> body : bodies().entrySet()) {
                        String verb = method.equals("ANY") ? "POST" : method;
                        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.baseUrl() + path))
                                .method(verb, verb.equals("GET") ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofByteArray(body.getValue()));
                        String type = body.getKey();
                        if (!type.isEmpty()) {
                            request.header("content-type", type);
                        }
                        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
                        sent++;
                        int status = response.statusCode();
                        boolean acceptable = status >= 400 && status < 500
                                // a page for signed-in staff sends a browser without a session to the sign-in
                                || verb.equals("GET") && (status == 200 || status == 301 || status == 302 || status == 303)
                                || path.equals("/api/cron/review-request") && status == 401;
                        if (!acceptable || response.body().contains("Exception") || response.body().contains("\tat ")) {
                            problems.add(verb + " " + path + " [" + type + "] → " + status + " " + abbreviate(response.body()));
                        }
                    }
                }
            }
        }
        assertTrue(sent > 150, "requests sent: " + sent);
        assertTrue(problems.isEmpty(), String.join("\n", problems));
        LocalHttp.sleep(1500);
        assertEquals(ticketsBefore, allTickets(), "no ticket from bad input");
        assertEquals(smsBefore, http.json(http.get("/_local/sms")).size(), "no SMS from bad input");
    }

    private static List<String> paths(String route) {
        if (route.equals("$default")) {
            return List.of("/%25%25%25/", "/a/b/c/d", "/sanitaer-keller/anfrage/x");
        }
        List<String> paths = new ArrayList<>();
        for (String value : List.of("x", "..%2F..%2Fetc", "%00", "9".repeat(300), "gibt-es-nicht")) {
            paths.add(route.replace("{slug}", value).replace("{page}", value).replace("{id}", value)
                    .replace("{token}", value));
        }
        return paths.stream().distinct().toList();
    }

    private static Map<String, byte[]> bodies() {
        Map<String, byte[]> bodies = new java.util.LinkedHashMap<>();
        bodies.put("", new byte[0]);
        bodies.put("text/plain", "hello".getBytes(StandardCharsets.UTF_8));
        bodies.put("application/json", "{\"broken\":".getBytes(StandardCharsets.UTF_8));
        bodies.put("application/json; charset=utf-8", "[1,2,3]".getBytes(StandardCharsets.UTF_8));
        bodies.put("application/x-www-form-urlencoded", GARBAGE);
        bodies.put("application/octet-stream", "x".repeat(100_000).getBytes(StandardCharsets.UTF_8));
        return bodies;
    }

    private static int allTickets() {
        int count = 0;
        for (String slug : List.of("sanitaer-keller", "bella-vista", "nur-kontakt")) {
            count += http.json(http.get("/_local/tickets/" + slug)).size();
        }
        return count;
    }

    private static String abbreviate(String body) {
        return body.length() > 160 ? body.substring(0, 160) + "…" : body;
    }

    private static <T> Iterable<T> iterable(java.util.Iterator<T> iterator) {
        return () -> iterator;
    }
}
