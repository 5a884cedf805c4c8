package ch.opsfabric.testing.fakes;

import ch.opsfabric.messaging.OutboundMessage;
import ch.opsfabric.messaging.SmsLedger;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** The SMS ledger's claim rules in memory: one sender per message, done is done, a stale claim can be taken over. */
public final class InMemorySmsLedger implements SmsLedger {

    private record Entry(State state, Instant claimedAt, Duration lease) {
    }

    private final Map<String, Entry> entries = new HashMap<>();

    private static String key(OutboundMessage sms) {
        return sms.tenantId() + "|" + sms.idempotencyKey();
    }

    @Override
    public synchronized Claim claim(OutboundMessage sms, String provider, Instant now, Duration lease) {
        Entry entry = entries.get(key(sms));
        if (entry != null && entry.state() != State.RETRYABLE) {
            if (entry.state() != State.SENDING) {
                return Claim.ALREADY_DONE;
            }
            if (now.isBefore(entry.claimedAt().plus(entry.lease()))) {
                return Claim.IN_FLIGHT;
            }
        }
        entries.put(key(sms), new Entry(State.SENDING, now, lease));
        return Claim.CLAIMED;
    }

    @Override
    public synchronized void markSent(OutboundMessage sms, String providerMessageId, Instant at) {
        entries.put(key(sms), new Entry(State.SENT, at, Duration.ZERO));
    }

    @Override
    public synchronized void markRetryable(OutboundMessage sms, String reason, Instant at) {
        entries.put(key(sms), new Entry(State.RETRYABLE, at, Duration.ZERO));
    }

    @Override
    public synchronized void markFinal(OutboundMessage sms, State state, String reason, Instant at) {
        entries.put(key(sms), new Entry(state, at, Duration.ZERO));
    }

    public synchronized State state(OutboundMessage sms) {
        Entry entry = entries.get(key(sms));
        return entry == null ? null : entry.state();
    }
}
