package ch.opsfabric.store;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.opsfabric.testing.TestAws;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DynamoRateLimiterIT {

    private final DynamoRateLimiter limiter = new DynamoRateLimiter(TestAws.table(), 3);

    @Test
    void limitsPerClientAndMinute() {
        String client = "203.0.113." + UUID.randomUUID().hashCode();
        Instant now = Instant.parse("2026-11-26T09:00:10Z");
        assertTrue(limiter.tryAcquire("intake", client, now));
        assertTrue(limiter.tryAcquire("intake", client, now.plusSeconds(1)));
        assertTrue(limiter.tryAcquire("intake", client, now.plusSeconds(2)));
        assertFalse(limiter.tryAcquire("intake", client, now.plusSeconds(3)));
        assertTrue(limiter.tryAcquire("intake", client + "-other", now.plusSeconds(3)), "other clients are not affected");
        assertTrue(limiter.tryAcquire("intake", client, now.plusSeconds(60)), "a new minute starts fresh");
    }
}
