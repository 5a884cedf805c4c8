package ch.opsfabric.infra.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.opsfabric.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nu.validator.client.EmbeddedValidator;
import org.junit.jupiter.api.Test;

/**
 * Every page a customer or a staff member can see, fetched over HTTP from the local stack and
 * checked by the Nu Html Checker (the W3C validator's engine) in this JVM: zero errors allowed.
 * The staff app's pages are fetched signed in, with the session of a real sign-in.
 */
class PageValidationE2E extends AgainstLocalStack {

    private static Map<String, String> pages() {
        Map<String, String> pages = new LinkedHashMap<>();
        for (String path : List.of("/sanitaer-keller/", "/sanitaer-keller/leistungen", "/sanitaer-keller/kontakt",
                "/sanitaer-keller/impressum", "/sanitaer-keller/datenschutz", "/sanitaer-keller/anfrage",
                "/sanitaer-keller/anfrage?flow=notfall", "/sanitaer-keller/anfrage?flow=standard",
                "/sanitaer-keller/anfrage?flow=offerte", "/sanitaer-keller/danke?ref=K-2611-ABCD",
                "/bella-vista/", "/bella-vista/anfrage?flow=reservierung", "/bella-vista/anfrage?flow=event",
                "/bella-vista/anfrage?flow=catering", "/nur-kontakt/", "/nur-kontakt/anfrage?flow=anfrage",
                "/nur-kontakt/anfrage?flow=offerte", "/nur-kontakt/datenschutz", "/gibt-es-nicht/",
                "/sanitaer-keller/gibt-es-nicht")) {
            pages.put(path, http.get(path).body());
        }
        HttpResponse<String> invalidForm = http.send("POST", "/sanitaer-keller/anfrage", "application/x-www-form-urlencoded",
                "flow=standard&category=&message=&address=&name=&phone=12");
        assertEquals(400, invalidForm.statusCode());
        pages.put("POST /sanitaer-keller/anfrage (invalid)", invalidForm.body());
        pages.put("/app/login", http.get("/app/login").body());
        pages.put("/app/login/code", http.get("/app/login/code", "cookie", "ofl=AAAAAAAAAAAAAAAAAAAAAA").body());
        try {
            String session = StaffSessions.signIn(stack.baseUrl(), http, "+41795550101");
            String ticket = http.json(http.postJson("/api/ticket", Json.write(Json.object().put("slug", "sanitaer-keller")
                    .put("flow", "standard").put("name", "Vera Valid").put("phone", "079 555 77 01").put("category", "Heizung")
                    .put("message", "Heizung tropft").put("address", "Seestrasse 7")))).path("ticketId").asText();
            for (String path : List.of("/app/tickets", "/app/tickets?status=NEW&q=vera", "/app/tickets/" + ticket,
                    "/app/roi", "/app/roi?range=MONTH", "/app/tickets/20261201-000000000000", "/app/team",
                    "/app/tickets/new", "/app/tickets/new?flow=standard", "/app/tickets/new?flow=notfall")) {
                pages.put(path, http.get(path, "cookie", session).body());
            }
        } catch (Exception e) {
            throw new IllegalStateException("signing in to the staff app failed", e);
        }
        return pages;
    }

    @Test
    void everyPagePassesTheNuHtmlChecker() throws Exception {
        EmbeddedValidator validator = new EmbeddedValidator();
        validator.setOutputFormat(EmbeddedValidator.OutputFormat.JSON);
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (Map.Entry<String, String> page : pages().entrySet()) {
            String report = validator.validate(new ByteArrayInputStream(page.getValue().getBytes(StandardCharsets.UTF_8)));
            JsonNode messages = Json.parse(report).path("messages");
            for (JsonNode message : messages) {
                String type = message.path("type").asText();
                if (type.equals("error") || type.equals("non-document-error")) {
                    problems.add(page.getKey() + " line " + message.path("lastLine").asText() + ": "
                            + message.path("message").asText());
                }
            }
            checked++;
        }
        assertEquals(33, checked);
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }
}
