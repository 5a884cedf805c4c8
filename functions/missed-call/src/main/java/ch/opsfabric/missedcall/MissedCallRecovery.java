package ch.opsfabric.missedcall;

import ch.opsfabric.time.SwissHolidays;
import ch.opsfabric.log.Log;
import ch.opsfabric.log.Metrics;
import ch.opsfabric.messaging.OutboundSms;
import ch.opsfabric.messaging.SmsDispatch;
import ch.opsfabric.messaging.SmsKind;
import ch.opsfabric.messaging.SmsTemplates;
import ch.opsfabric.messaging.SmsWindows;
import ch.opsfabric.phone.Phone;
import ch.opsfabric.phone.PhoneNumbers;
import ch.opsfabric.tenant.Module;
import ch.opsfabric.tenant.Tenant;
import ch.opsfabric.tenant.TenantDirectory;
import ch.opsfabric.ticket.CallStats;
import ch.opsfabric.ticket.ContactOutcome;
import ch.opsfabric.ticket.NewContact;
import ch.opsfabric.ticket.TicketIntake;
import ch.opsfabric.ticket.TicketSource;
import ch.opsfabric.ticket.TicketStatus;
import ch.opsfabric.ticket.Urgency;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * What happens after a missed call: the tenant by the called line, the caller's number read,
 * the day's ticket created or joined (NEEDS_CALLBACK), and — for a mobile caller who got no
 * menu SMS in the last 15 minutes — the SMS menu "1 = Dringend, 2 = Rückruf, 3 = Online-Formular".
 * A withheld number is only counted; a landline gets a ticket that says "call back".
 */
final class MissedCallRecovery {

    static final Duration MENU_WINDOW = Duration.ofMinutes(15);

    enum Outcome {
        UNKNOWN_LINE, ANSWERED, WITHHELD_COUNTED, LANDLINE_TICKET, MOBILE_TICKET, MENU_SMS_QUEUED, MENU_SMS_SUPPRESSED,
        DUPLICATE
    }

    record Result(Outcome outcome, String ticketId, String reference) {
    }

    private final Clock clock;
    private final TenantDirectory tenants;
    private final TicketIntake intake;
    private final CallStats callStats;
    private final SmsWindows smsWindows;
    private final SmsDispatch sms;
    private final SmsTemplates templates;

    MissedCallRecovery(Clock clock, TenantDirectory tenants, TicketIntake intake, CallStats callStats,
                       SmsWindows smsWindows, SmsDispatch sms, SmsTemplates templates) {
        this.clock = clock;
        this.tenants = tenants;
        this.intake = intake;
        this.callStats = callStats;
        this.smsWindows = smsWindows;
        this.sms = sms;
        this.templates = templates;
    }

    Result handle(MissedCall call) {
        Optional<Tenant> found = tenants.byLineWith(call.to(), Module.MISSED_CALL);
        if (found.isEmpty()) {
            // an unknown line, or a tenant with the module off: nothing stored, nothing sent
            return new Result(Outcome.UNKNOWN_LINE, null, null);
        }
        Tenant tenant = found.get();
        if (!call.missed()) {
            return new Result(Outcome.ANSWERED, null, null);
        }
        Instant now = clock.instant();
        Metrics.count(Metrics.Event.MISSED_CALL, tenant.id());
        Phone caller = PhoneNumbers.parse(call.from());
        if (!(caller instanceof Phone.Number number)) {
            // no number to call back or text: count it so the owner sees how many calls were lost
            boolean counted = callStats.countWithheld(tenant.id(), now.atZone(tenant.config().zone()).toLocalDate(),
                    call.contactId());
            Log.info("missed_call.withheld", Map.of("tenant", tenant.id(), "counted", counted));
            return new Result(counted ? Outcome.WITHHELD_COUNTED : Outcome.DUPLICATE, null, null);
        }
        ContactOutcome outcome = intake.record(tenant, new NewContact(tenant.id(), number, TicketSource.MISSED_CALL,
                Urgency.MEDIUM, TicketStatus.NEEDS_CALLBACK, null, null, null, null,
                number.isMobile() ? "Verpasster Anruf" : "Verpasster Anruf vom Festnetz: bitte zurückrufen",
                Map.of(), now, call.contactId()));
        String ticketId = outcome.ticket().id();
        String reference = outcome.ticket().reference();
        Log.info(outcome.duplicate() ? "missed_call.duplicate" : "missed_call.recorded", Map.of("tenant", tenant.id(),
                "from", number.masked(), "ticket", ticketId, "joined", outcome.joined()));
        if (!number.isMobile() || !tenant.has(Module.SMS)) {
            return new Result(outcome.duplicate() ? Outcome.DUPLICATE
                    : number.isMobile() ? Outcome.MOBILE_TICKET : Outcome.LANDLINE_TICKET, ticketId, reference);
        }
        // a retried webhook runs this again: the window belongs to this call and the SMS has the
        // same idempotency key, so the customer still gets exactly one menu
        boolean windowOpen = smsWindows.tryOpen(tenant.id(), "menu", number.e164(), call.contactId(), now, MENU_WINDOW);
        if (!windowOpen) {
            return new Result(outcome.duplicate() ? Outcome.DUPLICATE : Outcome.MENU_SMS_SUPPRESSED, ticketId, reference);
        }
        // on a weekend or a public holiday of the tenant's canton the caller hears when the business is back
        java.time.LocalDate today = now.atZone(tenant.config().zone()).toLocalDate();
        String canton = tenant.config().canton();
        boolean closed = !SwissHolidays.isWorkingDay(canton, today);
        String text = closed
                ? templates.render(SmsTemplates.Name.MISSED_CALL_MENU_WEEKEND, Map.of("business", tenant.name(),
                        "back", backOn(today, SwissHolidays.nextWorkingDay(canton, today))))
                : templates.render(SmsTemplates.Name.MISSED_CALL_MENU, Map.of("business", tenant.name()));
        sms.send(tenant, new OutboundSms(tenant.id(), number.e164(), text, SmsKind.MISSED_CALL_MENU, Urgency.MEDIUM,
                "menu:" + call.contactId(), ticketId, now));
        return new Result(outcome.duplicate() ? Outcome.DUPLICATE : Outcome.MENU_SMS_QUEUED, ticketId, reference);
    }

    private static final String[] WEEKDAYS = {"Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"};

    /** When the caller hears the business is back: "morgen", a weekday within the week, else the date. */
    static String backOn(java.time.LocalDate today, java.time.LocalDate back) {
        long days = java.time.temporal.ChronoUnit.DAYS.between(today, back);
        if (days == 1) {
            return "morgen";
        }
        if (days < 7) {
            return WEEKDAYS[back.getDayOfWeek().getValue() - 1];
        }
        return back.getDayOfMonth() + ". " + back.getMonth().getDisplayName(java.time.format.TextStyle.FULL, java.util.Locale.GERMAN);
    }
}
