package ch.opsfabric.infra.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The short variant of {@code infra/bench load} in the build: 600 mixed requests (missed calls,
 * "2" replies, wizard posts, page views) across 20 tenants from 8 concurrent clients, then the
 * same checks as the benchmark (0 × 5xx, 0 lost tickets, 0 duplicate SMS, a menu per call) and the
 * log scan over everything the functions printed meanwhile. It prints the numbers; it asserts no
 * rate, which belongs to the benchmark.
 */
class LoadE2E {

    @Test
    void aMixedLoadAcrossTenantsLosesNothingAndSendsNothingTwice() throws Exception {
        // the onboarded tenants' own lines, +41 44 6xx xx xx, are published numbers like the demo tenants'
        LogScan logs = new LogScan(number -> number.startsWith("+41446"));
        LoadBench.Checks checks;
        try (LocalStack stack = LoadBench.startWithoutIntakeLimit(logs.record())) {
            checks = LoadBench.run(stack.baseUrl(), 600, 8, 20, System.out);
        }
        assertEquals(0, checks.serverErrors(), checks.toString());
        assertEquals(0, checks.lostTickets(), checks.toString());
        assertEquals(0, checks.duplicateSms(), checks.toString());
        assertEquals(checks.calls(), checks.menus(), "every call got its menu: " + checks);
        assertTrue(checks.calls() > 150 && checks.forms() > 80, "the mix reached every route: " + checks);
        assertTrue(checks.passed());
        assertTrue(logs.size() > 1_000, "the functions' lines were captured: " + logs.size());
        assertEquals(java.util.List.of(), logs.findings(), "no unmasked personal data or secret in the logs");
    }
}
