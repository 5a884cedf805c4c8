package ch.opsfabric.smssender;

import ch.opsfabric.log.Log;
import ch.opsfabric.log.Metrics;
import ch.opsfabric.messaging.OptOuts;
import ch.opsfabric.messaging.OutboundSms;
import ch.opsfabric.messaging.SmsKind;
import ch.opsfabric.messaging.SmsLedger;
import ch.opsfabric.messaging.SmsMessage;
import ch.opsfabric.messaging.SmsProvider;
import ch.opsfabric.messaging.SmsSendException;
import ch.opsfabric.phone.PhoneNumbers;
import ch.opsfabric.tenant.Tenant;
import ch.opsfabric.tenant.TenantDirectory;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Delivers one queued SMS: claim it in the ledger (so a redelivery is never sent twice), check the
 * opt-out again (it may have arrived after the message was queued), send through the tenant's
 * provider, record the result. The outcome says whether the queue should retry the message.
 */
public final class SmsDelivery {

    /** Longer than the function timeout: a claim this old belongs to a consumer that died. */
    static final Duration CLAIM_LEASE = Duration.ofMinutes(2);

    public enum Outcome {
        SENT(false), DUPLICATE(false), SKIPPED_OPT_OUT(false), FAILED_PERMANENT(false), RETRY(true),
        /** Unreadable or unroutable: waiting will not help, it goes to the DLQ for a person to look at. */
        POISONED(true),
        /** The provider asked us to wait ({@code Retry-After}); not a failure of the message. */
        THROTTLED(true);

        private final boolean retry;

        Outcome(boolean retry) {
            this.retry = retry;
        }

        public boolean retry() {
            return retry;
        }
    }

    private final TenantDirectory tenants;
    private final OptOuts optOuts;
    private final SmsLedger ledger;
    private final Map<String, SmsProvider> providers;
    private final Clock clock;
    private final Timeline timeline;
    private final ProviderPause pause;

    /** Where what became of an SMS about a ticket is written down, for the staff app's timeline. */
    @FunctionalInterface
    public interface Timeline {
        void delivered(Tenant tenant, ch.opsfabric.messaging.OutboundMessage message, String state, java.time.Instant at);

        Timeline NONE = (tenant, sms, state, at) -> { };
    }

    public SmsDelivery(TenantDirectory tenants, OptOuts optOuts, SmsLedger ledger,
                       Map<String, SmsProvider> providers, Clock clock) {
        this(tenants, optOuts, ledger, providers, clock, Timeline.NONE);
    }

    public SmsDelivery(TenantDirectory tenants, OptOuts optOuts, SmsLedger ledger,
                       Map<String, SmsProvider> providers, Clock clock, Timeline timeline) {
        this(tenants, optOuts, ledger, providers, clock, timeline, new ProviderPause(clock));
    }

    /** @param pause the providers that asked this sender to wait, shared by every channel's delivery */
    public SmsDelivery(TenantDirectory tenants, OptOuts optOuts, SmsLedger ledger,
                       Map<String, SmsProvider> providers, Clock clock, Timeline timeline, ProviderPause pause) {
        this.pause = pause;
        this.timeline = timeline;
        this.tenants = tenants;
        this.optOuts = optOuts;
        this.ledger = ledger;
        this.providers = Map.copyOf(providers);
        this.clock = clock;
    }

    public Outcome deliver(String body) {
        OutboundSms sms;
        try {
            sms = OutboundSms.fromJson(body);
        } catch (IllegalArgumentException e) {
            // kept for inspection: retries end in the DLQ rather than dropping a message silently
            Log.error("sms.unreadable", Map.of("chars", body == null ? 0 : body.length()), e);
            return Outcome.POISONED;
        }
        Map<String, Object> logFields = Map.of("tenant", sms.tenantId(), "to", PhoneNumbers.mask(sms.to()),
                "kind", sms.kind().wireName());
        Optional<Tenant> tenant = tenants.byId(sms.tenantId());
        if (tenant.isEmpty()) {
            Log.error("sms.unknown_tenant", logFields, null);
            return Outcome.POISONED;
        }
        SmsProvider provider = providers.get(tenant.get().config().smsProvider());
        if (provider == null) {
            Log.error("sms.unknown_provider", Map.of("tenant", sms.tenantId(),
                    "provider", tenant.get().config().smsProvider()), null);
            return Outcome.POISONED;
        }
        if (pause.holds(pauseKey(provider))) {
            // back to the queue unclaimed: the provider hears nothing from us until it said
            return Outcome.THROTTLED;
        }
        switch (ledger.claim(sms, provider.name(), clock.instant(), CLAIM_LEASE)) {
            case ALREADY_DONE -> {
                Log.info("sms.duplicate", logFields);
                return Outcome.DUPLICATE;
            }
            case IN_FLIGHT -> {
                return Outcome.RETRY;
            }
            case CLAIMED -> {
                return send(sms, tenant.get(), provider, logFields);
            }
            default -> throw new IllegalStateException("unknown claim");
        }
    }

    private static String pauseKey(SmsProvider provider) {
        return "sms:" + provider.name();
    }

    /** Conversations come from the business line, so answers reach us; alerts under the short name. */
    static String sender(OutboundSms sms, Tenant tenant) {
        if (sms.kind().twoWay() && !tenant.config().phoneLines().isEmpty()) {
            return tenant.config().phoneLines().get(0);
        }
        return tenant.config().smsSender();
    }

    private Outcome send(OutboundSms sms, Tenant tenant, SmsProvider provider, Map<String, Object> logFields) {
        // the confirmation of an opt-out is the one message an opted-out number still gets
        if (sms.kind() != SmsKind.OPT_OUT_CONFIRMATION && optOuts.isOptedOut(sms.tenantId(), sms.to())) {
            ledger.markFinal(sms, SmsLedger.State.SKIPPED_OPT_OUT, "opted out", clock.instant());
            record(tenant, sms, "skipped_opt_out");
            Log.info("sms.skipped_opt_out", logFields);
            return Outcome.SKIPPED_OPT_OUT;
        }
        try {
            String messageId = provider.send(new SmsMessage(sms.tenantId(), sender(sms, tenant), sms.to(),
                    sms.text(), sms.kind(), sms.idempotencyKey()));
            ledger.markSent(sms, messageId, clock.instant());
            record(tenant, sms, "sent");
            Metrics.count(Metrics.Event.SMS_SENT, sms.tenantId());
            Log.info("sms.sent", logFields);
            return Outcome.SENT;
        } catch (SmsSendException e) {
            if (e.permanent()) {
                ledger.markFinal(sms, SmsLedger.State.FAILED_PERMANENT, e.getMessage(), clock.instant());
                record(tenant, sms, "failed");
                Metrics.count(Metrics.Event.SMS_FAILED, sms.tenantId());
                Log.error("sms.failed_permanent", logFields, e);
                return Outcome.FAILED_PERMANENT;
            }
            ledger.markRetryable(sms, e.getMessage(), clock.instant());
            Outcome outcome = pause.afterTransient(pauseKey(provider), e);
            Log.warn(outcome == Outcome.THROTTLED ? "sms.throttled" : "sms.failed_retry", logFields);
            return outcome;
        } catch (RuntimeException e) {
            ledger.markRetryable(sms, e.getClass().getSimpleName(), clock.instant());
            Log.error("sms.failed_unexpected", logFields, e);
            return Outcome.RETRY;
        }
    }

    /** The SMS's fate on its ticket's timeline; the ledger already holds it, so a failure here costs only the line. */
    private void record(Tenant tenant, OutboundSms sms, String state) {
        try {
            timeline.delivered(tenant, sms, state, clock.instant());
        } catch (RuntimeException e) {
            Log.warn("sms.timeline_not_written", Map.of("tenant", sms.tenantId(), "kind", sms.kind().wireName(),
                    "error", e.getClass().getSimpleName()));
        }
    }
}
