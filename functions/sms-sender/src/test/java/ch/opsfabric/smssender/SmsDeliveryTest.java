package ch.opsfabric.smssender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.opsfabric.messaging.OutboundSms;
import ch.opsfabric.messaging.SmsKind;
import ch.opsfabric.messaging.SmsLedger;
import ch.opsfabric.messaging.SmsProvider;
import ch.opsfabric.smssender.SmsDelivery.Outcome;
import ch.opsfabric.testing.MutableClock;
import ch.opsfabric.testing.fakes.InMemoryOptOuts;
import ch.opsfabric.testing.fakes.InMemorySmsLedger;
import ch.opsfabric.testing.fakes.InMemoryTenants;
import ch.opsfabric.tenant.Tenant;
import ch.opsfabric.ticket.Urgency;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every outcome of delivering one queued SMS, against in-memory ports and a scripted provider. */
class SmsDeliveryTest {

    static final Instant NOW = Instant.parse("2026-11-26T09:00:00Z");

    private final MutableClock clock = new MutableClock(NOW);
    private final Tenant tenant = InMemoryTenants.handwerk("keller", "+41445550101", "",
            "\"sms\":{\"provider\":\"scripted\",\"sender\":\"Keller\"}");
    private final Tenant noProvider = InMemoryTenants.handwerk("ohne", "+41445550909", "",
            "\"sms\":{\"provider\":\"ecall\",\"sender\":\"Ohne\"}");
    private final ScriptedSmsProvider provider = new ScriptedSmsProvider();
    private final InMemoryOptOuts optOuts = new InMemoryOptOuts();
    private final InMemorySmsLedger ledger = new InMemorySmsLedger();
    private final SmsDelivery delivery = new SmsDelivery(new InMemoryTenants().add(tenant).add(noProvider), optOuts, ledger,
            Map.<String, SmsProvider>of(provider.name(), provider), clock);

    private static OutboundSms sms(Tenant tenant, String to, SmsKind kind, String key) {
        return new OutboundSms(tenant.id(), to, "Grüezi", kind, Urgency.MEDIUM, key, null, NOW);
    }

    @Test
    void aMessageIsSentAndRecorded() {
        OutboundSms sms = sms(tenant, "+41795551001", SmsKind.TICKET_CONFIRMATION, "k1");
        assertEquals(Outcome.SENT, delivery.deliver(sms.toJson()));
        assertEquals(SmsLedger.State.SENT, ledger.state(sms));
        assertEquals(tenant.config().phoneLines().get(0), provider.calls.get(0).from(), "two-way: from the business line");
    }

    @Test
    void aRedeliveryIsNotSentAgain() {
        OutboundSms sms = sms(tenant, "+41795551001", SmsKind.TICKET_CONFIRMATION, "k1");
        delivery.deliver(sms.toJson());
        assertEquals(Outcome.DUPLICATE, delivery.deliver(sms.toJson()));
        assertEquals(1, provider.calls.size());
    }

    @Test
    void anOptOutThatArrivedAfterQueueingStillHolds() {
        optOuts.optOut(tenant.id(), "+41795551001", NOW);
        OutboundSms sms = sms(tenant, "+41795551001", SmsKind.STATUS_UPDATE, "k1");
        assertEquals(Outcome.SKIPPED_OPT_OUT, delivery.deliver(sms.toJson()));
        assertTrue(provider.calls.isEmpty());
        OutboundSms confirmation = sms(tenant, "+41795551001", SmsKind.OPT_OUT_CONFIRMATION, "k2");
        assertEquals(Outcome.SENT, delivery.deliver(confirmation.toJson()), "the one message an opted-out number gets");
    }

    @Test
    void aTransientFailureIsLeftForTheQueueToRetry() {
        OutboundSms sms = sms(tenant, ScriptedSmsProvider.FAILS_TRANSIENTLY, SmsKind.TICKET_CONFIRMATION, "k1");
        assertEquals(Outcome.RETRY, delivery.deliver(sms.toJson()));
        assertEquals(SmsLedger.State.RETRYABLE, ledger.state(sms));
    }

    @Test
    void aThrottlingProviderHearsNothingMoreUntilItsPauseIsOver() {
        OutboundSms throttled = sms(tenant, ScriptedSmsProvider.THROTTLED, SmsKind.TICKET_CONFIRMATION, "k1");
        OutboundSms next = sms(tenant, "+41795551002", SmsKind.TICKET_CONFIRMATION, "k2");
        assertEquals(Outcome.THROTTLED, delivery.deliver(throttled.toJson()));
        assertEquals(SmsLedger.State.RETRYABLE, ledger.state(throttled));
        assertEquals(Outcome.THROTTLED, delivery.deliver(next.toJson()));
        assertEquals(1, provider.calls.size(), "the second was not sent");
        assertEquals(null, ledger.state(next), "nor claimed");
        clock.advance(java.time.Duration.ofSeconds(20));
        assertEquals(Outcome.SENT, delivery.deliver(next.toJson()));
        assertEquals(SmsLedger.State.SENT, ledger.state(next));
    }

    @Test
    void aPermanentFailureIsRecordedAndNotRetried() {
        OutboundSms sms = sms(tenant, ScriptedSmsProvider.FAILS_PERMANENTLY, SmsKind.TICKET_CONFIRMATION, "k1");
        assertEquals(Outcome.FAILED_PERMANENT, delivery.deliver(sms.toJson()));
        assertEquals(Outcome.DUPLICATE, delivery.deliver(sms.toJson()));
    }

    @Test
    void whatCannotBeSentNowIsKeptForTheDlq() {
        assertEquals(Outcome.POISONED, delivery.deliver("not json"));
        assertEquals(Outcome.POISONED, delivery.deliver(null));
        assertEquals(Outcome.POISONED, delivery.deliver(sms(noProvider, "+41795551001", SmsKind.TICKET_CONFIRMATION, "k1").toJson()),
                "a tenant whose provider this deployment has no credentials for");
        OutboundSms unknownTenant = new OutboundSms("gone", "+41795551001", "x", SmsKind.TICKET_CONFIRMATION,
                Urgency.MEDIUM, "k2", null, NOW);
        assertEquals(Outcome.POISONED, delivery.deliver(unknownTenant.toJson()));
        assertTrue(provider.calls.isEmpty());
    }
}
