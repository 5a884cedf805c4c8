package ch.opsfabric.infra.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.opsfabric.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/**
 * The owner's day in the staff app, in headless Chromium at phone size: sign in with the code
 * read from {@code /_local/sms}, filter the inbox, move a ticket, write the customer an SMS and
 * see the answer land on the same ticket; then what must not work (another tenant's ticket, a
 * form without its CSRF token, a signed-out session). Screenshots in target/screenshots.
 */
class StaffAppBrowserE2E extends AgainstLocalStackOnAPhone {

    static final String OWNER = "+41795550101";
    static final String LINE = "+41445550101";


    static HttpResponse<String> signed(String path, String body) {
        return http.signedJson(path, body);
    }

    static String missedCall(String from, String callId) {
        HttpResponse<String> r = signed("/api/webhook/missed-call",
                Json.write(Json.object().put("from", from).put("to", LINE).put("callId", callId)));
        assertEquals(200, r.statusCode(), r.body());
        return http.json(r).path("ticketId").asText();
    }

    static void screenshot(String name) throws Exception {
        PhoneBrowser.screenshot(driver, name);
    }

    static int codesSoFar() {
        return PhoneBrowser.codes(http.json(http.get("/_local/sms")), OWNER);
    }

    static String body() {
        return new org.openqa.selenium.support.ui.WebDriverWait(driver, Duration.ofSeconds(10))
                .until(d -> d.findElements(By.tagName("main")).isEmpty() ? null : d.findElement(By.tagName("main"))).getText();
    }

    static void submit(String buttonSelector) {
        PhoneBrowser.submit(driver, buttonSelector);
    }

    @Test
    void theOwnerWorksTicketsFromThePhone() throws Exception {
        String callerTicket = missedCall("+41795550211", "app-e2e-1");
        missedCall("+41795550212", "app-e2e-2");
        HttpResponse<String> wizard = http.postJson("/api/ticket", Json.write(Json.object().put("slug", "sanitaer-keller")
                .put("flow", "notfall").put("name", "Anna Muster").put("phone", "079 555 03 11")
                .put("message", "Rohrbruch im Keller!").put("address", "Seestrasse 1")));
        assertEquals(201, wizard.statusCode(), wizard.body());
        HttpResponse<String> other = signed("/api/webhook/missed-call",
                Json.write(Json.object().put("from", "+41795550213").put("to", "+41445550202").put("callId", "app-e2e-3")));
        String otherTenantsTicket = http.json(other).path("ticketId").asText();

        // sign in with the code from the SMS
        driver.get(stack.baseUrl() + "/app/tickets");
        assertTrue(driver.getCurrentUrl().endsWith("/app/login"), driver.getCurrentUrl());
        screenshot("app-login");
        int before = codesSoFar();
        driver.findElement(By.name("mobile")).sendKeys("079 555 01 01");
        submit("main form button");
        assertTrue(driver.getCurrentUrl().endsWith("/app/login/code"));
        driver.findElement(By.name("code")).sendKeys(PhoneBrowser.latestCode(http, OWNER, before));
        submit("main form button");
        assertTrue(driver.getCurrentUrl().endsWith("/app/tickets"), driver.getCurrentUrl());
        assertTrue(body().contains("Anna Muster") && body().contains("079 555 02 11"), body());
        assertFalse(body().contains("079 555 02 13"), "another tenant's ticket is not in this inbox");
        screenshot("app-inbox");

        // filter: only the wizard's ticket
        driver.findElement(By.cssSelector("details.filters summary")).click();
        new Select(driver.findElement(By.name("source"))).selectByVisibleText("Online-Formular");
        submit("details.filters button");
        assertTrue(body().contains("Anna Muster"));
        assertFalse(body().contains("079 555 02 11"), body());
        driver.get(stack.baseUrl() + "/app/tickets?q=0212");
        assertTrue(body().contains("079 555 02 12") && !body().contains("079 555 02 11"), body());

        // the ticket: a move, allowed ones only, with the author on the timeline
        driver.get(stack.baseUrl() + "/app/tickets/" + callerTicket);
        assertTrue(driver.findElement(By.cssSelector("a.call")).getAttribute("href").endsWith("tel:+41795550211"));
        new Select(driver.findElement(By.name("to"))).selectByVisibleText("In Arbeit");
        submit("#move-h + form button");
        assertTrue(body().contains("Status gespeichert."), body());
        assertTrue(body().contains("Rückruf nötig → In Arbeit · Peter Keller"), body());
        assertFalse(new Select(driver.findElement(By.name("to"))).getOptions().stream()
                .anyMatch(o -> o.getText().equals("Neu")), "no move back to NEW is offered");

        // an SMS from the ticket, and the customer's answer on the same ticket
        driver.findElement(By.name("text")).sendKeys("Guten Tag, wir kommen heute um 14 Uhr vorbei.");
        submit("#reply-h + form button");
        assertTrue(body().contains("SMS wird gesendet."), body());
        http.await("/_local/sms", list -> {
            for (JsonNode sms : list) {
                if (sms.path("to").asText().equals("+41795550211") && sms.path("text").asText().contains("14 Uhr")) {
                    return true;
                }
            }
            return false;
        }, Duration.ofSeconds(15));
        HttpResponse<String> answer = signed("/api/webhook/sms-reply", Json.write(Json.object().put("from", "+41795550211")
                .put("to", LINE).put("text", "Danke, 14 Uhr passt mir.").put("messageId", "app-e2e-answer")));
        assertEquals(callerTicket, http.json(answer).path("ticketId").asText(), answer.body());
        LocalHttp.sleep(500);
        driver.navigate().refresh();
        assertTrue(body().contains("Danke, 14 Uhr passt mir."), body());
        assertTrue(body().contains("SMS an die Kundschaft · Peter Keller · gesendet"), body());
        screenshot("app-ticket");

        // a call taken by hand: the wizard's questions, source "manual", who logged it
        driver.get(stack.baseUrl() + "/app/tickets");
        driver.findElement(By.linkText("Ticket erfassen")).click();
        driver.findElement(By.linkText("Auftrag / Reparatur")).click();
        new Select(driver.findElement(By.name("category"))).selectByVisibleText("Heizung");
        driver.findElement(By.name("message")).sendKeys("Heizung im 2. Stock bleibt kalt.");
        driver.findElement(By.name("address")).sendKeys("Seestrasse 12, Zürich");
        driver.findElement(By.name("name")).sendKeys("Bruno Berger");
        driver.findElement(By.name("phone")).sendKeys("079 555 03 21");
        submit("main form button[type=submit]");
        assertTrue(body().contains("Ticket erfasst.") && body().contains("Bruno Berger"), body());
        assertTrue(body().contains("Von Hand erfasst") && body().contains("Notiz · Peter Keller"), body());
        screenshot("app-new-ticket");

        // the team: the owner adds a member, who signs in with her own number and cannot manage the team
        driver.get(stack.baseUrl() + "/app/team");
        driver.findElement(By.name("name")).sendKeys("Lea Lehrling");
        driver.findElement(By.name("mobile")).sendKeys("079 555 01 30");
        submit("#add-h + form button");
        assertTrue(body().contains("Hinzugefügt") && body().contains("Lea Lehrling"), body());
        driver.findElement(By.cssSelector("input[name=notice][value=new_ticket]")).click();
        submit("#mine-h + form button");
        assertTrue(body().contains("Gespeichert.") && driver.findElement(By.cssSelector("input[value=new_ticket]")).isSelected());
        String lea = StaffSessions.signIn(stack.baseUrl(), http, "+41795550130");
        HttpResponse<String> leasTeam = http.get("/app/team", "cookie", lea);
        assertEquals(200, leasTeam.statusCode());
        assertFalse(leasTeam.body().contains("Person hinzufügen"), "staff do not manage the team");
        screenshot("app-team");
        submit("ul.team form button");
        assertTrue(body().contains("Entfernt"), body());
        assertEquals(303, HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build().send(
                HttpRequest.newBuilder(URI.create(stack.baseUrl() + "/app/tickets")).header("cookie", lea).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode(), "a removed member's session opens nothing");

        // what must not work: another tenant's ticket, a form without its token, a signed-out session
        driver.get(stack.baseUrl() + "/app/tickets/" + otherTenantsTicket);
        assertTrue(body().contains("Ticket nicht gefunden"), body());
        String session = driver.manage().getCookieNamed("ofs").getValue();
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<String> forged = client.send(HttpRequest.newBuilder(URI.create(stack.baseUrl() + "/app/tickets/" + callerTicket))
                .header("content-type", "application/x-www-form-urlencoded").header("cookie", "ofs=" + session)
                .POST(HttpRequest.BodyPublishers.ofString("action=note&note=forged")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, forged.statusCode());
        assertTrue(forged.body().contains("<html"), "a friendly page, not JSON");
        driver.get(stack.baseUrl() + "/app/tickets");
        submit("header form button");
        assertTrue(driver.getCurrentUrl().endsWith("/app/login"));
        HttpResponse<String> after = client.send(HttpRequest.newBuilder(URI.create(stack.baseUrl() + "/app/tickets"))
                .header("cookie", "ofs=" + session).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(303, after.statusCode(), "the session is gone on the server");
    }

    @Test
    void withTheDashboardModuleOffTheAppIsNotThere() throws Exception {
        String session = StaffSessions.signIn(stack.baseUrl(), http, OWNER);
        assertEquals(200, http.get("/app/tickets", "cookie", session).statusCode());
        ch.opsfabric.tenant.Tenant keller = stack.tenants().bySlug("sanitaer-keller").orElseThrow();
        java.util.EnumSet<ch.opsfabric.tenant.Module> on = java.util.EnumSet.copyOf(keller.modules().enabled());
        on.remove(ch.opsfabric.tenant.Module.DASHBOARD);
        stack.tenants().put(new ch.opsfabric.tenant.Tenant(keller.id(), keller.slug(), keller.name(), keller.branch(),
                ch.opsfabric.tenant.Modules.of(on), keller.config()), java.util.List.of("dev-key-sanitaer-keller"));
        try {
            HttpResponse<String> off = http.get("/app/tickets", "cookie", session);
            assertEquals(404, off.statusCode());
            assertTrue(off.body().contains("Seite nicht gefunden"), off.body());
            int before = http.json(http.get("/_local/sms")).size();
            http.send("POST", "/app/login", "application/x-www-form-urlencoded", "mobile=%2B41795550101");
            LocalHttp.sleep(1200);
            assertEquals(before, http.json(http.get("/_local/sms")).size(), "no code for a business without the app");
        } finally {
            stack.tenants().put(keller, java.util.List.of("dev-key-sanitaer-keller"));
        }
    }

    @Test
    void unknownNumbersGetTheSameAnswerAndNoSmsAndCodesRunOut() throws Exception {
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<String> unknown = client.send(HttpRequest.newBuilder(URI.create(stack.baseUrl() + "/app/login"))
                .header("content-type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("mobile=079+555+99+99")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(303, unknown.statusCode());
        assertEquals("/app/login/code", unknown.headers().firstValue("location").orElseThrow());
        String attempt = unknown.headers().firstValue("set-cookie").orElseThrow().replaceAll(";.*", "");
        LocalHttp.sleep(1000);
        for (JsonNode sms : http.json(http.get("/_local/sms"))) {
            assertFalse(sms.path("to").asText().equals("+41795559999"), "no SMS to a number nobody registered");
        }
        int last = 0;
        for (int i = 0; i < 6; i++) {
            HttpResponse<String> wrong = client.send(HttpRequest.newBuilder(URI.create(stack.baseUrl() + "/app/login/code"))
                    .header("content-type", "application/x-www-form-urlencoded").header("cookie", attempt)
                    .POST(HttpRequest.BodyPublishers.ofString("code=000000")).build(), HttpResponse.BodyHandlers.ofString());
            last = wrong.statusCode();
            assertEquals(400, last);
            if (i == 5) {
                assertTrue(wrong.body().contains("abgelaufen oder aufgebraucht"), wrong.body());
            }
        }
        HttpResponse<String> foreign = client.send(HttpRequest.newBuilder(URI.create(stack.baseUrl() + "/app/login"))
                .header("content-type", "application/x-www-form-urlencoded").header("origin", "https://evil.example")
                .POST(HttpRequest.BodyPublishers.ofString("mobile=079+555+01+01")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, foreign.statusCode(), "a sign-in form posted from another site is refused");
    }
}
