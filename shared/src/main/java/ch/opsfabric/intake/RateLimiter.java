package ch.opsfabric.intake;

import java.time.Instant;

/** A fixed number of requests per client and minute. */
public interface RateLimiter {

    /** @return true when the request may proceed */
    boolean tryAcquire(String scope, String client, Instant now);
}
