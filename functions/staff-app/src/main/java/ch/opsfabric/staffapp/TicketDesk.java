package ch.opsfabric.staffapp;

import ch.opsfabric.log.Log;
import ch.opsfabric.messaging.OptOuts;
import ch.opsfabric.messaging.OutboundSms;
import ch.opsfabric.messaging.SmsDispatch;
import ch.opsfabric.messaging.SmsKind;
import ch.opsfabric.messaging.SmsThreads;
import ch.opsfabric.messaging.StatusUpdates;
import ch.opsfabric.phone.PhoneNumbers;
import ch.opsfabric.staff.StaffMember;
import ch.opsfabric.tenant.Module;
import ch.opsfabric.tenant.Tenant;
import ch.opsfabric.ticket.Ticket;
import ch.opsfabric.ticket.TicketEvent;
import ch.opsfabric.ticket.TicketSource;
import ch.opsfabric.ticket.TicketStateMachine;
import ch.opsfabric.ticket.TicketStatus;
import ch.opsfabric.ticket.TicketStore;
import ch.opsfabric.ticket.Urgency;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What staff do with tickets in the app: the inbox (open tickets by SLA due, filtered), one
 * ticket, and the actions on it — a status move, an appointment, a note, an SMS to the customer.
 * Every action is written with its author; only moves the state machine allows are offered.
 */
final class TicketDesk {

    static final int PAGE = 25;
    /** Index pages read at most for one inbox page when filters skip most tickets. */
    static final int MAX_READS = 10;
    static final int MAX_TEXT = 640;
    /** How long a customer's answer to a staff SMS still lands on that ticket. */
    static final Duration THREAD = Duration.ofDays(14);

    record Filter(TicketStatus status, TicketSource source, Urgency urgency, boolean breachedOnly, String query) {
        static final Filter OPEN = new Filter(null, null, null, false, null);

        boolean matches(Ticket t, Instant now) {
            return (source == null || t.source() == source)
                    && (urgency == null || t.urgency() == urgency)
                    && (!breachedOnly || t.slaBreached(now))
                    && (status == null || t.status() == status)
                    && matchesQuery(t);
        }

        private boolean matchesQuery(Ticket t) {
            if (query == null || query.isBlank()) {
                return true;
            }
            String q = query.strip().toLowerCase(Locale.ROOT);
            String digits = q.replaceAll("[^0-9]", "");
            if (t.reference() != null && t.reference().toLowerCase(Locale.ROOT).contains(q)) {
                return true;
            }
            if (t.name() != null && t.name().toLowerCase(Locale.ROOT).contains(q)) {
                return true;
            }
            // 079 555 12 34, +41795551234 and 795551234 all find +41795551234
            String national = digits.startsWith("0") ? digits.substring(1) : digits.startsWith("41") ? digits.substring(2) : digits;
            return digits.length() >= 4 && t.phone() != null && t.phone().replaceAll("[^0-9]", "").contains(national);
        }
    }

    record Inbox(List<Ticket> tickets, String nextCursor, Map<TicketStatus, Long> openCounts) {
    }

    sealed interface Outcome {
    }

    record Done(Ticket ticket, String message) implements Outcome {
    }

    record Refused(String message) implements Outcome {
    }

    private final Clock clock;
    private final TicketStore tickets;
    private final OptOuts optOuts;
    private final SmsDispatch sms;
    private final SmsThreads threads;
    private final StatusUpdates statusUpdates;
    private final ch.opsfabric.stats.TicketMilestones milestones;

    TicketDesk(Clock clock, TicketStore tickets, OptOuts optOuts, SmsDispatch sms, SmsThreads threads,
               StatusUpdates statusUpdates, ch.opsfabric.stats.TicketMilestones milestones) {
        this.milestones = milestones;
        this.clock = clock;
        this.tickets = tickets;
        this.optOuts = optOuts;
        this.sms = sms;
        this.threads = threads;
        this.statusUpdates = statusUpdates;
    }

    /**
     * Open tickets soonest-due first (GSI3), or one closed status newest first (GSI1); filters are
     * applied to the index pages, reading until a page is full or {@link #MAX_READS} reads are spent.
     */
    Inbox inbox(Tenant tenant, Filter filter, String cursor) {
        Instant now = clock.instant();
        List<Ticket> found = new ArrayList<>();
        String next = cursor;
        int reads = 0;
        boolean closed = filter.status() != null && !filter.status().isOpen();
        do {
            int want = PAGE - found.size();
            TicketStore.Page page = closed ? tickets.list(tenant.id(), filter.status(), want, next)
                    : tickets.openBySla(tenant.id(), want, next);
            page.tickets().stream().filter(t -> filter.matches(t, now)).forEach(found::add);
            next = page.nextCursor();
            reads++;
        } while (found.size() < PAGE && next != null && reads < MAX_READS);
        Map<TicketStatus, Long> counts = new EnumMap<>(TicketStatus.class);
        for (TicketStatus status : TicketStatus.values()) {
            if (status.isOpen()) {
                counts.put(status, tickets.count(tenant.id(), status));
            }
        }
        return new Inbox(found, next, counts);
    }

    Optional<Ticket> ticket(Tenant tenant, String ticketId) {
        return ticketId == null || !ticketId.matches("[0-9]{8}-[0-9A-Z]{12}") ? Optional.empty()
                : tickets.find(tenant.id(), ticketId);
    }

    Outcome move(Tenant tenant, StaffMember author, Ticket ticket, TicketStatus target, Instant appointmentAt) {
        if (target == ticket.status() && appointmentAt == null) {
            return new Done(ticket, "Der Status war schon " + StatusLabels.label(target) + ".");
        }
        if (appointmentAt != null && target != TicketStatus.SCHEDULED) {
            return new Refused("Einen Termin gibt es nur mit dem Status «Termin vereinbart».");
        }
        if (target == TicketStatus.SCHEDULED && appointmentAt == null) {
            return new Refused("Bitte geben Sie Datum und Uhrzeit des Termins an.");
        }
        if (target != ticket.status()) {
            try {
                TicketStateMachine.requireMove(ticket.status(), target);
            } catch (TicketStateMachine.IllegalTransitionException refused) {
                return new Refused("Von «" + StatusLabels.label(ticket.status()) + "» geht es nicht nach «"
                        + StatusLabels.label(target) + "».");
            }
        }
        Instant now = clock.instant();
        Instant reviewDueAt = target == TicketStatus.DONE ? statusUpdates.reviewDueAt(tenant, ticket, now) : null;
        Ticket moved;
        try {
            moved = tickets.changeStatus(tenant.id(), ticket.id(), new TicketStore.StatusChange(ticket.status(), target,
                    null, now, appointmentAt, reviewDueAt, author.name(), ticket.slaDueAt()).retainedFor(tenant.config()));
        } catch (TicketStore.ConcurrentChangeException e) {
            return new Refused("Das Ticket wurde inzwischen geändert. Bitte sehen Sie es sich noch einmal an.");
        }
        Log.info("staff.ticket_moved", Map.of("tenant", tenant.id(), "ticket", ticket.id(), "from", ticket.status(),
                "to", target, "member", author.id()));
        milestones.moved(tenant, ticket, moved, now);
        statusUpdates.notifyCustomer(tenant, moved, now);
        return new Done(moved, target == TicketStatus.SCHEDULED && tenant.has(Module.SMS) && PhoneNumbers.isMobile(moved.phone())
                ? "Termin gespeichert; die Kundin oder der Kunde erhält die Bestätigung per SMS."
                : "Status: " + StatusLabels.label(target) + ".");
    }

    Outcome note(Tenant tenant, StaffMember author, Ticket ticket, String text) {
        String note = text == null ? "" : text.strip();
        if (note.isEmpty() || note.length() > 2000) {
            return new Refused("Bitte schreiben Sie eine Notiz (höchstens 2000 Zeichen).");
        }
        return new Done(tickets.addEvent(tenant.id(), ticket.id(), TicketEvent.note(clock.instant(), note, author.name())),
                "Notiz gespeichert.");
    }

    /**
     * An SMS to the customer from the business line, queued like every SMS; the form's nonce makes
     * a double submit one message. The customer's answer comes back to this ticket.
     */
    Outcome reply(Tenant tenant, StaffMember author, Ticket ticket, String text, String nonce) {
        String body = text == null ? "" : text.strip();
        if (!tenant.has(Module.SMS)) {
            return new Refused("SMS ist für Ihren Betrieb nicht eingeschaltet.");
        }
        if (ticket.phone() == null || !PhoneNumbers.isMobile(ticket.phone())) {
            return new Refused("An diese Nummer kann keine SMS gehen (keine Handynummer). Rufen Sie bitte an.");
        }
        if (body.isEmpty() || body.length() > MAX_TEXT) {
            return new Refused("Bitte schreiben Sie eine Nachricht (höchstens " + MAX_TEXT + " Zeichen).");
        }
        if (nonce == null || !nonce.matches("[A-Za-z0-9_-]{22}")) {
            return new Refused("Das Formular ist abgelaufen. Bitte laden Sie die Seite neu.");
        }
        if (optOuts.isOptedOut(tenant.id(), ticket.phone())) {
            return new Refused("Diese Nummer hat SMS abbestellt (STOP). Bitte rufen Sie an.");
        }
        Instant now = clock.instant();
        String key = "staff-reply:" + ticket.id() + ":" + nonce;
        if (ticket.history().stream().anyMatch(e -> key.equals(e.ref()))) {
            return new Done(ticket, "Die Nachricht ist schon unterwegs.");
        }
        threads.open(tenant.id(), ticket.phone(), ticket.id(), now.plus(THREAD));
        sms.send(tenant, new OutboundSms(tenant.id(), ticket.phone(), body, SmsKind.STAFF_REPLY, Urgency.MEDIUM, key,
                ticket.id(), now));
        Ticket noted = tickets.addEvent(tenant.id(), ticket.id(), TicketEvent.reply(now, body, author.name(), key));
        Log.info("staff.replied", Map.of("tenant", tenant.id(), "ticket", ticket.id(), "to", PhoneNumbers.mask(ticket.phone()),
                "member", author.id()));
        return new Done(noted, "SMS wird gesendet.");
    }
}
