package ch.opsfabric.smssender;

import ch.opsfabric.contact.Identifiers;
import ch.opsfabric.log.Log;
import ch.opsfabric.messaging.EmailMessage;
import ch.opsfabric.messaging.EmailProvider;
import ch.opsfabric.messaging.OutboundEmail;
import ch.opsfabric.messaging.SmsLedger;
import ch.opsfabric.messaging.SmsSendException;
import ch.opsfabric.tenant.Tenant;
import ch.opsfabric.tenant.TenantDirectory;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Delivers one queued e-mail the way {@link SmsDelivery} delivers an SMS: claimed in the same
 * ledger first (a redelivery is never sent twice), then sent, then recorded. No quiet hours and
 * no SMS opt-out: an e-mail waits in the inbox, and STOP was said to the SMS number.
 */
public final class EmailDelivery {

    private final TenantDirectory tenants;
    private final SmsLedger ledger;
    private final EmailProvider provider;
    private final String fromAddress;
    private final Clock clock;
    private final SmsDelivery.Timeline timeline;
    private final ProviderPause pause;

    /**
     * @param fromAddress the deployment's sender address, verified at the provider; tenants differ by name and Reply-To
     * @param pause       the providers that asked this sender to wait, shared by every channel's delivery
     */
    public EmailDelivery(TenantDirectory tenants, SmsLedger ledger, EmailProvider provider, String fromAddress, Clock clock,
                         SmsDelivery.Timeline timeline, ProviderPause pause) {
        this.pause = pause;
        this.tenants = tenants;
        this.ledger = ledger;
        this.provider = provider;
        this.fromAddress = fromAddress;
        this.clock = clock;
        this.timeline = timeline;
    }

    public SmsDelivery.Outcome deliver(JsonNode body) {
        OutboundEmail email;
        try {
            email = OutboundEmail.fromJson(body);
        } catch (IllegalArgumentException e) {
            Log.error("email.unreadable", Map.of("fields", body.size()), e);
            return SmsDelivery.Outcome.POISONED;
        }
        Map<String, Object> logFields = Map.of("tenant", email.tenantId(), "to", Identifiers.maskAddress(email.to()),
                "purpose", email.purpose());
        Optional<Tenant> tenant = tenants.byId(email.tenantId());
        if (tenant.isEmpty()) {
            Log.error("email.unknown_tenant", logFields, null);
            return SmsDelivery.Outcome.POISONED;
        }
        if (pause.holds("email:" + provider.name())) {
            return SmsDelivery.Outcome.THROTTLED;
        }
        switch (ledger.claim(email, provider.name(), clock.instant(), SmsDelivery.CLAIM_LEASE)) {
            case ALREADY_DONE -> {
                Log.info("email.duplicate", logFields);
                return SmsDelivery.Outcome.DUPLICATE;
            }
            case IN_FLIGHT -> {
                return SmsDelivery.Outcome.RETRY;
            }
            case CLAIMED -> {
                return send(email, tenant.get(), logFields);
            }
            default -> throw new IllegalStateException("unknown claim");
        }
    }

    private SmsDelivery.Outcome send(OutboundEmail email, Tenant tenant, Map<String, Object> logFields) {
        List<EmailMessage.Header> headers = new ArrayList<>();
        headers.add(new EmailMessage.Header("Message-ID", email.messageId()));
        if (email.inReplyTo() != null) {
            headers.add(new EmailMessage.Header("In-Reply-To", email.inReplyTo()));
            headers.add(new EmailMessage.Header("References", email.inReplyTo()));
        }
        // an answer of ours is never answered by an auto-responder that follows RFC 3834
        headers.add(new EmailMessage.Header("Auto-Submitted", "auto-replied"));
        EmailMessage message = new EmailMessage(email.tenantId(), email.fromName(), fromAddress, email.to(), email.toName(),
                email.replyTo(), email.subject(), email.text(), headers, email.purpose());
        try {
            String providerId = provider.send(message);
            ledger.markSent(email, providerId, clock.instant());
            record(tenant, email, "sent");
            Log.info("email.sent", logFields);
            return SmsDelivery.Outcome.SENT;
        } catch (SmsSendException e) {
            if (e.permanent()) {
                ledger.markFinal(email, SmsLedger.State.FAILED_PERMANENT, e.getMessage(), clock.instant());
                record(tenant, email, "failed");
                Log.error("email.failed_permanent", logFields, e);
                return SmsDelivery.Outcome.FAILED_PERMANENT;
            }
            ledger.markRetryable(email, e.getMessage(), clock.instant());
            SmsDelivery.Outcome outcome = pause.afterTransient("email:" + provider.name(), e);
            Log.warn(outcome == SmsDelivery.Outcome.THROTTLED ? "email.throttled" : "email.failed_retry", logFields);
            return outcome;
        } catch (RuntimeException e) {
            ledger.markRetryable(email, e.getClass().getSimpleName(), clock.instant());
            Log.error("email.failed_unexpected", logFields, e);
            return SmsDelivery.Outcome.RETRY;
        }
    }

    private void record(Tenant tenant, OutboundEmail email, String state) {
        try {
            timeline.delivered(tenant, email, state, clock.instant());
        } catch (RuntimeException e) {
            Log.warn("email.timeline_not_written", Map.of("tenant", email.tenantId(), "error", e.getClass().getSimpleName()));
        }
    }
}
