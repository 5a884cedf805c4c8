package ch.opsfabric.smssender;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The providers that asked this sender to wait (a 429 with {@code Retry-After}), until when. While a
 * provider is paused, nothing is sent to it: the rest of the batch goes back to the queue unclaimed
 * instead of collecting ten more 429s. One per sender process; each instance learns by its own 429.
 */
public final class ProviderPause {

    private final Clock clock;
    private final Map<String, Instant> until = new ConcurrentHashMap<>();

    public ProviderPause(Clock clock) {
        this.clock = clock;
    }

    /** @param provider the channel and provider, e.g. {@code sms:twilio} */
    void pause(String provider, Duration wait) {
        until.merge(provider, clock.instant().plus(wait), (a, b) -> a.isAfter(b) ? a : b);
    }

    /** How long the provider still wants no message, if it asked. */
    Optional<Duration> remaining(String provider) {
        Instant end = until.get(provider);
        if (end == null) {
            return Optional.empty();
        }
        Duration left = Duration.between(clock.instant(), end);
        if (left.isNegative() || left.isZero()) {
            until.remove(provider, end);
            return Optional.empty();
        }
        return Optional.of(left);
    }

    /** Whether nothing may go to the provider now. */
    boolean holds(String provider) {
        return remaining(provider).isPresent();
    }

    /**
     * What a transient failure means for the queue: {@code THROTTLED} when the provider said how long
     * to wait (and it is paused for that long), else an ordinary {@code RETRY}.
     */
    SmsDelivery.Outcome afterTransient(String provider, ch.opsfabric.messaging.SmsSendException failure) {
        if (failure.retryAfter().isEmpty()) {
            return SmsDelivery.Outcome.RETRY;
        }
        pause(provider, failure.retryAfter().get());
        return SmsDelivery.Outcome.THROTTLED;
    }

    /** The longest wait any provider asked for that has not passed, or zero. */
    Duration longest() {
        Duration longest = Duration.ZERO;
        for (String provider : until.keySet()) {
            Duration left = remaining(provider).orElse(Duration.ZERO);
            if (left.compareTo(longest) > 0) {
                longest = left;
            }
        }
        return longest;
    }
}
