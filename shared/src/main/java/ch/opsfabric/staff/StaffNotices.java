package ch.opsfabric.staff;

import ch.opsfabric.log.Log;
import ch.opsfabric.messaging.OutboundSms;
import ch.opsfabric.messaging.SmsDispatch;
import ch.opsfabric.messaging.SmsKind;
import ch.opsfabric.phone.PhoneNumbers;
import ch.opsfabric.tenant.Module;
import ch.opsfabric.tenant.Tenant;
import ch.opsfabric.ticket.Ticket;
import ch.opsfabric.ticket.TicketWatcher;
import ch.opsfabric.ticket.Urgency;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/**
 * SMS notices to the staff who chose them: an urgent ticket at any hour (at once), a new ticket
 * and an SLA about to be missed outside quiet hours (the 15-minute cron asks). At most one per
 * ticket, reason and member: the idempotency key is exactly that. The text names the reference
 * and links the ticket page.
 */
public final class StaffNotices implements TicketWatcher {

    private final StaffDirectory staff;
    private final SmsDispatch sms;
    private final Clock clock;
    private final String publicBaseUrl;

    public StaffNotices(StaffDirectory staff, SmsDispatch sms, Clock clock, String publicBaseUrl) {
        this.staff = staff;
        this.sms = sms;
        this.clock = clock;
        this.publicBaseUrl = publicBaseUrl;
    }

    @Override
    public void urgent(Tenant tenant, Ticket ticket, ch.opsfabric.ticket.TicketSource via) {
        // an SMS "1" sends the owner's alert to the owner's mobile already: not a second SMS there
        notify(tenant, ticket, StaffMember.Notice.URGENT,
                via == ch.opsfabric.ticket.TicketSource.SMS_REPLY ? tenant.config().ownerMobile() : null);
    }

    /** @return how many members were notified */
    public int notify(Tenant tenant, Ticket ticket, StaffMember.Notice reason) {
        return notify(tenant, ticket, reason, null);
    }

    private int notify(Tenant tenant, Ticket ticket, StaffMember.Notice reason, String alreadyAlerted) {
        if (!tenant.has(Module.DASHBOARD)) {
            return 0;
        }
        Instant now = clock.instant();
        String who = ticket.name() != null ? ticket.name() : ticket.phone() == null ? "unbekannt" : PhoneNumbers.display(ticket.phone());
        String text = switch (reason) {
            case URGENT -> "Dringend: " + ticket.reference() + ", " + who + ".";
            case NEW_TICKET -> "Neues Ticket " + ticket.reference() + ": " + who + ".";
            case SLA_SOON -> "In 30 Minuten ist die Antwortzeit für " + ticket.reference() + " (" + who + ") um.";
        } + " " + publicBaseUrl + "/app/tickets/" + ticket.id();
        int sent = 0;
        for (StaffMember member : staff.list(tenant.id())) {
            if (!member.wants(reason) || member.mobile().equals(alreadyAlerted)) {
                continue;
            }
            sms.send(tenant, new OutboundSms(tenant.id(), member.mobile(), text, SmsKind.STAFF_NOTICE,
                    reason == StaffMember.Notice.URGENT ? Urgency.HIGH : Urgency.MEDIUM,
                    "notice:" + reason.wireName() + ":" + ticket.id() + ":" + member.id(), null, now));
            sent++;
        }
        if (sent > 0) {
            Log.info("staff.noticed", Map.of("tenant", tenant.id(), "ticket", ticket.id(), "reason", reason.wireName(),
                    "members", sent));
        }
        return sent;
    }
}
