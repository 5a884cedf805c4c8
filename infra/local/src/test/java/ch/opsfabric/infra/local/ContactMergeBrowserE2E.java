package ch.opsfabric.infra.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.opsfabric.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One person, two contacts, merged from the dashboard: a caller's number, then a form with that
 * number and an address another contact already owns. The ticket page names the other contact as
 * maybe the same person; one button merges it, in headless Chromium at phone size.
 */
class ContactMergeBrowserE2E extends AgainstLocalStackOnAPhone {

    private static final String AUTH = "Bearer dev-key-sanitaer-keller";

    @Test
    void theOwnerMergesTheContactTheTicketPageSuggests() throws Exception {
        HttpResponse<String> first = http.postJson("/api/ticket", Json.write(Json.object().put("slug", "sanitaer-keller")
                .put("flow", "standard").put("name", "Nora Graf").put("phone", "079 555 62 01")
                .put("email", "familie.graf@example.ch").put("category", "Heizung").put("message", "Heizung kalt")
                .put("address", "Rosenweg 4, Zürich")));
        assertEquals(201, first.statusCode(), first.body());
        String noraContact = ticket(http.json(first).get("ticketId").asText()).get("contactId").asText();
        HttpResponse<String> call = http.signedJson("/api/webhook/missed-call", Json.write(Json.object()
                .put("from", "+41795556202").put("to", "+41445550101").put("callId", "merge-browser-1")));
        String callTicket = http.json(call).get("ticketId").asText();
        // the caller then fills the form with the family address: the number decides, the address stays Nora's
        HttpResponse<String> second = http.postJson("/api/ticket", Json.write(Json.object().put("slug", "sanitaer-keller")
                .put("flow", "standard").put("name", "Jan Graf").put("phone", "079 555 62 02")
                .put("email", "familie.graf@example.ch").put("category", "Boiler").put("message", "Boiler tropft")
                .put("address", "Rosenweg 4, Zürich")));
        assertEquals(callTicket, http.json(second).get("ticketId").asText());
        String janContact = ticket(callTicket).get("contactId").asText();
        assertTrue(!janContact.equals(noraContact));

        PhoneBrowser.signIn(driver, http, stack.baseUrl(), "079 555 01 01", "+41795550101");
        driver.get(stack.baseUrl() + "/app/tickets/" + callTicket);
        String page = driver.findElement(By.tagName("main")).getText();
        assertTrue(page.contains("Vielleicht dieselbe Person"), page);
        assertTrue(page.contains("Nora Graf, 079 555 62 01, familie.graf@example.ch"), page);
        PhoneBrowser.screenshot(driver, "app-ticket-suspect");
        PhoneBrowser.submit(driver, "ul.suspects button");
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().contains("ok=merged"));
        page = driver.findElement(By.tagName("main")).getText();
        assertTrue(page.contains("Kontakte zusammengeführt"), page);
        assertTrue(!page.contains("Vielleicht dieselbe Person"), page);
        assertTrue(page.contains("Tickets dieser Person\n2") || page.contains("Tickets dieser Person 2"), page);
        PhoneBrowser.screenshot(driver, "app-ticket-merged");

        JsonNode contact = http.json(http.get("/api/contacts/" + janContact, "Authorization", AUTH));
        assertEquals("[\"+41795556201\",\"+41795556202\"]", contact.get("phones").toString());
        assertEquals("[\"familie.graf@example.ch\"]", contact.get("emails").toString());
        assertEquals(janContact, ticket(http.json(first).get("ticketId").asText()).get("contactId").asText(),
                "Nora's ticket moved with her contact");
        assertEquals(janContact, http.json(http.get("/api/contacts/" + noraContact, "Authorization", AUTH))
                .get("mergedInto").asText());
    }

    private static JsonNode ticket(String id) {
        return http.json(http.get("/api/tickets/" + id, "Authorization", AUTH));
    }
}
