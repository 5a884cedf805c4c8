package ch.opsfabric.reviewcron;

import ch.opsfabric.onboarding.TenantRegistry;
import ch.opsfabric.staff.StaffDirectory;
import ch.opsfabric.staff.StaffMember;
import ch.opsfabric.staff.StaffNotices;
import ch.opsfabric.tenant.Module;
import ch.opsfabric.tenant.Tenant;
import ch.opsfabric.ticket.Ticket;
import ch.opsfabric.ticket.TicketStatus;
import ch.opsfabric.ticket.TicketStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The staff notices that may wait, once per quarter hour: every new ticket (still NEW or waiting
 * for a call back, from the last {@link #LOOK_BACK}) and every SLA due within {@link #SLA_SOON}
 * without a first response. Outside the tenant's quiet hours only: the first run after them
 * catches up. Each ticket is marked once per reason, so a look-back never tells twice.
 */
final class StaffNoticeRun {

    static final Duration LOOK_BACK = Duration.ofHours(12);
    static final Duration SLA_SOON = Duration.ofMinutes(30);
    static final int PAGE = 50;

    private final Clock clock;
    private final TenantRegistry tenants;
    private final StaffDirectory staff;
    private final TicketStore tickets;
    private final StaffNotices notices;

    StaffNoticeRun(Clock clock, TenantRegistry tenants, StaffDirectory staff, TicketStore tickets, StaffNotices notices) {
        this.clock = clock;
        this.tenants = tenants;
        this.staff = staff;
        this.tickets = tickets;
        this.notices = notices;
    }

    /** @return how many notices went out */
    int run() {
        Instant now = clock.instant();
        int sent = 0;
        String cursor = null;
        do {
            TenantRegistry.Page<TenantRegistry.Registered> page = tenants.list(cursor, 100);
            for (TenantRegistry.Registered registered : page.items()) {
                Tenant tenant = registered.tenant();
                if (registered.state() != TenantRegistry.State.ACTIVE || !tenant.has(Module.DASHBOARD)
                        || tenant.config().quietHours().isQuiet(now, tenant.config().zone())) {
                    continue;
                }
                List<StaffMember> members = staff.list(tenant.id());
                if (members.stream().anyMatch(m -> m.wants(StaffMember.Notice.NEW_TICKET))) {
                    sent += newTickets(tenant, now);
                }
                if (members.stream().anyMatch(m -> m.wants(StaffMember.Notice.SLA_SOON))) {
                    sent += slaSoon(tenant, now);
                }
            }
            cursor = page.cursor();
        } while (cursor != null);
        return sent;
    }

    private int newTickets(Tenant tenant, Instant now) {
        int sent = 0;
        for (TicketStatus status : new TicketStatus[] {TicketStatus.NEW, TicketStatus.NEEDS_CALLBACK}) {
            String cursor = null;
            boolean older = false;
            do {
                TicketStore.Page page = tickets.list(tenant.id(), status, PAGE, cursor);
                for (Ticket t : page.tickets()) {
                    if (t.createdAt().isBefore(now.minus(LOOK_BACK))) {
                        older = true;
                        break;
                    }
                    if (tickets.markNoticed(tenant.id(), t.id(), "new_ticket", now)) {
                        sent += notices.notify(tenant, t, StaffMember.Notice.NEW_TICKET);
                    }
                }
                cursor = page.nextCursor();
            } while (cursor != null && !older);
        }
        return sent;
    }

    private int slaSoon(Tenant tenant, Instant now) {
        int sent = 0;
        String cursor = null;
        boolean later = false;
        do {
            TicketStore.Page page = tickets.openBySla(tenant.id(), PAGE, cursor);
            for (Ticket t : page.tickets()) {
                if (t.slaDueAt().isAfter(now.plus(SLA_SOON))) {
                    later = true;
                    break;
                }
                if (t.firstResponseAt() == null && t.slaDueAt().isAfter(now)
                        && tickets.markNoticed(tenant.id(), t.id(), "sla_soon", now)) {
                    sent += notices.notify(tenant, t, StaffMember.Notice.SLA_SOON);
                }
            }
            cursor = page.nextCursor();
        } while (cursor != null && !later);
        return sent;
    }
}
