package ch.opsfabric.infra.local;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.openqa.selenium.WebDriver;

/** Staff-app suites: one local stack and one phone-sized Chromium for the class, both stopped after it. */
abstract class AgainstLocalStackOnAPhone {

    static LocalStack stack;
    static LocalHttp http;
    static WebDriver driver;
    static LogScan logs;

    @BeforeAll
    static void startStackAndBrowser() throws Exception {
        assumeTrue(PhoneBrowser.available(),
                "browser tests need Debian's chromium and chromium-driver (apt-get install chromium chromium-driver)");
        logs = new LogScan();
        stack = LocalStack.start(0, java.util.Map.of(), logs.capture());
        http = new LocalHttp(stack.baseUrl());
        driver = PhoneBrowser.start();
    }

    @AfterAll
    static void stopBrowserAndStack() {
        if (driver != null) {
            driver.quit();
        }
        if (stack != null) {
            stack.close();
            var findings = logs.findings();
            org.junit.jupiter.api.Assertions.assertTrue(findings.isEmpty(),
                    "unmasked personal data or secrets in the logs:\n" + String.join("\n", findings));
        }
    }
}
