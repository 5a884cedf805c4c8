package ch.opsfabric.smssender;

import ch.opsfabric.app.SqsBatch;
import ch.opsfabric.log.Log;
import java.util.Map;

/**
 * How long a message that failed waits for its next delivery. The queue alone would retry every
 * visibility timeout (90 s) and give up after five receives, six minutes in: a provider down for
 * ten minutes would send its SMS to the DLQ. So a transient failure doubles the wait each time
 * (90, 180, 360, 720 s: 22 minutes before the fifth receive, capped at 15 minutes a wait), while a
 * poisoned message (unreadable, unknown tenant) is let go at once and reaches the DLQ after its
 * five receives within seconds, for a person to look at.
 */
final class RetryDelays {

    /** Changes one message's visibility: {@code ChangeMessageVisibility}. */
    @FunctionalInterface
    interface Queue {
        void delay(String receiptHandle, int seconds);
    }

    /** The queue's own visibility timeout for every retry (tests without a queue). */
    static final RetryDelays NONE = new RetryDelays(null, 0, 0);

    private final Queue queue;
    private final int baseSeconds;
    private final int maxSeconds;

    RetryDelays(Queue queue, int baseSeconds, int maxSeconds) {
        this.queue = queue;
        this.baseSeconds = baseSeconds;
        this.maxSeconds = maxSeconds;
    }

    /** Seconds before the next delivery after the {@code receiveCount}-th failed transiently. */
    int afterTransient(int receiveCount) {
        long seconds = (long) baseSeconds << Math.min(20, Math.max(0, receiveCount - 1));
        return (int) Math.min(maxSeconds, seconds);
    }

    /**
     * Seconds before the next delivery of a message the provider's pause held back: the pause, and
     * once a message has been throttled before, at least the backoff one step behind, so a provider
     * that keeps throttling for more than about ten minutes sends it to the DLQ, not within seconds.
     */
    int afterThrottle(int receiveCount, java.time.Duration pause) {
        long asked = Math.max(1, (pause.toMillis() + 999) / 1000);
        long backoff = receiveCount >= 2 ? afterTransient(receiveCount - 1) : 0;
        return (int) Math.min(maxSeconds, Math.max(asked, backoff));
    }

    /** @param pause for a throttled message, how long the provider still wants nothing */
    void apply(SqsBatch.Message message, SmsDelivery.Outcome outcome, java.time.Duration pause) {
        if (queue == null || message.receiptHandle() == null || !outcome.retry()) {
            return;
        }
        int seconds = switch (outcome) {
            case POISONED -> 0;
            case THROTTLED -> afterThrottle(message.receiveCount(), pause);
            default -> afterTransient(message.receiveCount());
        };
        try {
            queue.delay(message.receiptHandle(), seconds);
        } catch (RuntimeException e) {
            // the queue's own visibility timeout applies instead: a retry comes, only sooner
            Log.warn("sqs.visibility_unchanged", Map.of("error", e.getClass().getSimpleName(),
                    "receive", message.receiveCount()));
        }
    }
}
