package ch.opsfabric.messaging;

import ch.opsfabric.phone.PhoneNumbers;
import ch.opsfabric.review.ReviewEligibility;
import ch.opsfabric.tenant.Module;
import ch.opsfabric.tenant.Tenant;
import ch.opsfabric.ticket.Ticket;
import ch.opsfabric.ticket.TicketStatus;
import ch.opsfabric.ticket.Urgency;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What the customer hears when the business moves their ticket: the confirmed appointment
 * (SCHEDULED with a time), and, where the tenant switched it on ({@code config.statusUpdates}),
 * short notices for IN_PROGRESS and DONE. All are proactive: in quiet hours they wait for the
 * morning. And the planned review request of a DONE ticket.
 */
public final class StatusUpdates {

    private static final Locale SWISS_GERMAN = Locale.forLanguageTag("de-CH");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEEE, d. MMMM yyyy", SWISS_GERMAN);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", SWISS_GERMAN);

    private final SmsDispatch sms;
    private final SmsTemplates templates;

    public StatusUpdates(SmsDispatch sms, SmsTemplates templates) {
        this.sms = sms;
        this.templates = templates;
    }

    /** When to ask for a review, or null when this ticket gets no review request. */
    public Instant reviewDueAt(Tenant tenant, Ticket ticket, Instant now) {
        return ReviewEligibility.whyNot(tenant, ticket.phone()).isPresent() ? null : now.plus(tenant.config().reviewDelay());
    }

    public void notifyCustomer(Tenant tenant, Ticket ticket, Instant now) {
        if (!tenant.has(Module.SMS) || !PhoneNumbers.isMobile(ticket.phone())) {
            return;
        }
        boolean enabled = tenant.config().document().path("statusUpdates").asBoolean(false);
        Map<String, Object> scope = new HashMap<>();
        scope.put("business", tenant.name());
        scope.put("reference", ticket.reference());
        SmsTemplates.Name template;
        String detail = "";
        if (ticket.status() == TicketStatus.SCHEDULED && ticket.appointmentAt() != null) {
            ZonedDateTime local = ticket.appointmentAt().atZone(tenant.config().zone());
            scope.put("date", DATE.format(local));
            scope.put("time", TIME.format(local));
            template = SmsTemplates.Name.STATUS_SCHEDULED;
            detail = ":" + ticket.appointmentAt();
        } else if (ticket.status() == TicketStatus.IN_PROGRESS && enabled) {
            template = SmsTemplates.Name.STATUS_IN_PROGRESS;
        } else if (ticket.status() == TicketStatus.DONE && enabled) {
            template = SmsTemplates.Name.STATUS_DONE;
        } else {
            return;
        }
        sms.send(tenant, new OutboundSms(tenant.id(), ticket.phone(), templates.render(template, scope),
                SmsKind.STATUS_UPDATE, Urgency.MEDIUM, "status:" + ticket.id() + ":" + ticket.status() + detail,
                ticket.id(), now));
    }
}
