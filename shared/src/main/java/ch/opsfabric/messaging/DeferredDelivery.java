package ch.opsfabric.messaging;

import java.time.Instant;
import java.time.ZoneId;

/**
 * Puts an SMS on the outbound queue later, at {@code at}. In AWS a one-time EventBridge
 * Scheduler schedule; in the local stack a scheduler driven by the local clock.
 * Deferring the same message (same idempotency key) twice schedules it once.
 */
public interface DeferredDelivery {

    void defer(OutboundSms sms, Instant at, ZoneId zone);

    /**
     * For functions that only answer a contact the customer just made: those answers are never
     * deferred, so this function needs no Scheduler client. Reaching it is a bug.
     */
    DeferredDelivery NONE = (sms, at, zone) -> {
        throw new IllegalStateException("this function defers no SMS, yet " + sms.kind().wireName() + " was to wait");
    };
}
