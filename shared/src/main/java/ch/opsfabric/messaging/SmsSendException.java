package ch.opsfabric.messaging;

import java.time.Duration;
import java.util.Optional;

/**
 * A provider did not take the message. Permanent failures (invalid number, rejected content,
 * bad credentials) are recorded and not retried; transient ones (5xx, timeouts) are retried
 * through the queue and end in the DLQ. A provider that is throttling us (429, or a 503 with
 * {@code Retry-After}) says how long to wait: {@link #retryAfter()}.
 */
public final class SmsSendException extends Exception {

    private final boolean permanent;
    private final Duration retryAfter;

    public SmsSendException(String message, boolean permanent) {
        this(message, permanent, (Throwable) null);
    }

    public SmsSendException(String message, boolean permanent, Throwable cause) {
        super(message, cause);
        this.permanent = permanent;
        this.retryAfter = null;
    }

    /** Transient: the provider asked us to send nothing more for {@code retryAfter}. */
    public SmsSendException(String message, Duration retryAfter) {
        super(message);
        this.permanent = false;
        this.retryAfter = retryAfter;
    }

    public boolean permanent() {
        return permanent;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
