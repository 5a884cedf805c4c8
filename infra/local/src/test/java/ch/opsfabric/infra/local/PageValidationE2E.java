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
 * Every page a customer can see, fetched over HTTP from the local stack and checked by the Nu
 * Html Checker (the W3C validator's engine) in this JVM: zero errors allowed.
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
        assertEquals(21, checked);
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }
}
