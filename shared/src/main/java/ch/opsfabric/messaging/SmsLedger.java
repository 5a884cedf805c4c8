package ch.opsfabric.messaging;

import java.time.Duration;
import java.time.Instant;

/**
 * The record of every outbound message (SMS and e-mail), keyed by its idempotency key. Claiming
 * before sending is what keeps a redelivered queue message from being sent twice.
 */
public interface SmsLedger {

    enum Claim {
        /** this consumer may send now */
        CLAIMED,
        /** sent, skipped or permanently failed before: acknowledge and do nothing */
        ALREADY_DONE,
        /** another consumer is sending it right now: retry later */
        IN_FLIGHT
    }

    enum State { SENDING, SENT, RETRYABLE, FAILED_PERMANENT, SKIPPED_OPT_OUT }

    /**
     * @param lease how long a SENDING claim protects the message; after that a crashed
     *              consumer's claim may be taken over (longer than the sender's timeout)
     */
    Claim claim(OutboundMessage sms, String provider, Instant now, Duration lease);

    void markSent(OutboundMessage sms, String providerMessageId, Instant at);

    void markRetryable(OutboundMessage sms, String reason, Instant at);

    void markFinal(OutboundMessage sms, State state, String reason, Instant at);
}
