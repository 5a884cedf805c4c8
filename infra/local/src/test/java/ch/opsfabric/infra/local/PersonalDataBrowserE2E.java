package ch.opsfabric.infra.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.opsfabric.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The owner serves a person's request from the ticket page, in headless Chromium at phone size:
 * the download holds what is stored about the person, and the erasure (confirmed) leaves a ticket
 * without name, number, address or message.
 */
class PersonalDataBrowserE2E extends AgainstLocalStackOnAPhone {

    private static final String AUTH = "Bearer dev-key-sanitaer-keller";

    @Test
    void theOwnerDownloadsThenErasesThePersonBehindATicket() throws Exception {
        HttpResponse<String> form = http.postJson("/api/ticket", Json.write(Json.object().put("slug", "sanitaer-keller")
                .put("flow", "standard").put("name", "Lina Moser").put("phone", "079 555 63 01")
                .put("email", "lina.moser@example.ch").put("category", "Heizung").put("message", "Radiator kalt")
                .put("address", "Lindenweg 9, Zürich")));
        assertEquals(201, form.statusCode(), form.body());
        String ticketId = http.json(form).get("ticketId").asText();

        PhoneBrowser.signIn(driver, http, stack.baseUrl(), "079 555 01 01", "+41795550101");
        driver.get(stack.baseUrl() + "/app/tickets/" + ticketId);
        String page = driver.findElement(By.tagName("main")).getText();
        assertTrue(page.contains("Datenschutz") && page.contains("Personendaten löschen"), page);
        String session = "ofs=" + driver.manage().getCookieNamed("ofs").getValue();
        HttpResponse<String> download = http.get("/app/tickets/" + ticketId + "/export", "cookie", session);
        assertEquals(200, download.statusCode());
        assertTrue(download.headers().firstValue("content-disposition").orElse("").startsWith("attachment"));
        JsonNode export = http.json(download);
        assertEquals("Lina Moser", export.path("tickets").get(0).path("name").asText());
        assertEquals("lina.moser@example.ch", export.path("contact").path("emails").get(0).asText());
        PhoneBrowser.screenshot(driver, "app-ticket-privacy");

        // without the confirmation the browser itself refuses (required); the server would too
        driver.findElement(By.cssSelector("input[name=confirm]")).click();
        PhoneBrowser.submit(driver, "button.danger");
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().contains("ok=erased"));
        page = driver.findElement(By.tagName("main")).getText();
        assertTrue(page.contains("Personendaten gelöscht"), page);
        assertFalse(page.contains("Lina Moser") || page.contains("079 555 63 01") || page.contains("Radiator kalt")
                || page.contains("Lindenweg"), page);
        PhoneBrowser.screenshot(driver, "app-ticket-erased");
        JsonNode ticket = http.json(http.get("/api/tickets/" + ticketId, "Authorization", AUTH));
        assertFalse(ticket.toString().contains("Lina") || ticket.toString().contains("lina.moser"), ticket.toString());
    }
}
