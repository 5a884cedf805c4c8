package ch.opsfabric.messaging;

import java.time.Duration;
import java.time.Instant;

/** "At most one SMS of this purpose to this number per window", decided by one conditional write. */
public interface SmsWindows {

    /**
     * Opens the window for {@code owner} (e.g. the call that asks for the SMS) unless another
     * owner holds an open one. The same owner asking again gets true: a retried webhook still
     * sends its one SMS, with the same idempotency key.
     */
    boolean tryOpen(String tenantId, String purpose, String e164, String owner, Instant now, Duration length);
}
