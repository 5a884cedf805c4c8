package ch.opsfabric.testing.fakes;

import ch.opsfabric.intake.RateLimiter;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** So many requests per scope, client and minute, counted in memory. */
public final class CountingRateLimiter implements RateLimiter {

    private final int perMinute;
    private final Map<String, Integer> hits = new HashMap<>();

    public CountingRateLimiter(int perMinute) {
        this.perMinute = perMinute;
    }

    @Override
    public synchronized boolean tryAcquire(String scope, String client, Instant now) {
        String bucket = scope + "|" + client + "|" + now.getEpochSecond() / 60;
        int count = hits.merge(bucket, 1, Integer::sum);
        return count <= perMinute;
    }
}
