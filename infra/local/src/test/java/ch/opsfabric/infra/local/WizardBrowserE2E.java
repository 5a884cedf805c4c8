package ch.opsfabric.infra.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The wizard as a person uses it, in headless Chromium (Debian's chromium + chromium-driver):
 * every Handwerk flow with and without JavaScript, one Gastro flow, the validation messages.
 * Screenshots of home, wizard and thank-you page land in target/screenshots.
 */
class WizardBrowserE2E {

    static final File CHROMIUM = new File("/usr/bin/chromium");
    static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private static LocalStack stack;
    private static LocalHttp http;
    private static LogScan logs;
    private WebDriver driver;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(CHROMIUM.canExecute() && CHROMEDRIVER.canExecute(),
                "browser tests need Debian's chromium and chromium-driver (apt-get install chromium chromium-driver)");
        logs = new LogScan();
        stack = LocalStack.start(0, java.util.Map.of(), logs.capture());
        http = new LocalHttp(stack.baseUrl());
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
            var findings = logs.findings();
            org.junit.jupiter.api.Assertions.assertTrue(findings.isEmpty(),
                    "unmasked personal data or secrets in the logs:\n" + String.join("\n", findings));
        }
    }

    @AfterEach
    void quit() {
        if (driver != null) {
            driver.quit();
        }
    }

    static WebDriver browser(boolean javascript) throws Exception {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,1400", "--lang=de-CH",
                "--user-data-dir=" + Files.createTempDirectory("chromium-profile"));
        if (!javascript) {
            options.setExperimentalOption("prefs", Map.of("profile.managed_default_content_settings.javascript", 2));
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER).usingAnyFreePort().build();
        WebDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().implicitlyWait(Duration.ZERO);
        return driver;
    }

    private void open(String path) {
        driver.get(stack.baseUrl() + path);
    }

    private void type(String name, String value) {
        WebElement field = driver.findElement(By.name(name));
        field.clear();
        field.sendKeys(value);
    }

    private void choose(String name, String option) {
        new Select(driver.findElement(By.name(name))).selectByVisibleText(option);
    }

    private void next() {
        driver.findElement(By.cssSelector("[data-next]")).click();
    }

    private void screenshot(String name) throws Exception {
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    /** People take a few seconds; the wizard refuses anything faster as a bot. */
    private static void likeAPerson() {
        LocalHttp.sleep(2700);
    }

    private String awaitThanks() {
        new WebDriverWait(driver, Duration.ofSeconds(15)).until(ExpectedConditions.urlContains("/danke"));
        String reference = driver.findElement(By.id("reference")).getText();
        assertTrue(reference.matches("K-\\d{4}-[0-9A-Z]{4}"), reference);
        return reference;
    }

    private static JsonNode ticket(String slug, String reference) {
        for (JsonNode t : http.json(http.get("/api/tickets?limit=100", "Authorization", "Bearer dev-key-" + slug)).get("tickets")) {
            if (t.get("reference").asText().equals(reference)) {
                return t;
            }
        }
        throw new AssertionError("no ticket " + reference + " for " + slug);
    }

    private void startFlow(String slug, String linkText) {
        open("/" + slug + "/anfrage");
        driver.findElement(By.partialLinkText(linkText)).click();
    }

    @Test
    void notfallWithJavaScript() throws Exception {
        driver = browser(true);
        open("/sanitaer-keller/");
        screenshot("home-sanitaer-keller");
        startFlow("sanitaer-keller", "Notfall");
        assertTrue(driver.findElement(By.cssSelector(".notice")).getText().contains("Gasgeruch"));
        next();
        WebElement error = driver.findElement(By.id("e-message"));
        assertTrue(error.isDisplayed());
        assertEquals("Bitte beschreiben Sie kurz, was passiert ist.", error.getText());
        assertEquals("true", driver.findElement(By.name("message")).getAttribute("aria-invalid"));
        type("message", "Wasser tropft aus der Decke");
        type("address", "Seestrasse 5, 8002 Zürich");
        screenshot("wizard-notfall-step1");
        next();
        type("phone", "12");
        next();
        assertTrue(driver.findElement(By.id("e-phone")).getText().startsWith("Bitte geben Sie eine gültige Telefonnummer"));
        type("phone", "079 555 90 01");
        likeAPerson();
        next();
        String reference = awaitThanks();
        screenshot("thanks-notfall");
        JsonNode ticket = ticket("sanitaer-keller", reference);
        assertEquals("HIGH", ticket.get("urgency").asText());
        assertEquals("notfall", ticket.get("flow").asText());
        assertEquals("+41795559001", ticket.get("phone").asText());
        assertEquals("Seestrasse 5, 8002 Zürich", ticket.get("fields").get("address").asText());
    }

    @Test
    void standardWithJavaScriptInFiveSteps() throws Exception {
        driver = browser(true);
        startFlow("sanitaer-keller", "Auftrag");
        assertEquals("Schritt 1 von 5", driver.findElement(By.id("step-status")).getText());
        choose("category", "Heizung");
        next();
        type("message", "Radiator im Wohnzimmer bleibt kalt");
        next();
        type("address", "Bahnhofstrasse 10, 8001 Zürich");
        next();
        choose("timing", "Diese Woche");
        next();
        assertEquals("Schritt 5 von 5", driver.findElement(By.id("step-status")).getText());
        type("name", "Beat Brunner");
        type("phone", "079 555 90 02");
        type("email", "beat@example.ch");
        screenshot("wizard-standard-contact");
        likeAPerson();
        next();
        JsonNode ticket = ticket("sanitaer-keller", awaitThanks());
        assertEquals("MEDIUM", ticket.get("urgency").asText());
        assertEquals("Heizung", ticket.get("category").asText());
        assertEquals("Diese Woche", ticket.get("fields").get("timing").asText());
        assertEquals("beat@example.ch", ticket.get("email").asText());
    }

    @Test
    void offerteWithJavaScript() throws Exception {
        driver = browser(true);
        startFlow("sanitaer-keller", "Offerte");
        choose("project", "Badsanierung");
        type("size", "Bad 8 m²");
        next();
        type("timing", "Frühling 2027");
        type("address", "Dorfstrasse 3, 8700 Küsnacht");
        next();
        type("message", "Dusche statt Badewanne");
        next();
        type("name", "Carla Weber");
        type("phone", "+41 79 555 90 03");
        likeAPerson();
        next();
        JsonNode ticket = ticket("sanitaer-keller", awaitThanks());
        assertEquals("LOW", ticket.get("urgency").asText());
        assertEquals("Badsanierung", ticket.get("fields").get("project").asText());
    }

    @Test
    void everyHandwerkFlowWithoutJavaScript() throws Exception {
        driver = browser(false);
        startFlow("sanitaer-keller", "Notfall");
        type("message", "Rohrbruch");
        type("address", "Seestrasse 7, 8002 Zürich");
        type("phone", "079 555 90 04");
        driver.findElement(By.cssSelector("[data-next]")).click();
        String notfall = awaitThanks();
        assertEquals("HIGH", ticket("sanitaer-keller", notfall).get("urgency").asText());

        startFlow("sanitaer-keller", "Auftrag");
        assertTrue(driver.findElement(By.name("name")).isDisplayed(), "without script every step shows at once");
        choose("category", "Verstopfung");
        type("message", "Lavabo läuft nicht ab");
        type("address", "Seestrasse 8, 8002 Zürich");
        type("name", "Dora Keller");
        type("phone", "12");
        driver.findElement(By.cssSelector("[data-next]")).click();
        assertTrue(driver.getPageSource().contains("Bitte geben Sie eine gültige Telefonnummer an"),
                "the server's German message");
        assertTrue(driver.findElement(By.cssSelector(".errors")).isDisplayed());
        screenshot("wizard-nojs-errors");
        assertEquals("Lavabo läuft nicht ab", driver.findElement(By.name("message")).getAttribute("value"));
        type("phone", "079 555 90 05");
        driver.findElement(By.cssSelector("[data-next]")).click();
        assertEquals("MEDIUM", ticket("sanitaer-keller", awaitThanks()).get("urgency").asText());

        startFlow("sanitaer-keller", "Offerte");
        choose("project", "Küche");
        type("name", "Emil Frei");
        type("phone", "079 555 90 06");
        driver.findElement(By.cssSelector("[data-next]")).click();
        JsonNode offerte = ticket("sanitaer-keller", awaitThanks());
        assertEquals("LOW", offerte.get("urgency").asText());
        assertEquals("offerte", offerte.get("flow").asText());
    }

    @Test
    void gastroReservationWithJavaScript() throws Exception {
        driver = browser(true);
        open("/bella-vista/");
        screenshot("home-bella-vista");
        startFlow("bella-vista", "Reservierung");
        JavascriptExecutor js = (JavascriptExecutor) driver;
        js.executeScript("document.getElementById('f-date').value='2026-12-24';"
                + "document.getElementById('f-time').value='19:30';");
        type("persons", "4");
        next();
        type("message", "Fensterplatz, wenn möglich");
        next();
        type("name", "Franca Rossi");
        type("phone", "079 555 90 07");
        likeAPerson();
        next();
        JsonNode ticket = ticket("bella-vista", awaitThanks());
        assertEquals("reservierung", ticket.get("flow").asText());
        assertEquals("2026-12-24", ticket.get("fields").get("date").asText());
        assertEquals("4", ticket.get("fields").get("persons").asText());
    }
}
