package ch.opsfabric.smssender;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void secondsAndHttpDatesAreBothWaits() {
        assertEquals(Optional.of(Duration.ofSeconds(30)), RetryAfter.of(429, "30", NOW));
        assertEquals(Optional.of(Duration.ofSeconds(0)), RetryAfter.of(429, " 0 ", NOW));
        assertEquals(Optional.of(Duration.ofSeconds(90)), RetryAfter.of(503, "Tue, 01 Dec 2026 10:01:30 GMT", NOW));
        assertEquals(Optional.of(Duration.ZERO), RetryAfter.of(429, "Tue, 01 Dec 2026 09:00:00 GMT", NOW), "a date passed");
    }

    @Test
    void aMissingOrUnreadableHeaderIsTheDefaultOnlyFor429() {
        assertEquals(Optional.of(RetryAfter.DEFAULT), RetryAfter.of(429, null, NOW));
        assertEquals(Optional.of(RetryAfter.DEFAULT), RetryAfter.of(429, "soon", NOW));
        assertEquals(Optional.of(RetryAfter.DEFAULT), RetryAfter.of(429, "-5", NOW));
        assertEquals(Optional.empty(), RetryAfter.of(503, null, NOW));
        assertEquals(Optional.empty(), RetryAfter.of(500, "30", NOW), "only throttling answers carry a wait");
    }

    @Test
    void aWaitLongerThanFifteenMinutesIsAnOutageAndCapped() {
        assertEquals(Optional.of(RetryAfter.MAX), RetryAfter.of(429, "86400", NOW));
        assertEquals(Optional.of(RetryAfter.MAX), RetryAfter.of(429, "99999999999999999999", NOW));
    }
}
