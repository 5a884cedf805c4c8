package ch.opsfabric.infra.local;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * End-to-end suites that drive one local stack, started for the class and stopped after it.
 * Whatever the functions logged meanwhile is scanned at the end ({@link LogScan}).
 */
abstract class AgainstLocalStack {

    static LocalStack stack;
    static LocalHttp http;
    static LogScan logs;

    @BeforeAll
    static void startStack() {
        logs = new LogScan();
        stack = null;
        stack = LocalStack.start(0, Map.of(), logs.capture());
        http = new LocalHttp(stack.baseUrl());
    }

    @AfterAll
    static void stopStack() {
        if (stack == null) {
            return;
        }
        stack.close();
        var findings = logs.findings();
        assertTrue(logs.size() > 0, "the functions logged something");
        assertTrue(findings.isEmpty(), "unmasked personal data or secrets in the logs:\n" + String.join("\n", findings));
    }

    static void clock(String isoWithOffset) {
        http.setClock(isoWithOffset);
    }
}
