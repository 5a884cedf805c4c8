package ch.opsfabric.smssender;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.opsfabric.app.SqsBatch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetryDelaysTest {

    private final List<String> changes = new ArrayList<>();
    private final RetryDelays delays = new RetryDelays((handle, seconds) -> changes.add(handle + "=" + seconds), 90, 900);

    @Test
    void transientFailuresWaitTwiceAsLongEachTimeUpToFifteenMinutes() {
        assertEquals(List.of(90, 180, 360, 720, 900, 900),
                List.of(delays.afterTransient(1), delays.afterTransient(2), delays.afterTransient(3), delays.afterTransient(4),
                        delays.afterTransient(5), delays.afterTransient(60)));
        // the fifth receive comes 22.5 minutes after the first: a ten-minute outage ends before the DLQ
        assertEquals(1350, delays.afterTransient(1) + delays.afterTransient(2) + delays.afterTransient(3) + delays.afterTransient(4));
    }

    @Test
    void aPoisonedMessageIsLetGoAtOnceAndSuccessChangesNothing() {
        delays.apply(new SqsBatch.Message("m1", "x", "h1", 2), SmsDelivery.Outcome.POISONED, Duration.ZERO);
        delays.apply(new SqsBatch.Message("m2", "x", "h2", 3), SmsDelivery.Outcome.RETRY, Duration.ZERO);
        delays.apply(new SqsBatch.Message("m3", "x", "h3", 1), SmsDelivery.Outcome.SENT, Duration.ZERO);
        delays.apply(new SqsBatch.Message("m4", "x", null, 1), SmsDelivery.Outcome.RETRY, Duration.ZERO);
        assertEquals(List.of("h1=0", "h2=360"), changes);
    }

    @Test
    void aThrottledMessageWaitsThePauseThenBacksOffOneStepBehind() {
        assertEquals(List.of(30, 1, 90, 180, 360), List.of(delays.afterThrottle(1, java.time.Duration.ofSeconds(30)),
                delays.afterThrottle(1, java.time.Duration.ofMillis(200)), delays.afterThrottle(2, java.time.Duration.ofSeconds(5)),
                delays.afterThrottle(3, java.time.Duration.ofSeconds(5)), delays.afterThrottle(4, java.time.Duration.ofSeconds(5))));
        assertEquals(900, delays.afterThrottle(1, java.time.Duration.ofHours(2)), "never longer than the longest backoff");
        delays.apply(new SqsBatch.Message("m1", "x", "h1", 1), SmsDelivery.Outcome.THROTTLED, java.time.Duration.ofSeconds(31));
        assertEquals(List.of("h1=31"), changes);
    }

    @Test
    void aRefusedVisibilityChangeLeavesTheQueuesOwnTimeout() {
        RetryDelays failing = new RetryDelays((handle, seconds) -> {
            throw new IllegalStateException("SQS refused");
        }, 90, 900);
        failing.apply(new SqsBatch.Message("m1", "x", "h1", 1), SmsDelivery.Outcome.RETRY, Duration.ZERO);
    }
}
