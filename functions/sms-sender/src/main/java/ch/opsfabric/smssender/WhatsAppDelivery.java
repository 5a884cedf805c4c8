package ch.opsfabric.smssender;

import ch.opsfabric.log.Log;
import ch.opsfabric.messaging.OptOuts;
import ch.opsfabric.messaging.OutboundWhatsApp;
import ch.opsfabric.messaging.SmsLedger;
import ch.opsfabric.messaging.SmsSendException;
import ch.opsfabric.messaging.WhatsAppMessage;
import ch.opsfabric.messaging.WhatsAppProvider;
import ch.opsfabric.messaging.WhatsAppReceipts;
import ch.opsfabric.messaging.WhatsAppRouting;
import ch.opsfabric.messaging.WhatsAppWindows;
import ch.opsfabric.phone.PhoneNumbers;
import ch.opsfabric.tenant.Tenant;
import ch.opsfabric.tenant.TenantDirectory;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Delivers one queued WhatsApp message, deciding the 24-hour rule when it is sent (the window may
 * have closed while it waited): inside the window its text and buttons; outside an approved
 * template for its purpose with the text as the body parameter; with neither, or when Meta refuses
 * it for good, its SMS goes instead, through {@link SmsDelivery} and its own ledger entry. Claimed
 * in the same ledger first, opt-out checked as for SMS.
 */
public final class WhatsAppDelivery {

    private final TenantDirectory tenants;
    private final OptOuts optOuts;
    private final SmsLedger ledger;
    private final Map<String, WhatsAppProvider> providers;
    private final WhatsAppWindows windows;
    private final WhatsAppReceipts receipts;
    private final SmsDelivery sms;
    private final Clock clock;
    private final ProviderPause pause;

    /** @param providers by the name a tenant configures ({@code whatsapp.provider}: {@code meta} by default, {@code twilio}) */
    public WhatsAppDelivery(TenantDirectory tenants, OptOuts optOuts, SmsLedger ledger, Map<String, WhatsAppProvider> providers,
                            WhatsAppWindows windows, WhatsAppReceipts receipts, SmsDelivery sms, Clock clock) {
        this(tenants, optOuts, ledger, providers, windows, receipts, sms, clock, new ProviderPause(clock));
    }

    /** @param pause the providers that asked this sender to wait, shared by every channel's delivery */
    public WhatsAppDelivery(TenantDirectory tenants, OptOuts optOuts, SmsLedger ledger, Map<String, WhatsAppProvider> providers,
                            WhatsAppWindows windows, WhatsAppReceipts receipts, SmsDelivery sms, Clock clock,
                            ProviderPause pause) {
        this.pause = pause;
        this.tenants = tenants;
        this.optOuts = optOuts;
        this.ledger = ledger;
        this.providers = Map.copyOf(providers);
        this.windows = windows;
        this.receipts = receipts;
        this.sms = sms;
        this.clock = clock;
    }

    public SmsDelivery.Outcome deliver(JsonNode body) {
        OutboundWhatsApp message;
        try {
            message = OutboundWhatsApp.fromJson(body);
        } catch (IllegalArgumentException e) {
            Log.error("whatsapp.unreadable", Map.of("fields", body.size()), e);
            return SmsDelivery.Outcome.POISONED;
        }
        Map<String, Object> logFields = Map.of("tenant", message.tenantId(), "to", PhoneNumbers.mask(message.to()),
                "kind", message.kind().wireName());
        Optional<Tenant> tenant = tenants.byId(message.tenantId());
        if (tenant.isEmpty()) {
            Log.error("whatsapp.unknown_tenant", logFields, null);
            return SmsDelivery.Outcome.POISONED;
        }
        String providerName = tenant.get().config().document().path("whatsapp").path("provider").asText("meta");
        WhatsAppProvider provider = providers.get(providerName);
        if (provider == null) {
            Log.error("whatsapp.unknown_provider", Map.of("tenant", message.tenantId(), "provider", providerName), null);
            return SmsDelivery.Outcome.RETRY;
        }
        if (pause.holds("whatsapp:" + provider.name())) {
            return SmsDelivery.Outcome.THROTTLED;
        }
        switch (ledger.claim(message, provider.name(), clock.instant(), SmsDelivery.CLAIM_LEASE)) {
            case ALREADY_DONE -> {
                return SmsDelivery.Outcome.DUPLICATE;
            }
            case IN_FLIGHT -> {
                return SmsDelivery.Outcome.RETRY;
            }
            case CLAIMED -> {
                return send(message, tenant.get(), provider, logFields);
            }
            default -> throw new IllegalStateException("unknown claim");
        }
    }

    private SmsDelivery.Outcome send(OutboundWhatsApp message, Tenant tenant, WhatsAppProvider provider,
                                     Map<String, Object> logFields) {
        Instant now = clock.instant();
        if (optOuts.isOptedOut(message.tenantId(), message.to())) {
            ledger.markFinal(message, SmsLedger.State.SKIPPED_OPT_OUT, "opted out", now);
            Log.info("whatsapp.skipped_opt_out", logFields);
            return SmsDelivery.Outcome.SKIPPED_OPT_OUT;
        }
        // Meta sends from the number's id, Twilio from the number itself (the tenant's first line unless configured)
        String from = "twilio".equals(provider.name())
                ? tenant.config().document().path("whatsapp").path("twilioFrom").asText(
                        tenant.config().phoneLines().isEmpty() ? "" : tenant.config().phoneLines().get(0))
                : tenant.config().document().path("whatsapp").path("phoneNumberId").asText("");
        boolean open = WhatsAppWindows.open(windows.lastCustomerMessage(message.tenantId(), message.to()), now);
        String purpose = WhatsAppRouting.purpose(message.kind());
        Optional<JsonNode> template = purpose == null ? Optional.empty() : WhatsAppRouting.template(tenant, purpose);
        if (!WhatsAppRouting.enabled(tenant) || !open && template.isEmpty()) {
            return fallBack(message, open ? "whatsapp off" : "window closed, no template", logFields);
        }
        boolean buttons = !message.buttons().isEmpty() && !"twilio".equals(provider.name());
        WhatsAppMessage outgoing = open
                ? new WhatsAppMessage(message.tenantId(), from, message.to(), buttons || message.buttons().isEmpty()
                        ? message.text() : message.smsText(), buttons ? message.buttons() : List.of(), null)
                : new WhatsAppMessage(message.tenantId(), from, message.to(), message.smsText(), List.of(),
                        new WhatsAppMessage.Template(template.get().path("name").asText(),
                                template.get().path("language").asText("de"), List.of(message.smsText())));
        try {
            String wamid = provider.send(outgoing);
            ledger.markSent(message, wamid, clock.instant());
            receipts.sent(wamid, message.tenantId(), message.ticketId(), message.idempotencyKey(), clock.instant());
            Log.info(open ? "whatsapp.sent" : "whatsapp.sent_template", logFields);
            return SmsDelivery.Outcome.SENT;
        } catch (SmsSendException e) {
            if (e.permanent()) {
                return fallBack(message, "refused: " + e.getMessage(), logFields);
            }
            ledger.markRetryable(message, e.getMessage(), clock.instant());
            SmsDelivery.Outcome outcome = pause.afterTransient("whatsapp:" + provider.name(), e);
            Log.warn(outcome == SmsDelivery.Outcome.THROTTLED ? "whatsapp.throttled" : "whatsapp.failed_retry", logFields);
            return outcome;
        } catch (RuntimeException e) {
            ledger.markRetryable(message, e.getClass().getSimpleName(), clock.instant());
            Log.error("whatsapp.failed_unexpected", logFields, e);
            return SmsDelivery.Outcome.RETRY;
        }
    }

    /** The SMS instead, with its own ledger key: a retry of this message sends it once. */
    private SmsDelivery.Outcome fallBack(OutboundWhatsApp message, String why, Map<String, Object> logFields) {
        SmsDelivery.Outcome outcome = sms.deliver(message.asSms().toJson());
        if (outcome.retry()) {
            ledger.markRetryable(message, "SMS fallback to retry: " + why, clock.instant());
            return outcome;
        }
        ledger.markFinal(message, SmsLedger.State.FAILED_PERMANENT, "sent as SMS: " + why, clock.instant());
        Log.info("whatsapp.fell_back_to_sms", Map.of("tenant", message.tenantId(), "reason", why,
                "kind", message.kind().wireName()));
        return outcome;
    }
}
