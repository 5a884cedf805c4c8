package ch.opsfabric.infra.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Headless Chromium the size of a phone (412×915), for the staff app's browser tests, with what they all do. */
final class PhoneBrowser {

    private PhoneBrowser() {
    }

    static boolean available() {
        return WizardBrowserE2E.CHROMIUM.canExecute() && WizardBrowserE2E.CHROMEDRIVER.canExecute();
    }

    static WebDriver start() throws Exception {
        Files.createDirectories(WizardBrowserE2E.SCREENSHOTS);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(WizardBrowserE2E.CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=412,915", "--lang=de-CH",
                "--user-data-dir=" + Files.createTempDirectory("chromium-profile"));
        return new ChromeDriver(new ChromeDriverService.Builder()
                .usingDriverExecutable(WizardBrowserE2E.CHROMEDRIVER).usingAnyFreePort().build(), options);
    }

    /** Clicks a form's button and waits until the answer to the POST (or its redirect) has loaded. */
    static void submit(WebDriver browser, String buttonSelector) {
        WebElement button = browser.findElement(By.cssSelector(buttonSelector));
        button.click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> gone(button));
    }

    /**
     * The old page's button is gone once the next page is there. Chromium sometimes answers for a
     * node of the page being left with "does not belong to the document" instead of Selenium's
     * stale-element error; both mean the same here.
     */
    private static boolean gone(WebElement button) {
        try {
            button.isEnabled();
            return false;
        } catch (org.openqa.selenium.StaleElementReferenceException e) {
            return true;
        } catch (org.openqa.selenium.WebDriverException e) {
            if (e.getMessage() != null && e.getMessage().contains("does not belong to the document")) {
                return true;
            }
            throw e;
        }
    }

    static void screenshot(WebDriver browser, String name) throws Exception {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), WizardBrowserE2E.SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    /** How many sign-in codes went to {@code mobile} so far. */
    static int codes(JsonNode sent, String mobile) {
        int n = 0;
        for (JsonNode sms : sent) {
            n += sms.path("kind").asText().equals("login_code") && sms.path("to").asText().equals(mobile) ? 1 : 0;
        }
        return n;
    }

    /** The sign-in code sent to {@code mobile} after the {@code before} ones, read from {@code /_local/sms}. */
    static String latestCode(LocalHttp http, String mobile, int before) {
        JsonNode all = http.await("/_local/sms", list -> codes(list, mobile) > before, Duration.ofSeconds(15));
        String code = null;
        for (JsonNode sms : all) {
            if (sms.path("kind").asText().equals("login_code") && sms.path("to").asText().equals(mobile)) {
                Matcher m = Pattern.compile("(\\d{6})").matcher(sms.path("text").asText());
                code = m.find() ? m.group(1) : null;
            }
        }
        return code;
    }

    /** Signs in through the pages: number, then the code from the SMS. */
    static void signIn(WebDriver browser, LocalHttp http, String baseUrl, String typedMobile, String e164) {
        int before = codes(http.json(http.get("/_local/sms")), e164);
        browser.get(baseUrl + "/app/login");
        browser.findElement(By.name("mobile")).sendKeys(typedMobile);
        submit(browser, "main form button");
        browser.findElement(By.name("code")).sendKeys(latestCode(http, e164, before));
        submit(browser, "main form button");
    }
}
