package ch.opsfabric.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.opsfabric.messaging.OutboundSms;
import ch.opsfabric.messaging.SmsKind;
import ch.opsfabric.messaging.SmsLedger;
import ch.opsfabric.messaging.SmsLedger.Claim;
import ch.opsfabric.testing.TestAws;
import ch.opsfabric.ticket.Urgency;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DynamoSmsLedgerIT {

    private static final Instant NOW = Instant.parse("2026-11-26T09:00:00Z");
    private static final Duration LEASE = Duration.ofMinutes(5);

    private final DynamoSmsLedger ledger = new DynamoSmsLedger(TestAws.table());

    private static OutboundSms sms() {
        return new OutboundSms("t-ledger", "+41795551234", "Hallo", SmsKind.TICKET_CONFIRMATION, Urgency.MEDIUM,
                "key-" + UUID.randomUUID(), null, NOW);
    }

    @Test
    void aSentMessageIsNeverClaimedAgain() {
        OutboundSms sms = sms();
        assertEquals(Claim.CLAIMED, ledger.claim(sms, "console", NOW, LEASE));
        assertEquals(Claim.IN_FLIGHT, ledger.claim(sms, "console", NOW.plusSeconds(1), LEASE));
        ledger.markSent(sms, "m-1", NOW.plusSeconds(2));
        assertEquals(Claim.ALREADY_DONE, ledger.claim(sms, "console", NOW.plusSeconds(3), LEASE));
        assertEquals(Claim.ALREADY_DONE, ledger.claim(sms, "console", NOW.plus(Duration.ofDays(1)), LEASE));
    }

    @Test
    void aRetryableFailureMayBeClaimedAgain() {
        OutboundSms sms = sms();
        ledger.claim(sms, "console", NOW, LEASE);
        ledger.markRetryable(sms, "provider 503", NOW.plusSeconds(1));
        assertEquals(Claim.CLAIMED, ledger.claim(sms, "console", NOW.plusSeconds(2), LEASE));
    }

    @Test
    void aCrashedSendersClaimExpiresAfterTheLease() {
        OutboundSms sms = sms();
        ledger.claim(sms, "console", NOW, LEASE);
        assertEquals(Claim.IN_FLIGHT, ledger.claim(sms, "console", NOW.plus(LEASE).minusSeconds(1), LEASE));
        assertEquals(Claim.CLAIMED, ledger.claim(sms, "console", NOW.plus(LEASE).plusSeconds(1), LEASE));
    }

    @Test
    void permanentFailuresAndOptOutsAreFinal() {
        OutboundSms failed = sms();
        ledger.claim(failed, "console", NOW, LEASE);
        ledger.markFinal(failed, SmsLedger.State.FAILED_PERMANENT, "invalid number", NOW);
        assertEquals(Claim.ALREADY_DONE, ledger.claim(failed, "console", NOW.plusSeconds(1), LEASE));
    }
}
