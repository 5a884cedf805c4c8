package ch.opsfabric.messaging;

import ch.opsfabric.log.Log;
import ch.opsfabric.log.Metrics;
import ch.opsfabric.phone.PhoneNumbers;
import ch.opsfabric.tenant.Tenant;
import ch.opsfabric.ticket.Urgency;
import ch.opsfabric.time.QuietHours;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/**
 * The one way functions send SMS (or, to a customer who writes on WhatsApp, the same message by
 * WhatsApp: {@link WhatsAppRouting}). Proactive messages (status updates, review requests) that are
 * not urgent wait for the end of the tenant's quiet hours; answers to a contact the customer
 * just made go out at once, because the customer is awake and "1 = Dringend" must work at night.
 */
public final class SmsDispatch {

    public enum Route { QUEUED, DEFERRED, WHATSAPP }

    private final SmsOutbox outbox;
    private final DeferredDelivery deferred;
    private final Clock clock;
    private final WhatsAppRouting whatsapp;

    public SmsDispatch(SmsOutbox outbox, DeferredDelivery deferred, Clock clock) {
        this(outbox, deferred, clock, WhatsAppRouting.NONE);
    }

    /** @param whatsapp which customer messages go by WhatsApp instead (the SMS is their fallback) */
    public SmsDispatch(SmsOutbox outbox, DeferredDelivery deferred, Clock clock, WhatsAppRouting whatsapp) {
        this.outbox = outbox;
        this.deferred = deferred;
        this.clock = clock;
        this.whatsapp = whatsapp;
    }

    public Route send(Tenant tenant, OutboundSms sms) {
        Instant now = clock.instant();
        QuietHours quiet = tenant.config().quietHours();
        if (sms.kind().proactive() && sms.urgency() != Urgency.HIGH && quiet.isQuiet(now, tenant.config().zone())) {
            Instant at = quiet.endOfQuiet(now, tenant.config().zone());
            deferred.defer(sms, at, tenant.config().zone());
            Metrics.count(Metrics.Event.SMS_DEFERRED, tenant.id());
            Log.info("sms.deferred", Map.of("tenant", tenant.id(), "to", PhoneNumbers.mask(sms.to()),
                    "kind", sms.kind().wireName(), "until", at));
            return Route.DEFERRED;
        }
        if (whatsapp.tryRoute(tenant, sms, now)) {
            return Route.WHATSAPP;
        }
        outbox.enqueue(sms);
        return Route.QUEUED;
    }
}
