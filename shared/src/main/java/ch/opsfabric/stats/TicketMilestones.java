package ch.opsfabric.stats;

import ch.opsfabric.tenant.Tenant;
import ch.opsfabric.ticket.Ticket;
import ch.opsfabric.ticket.TicketSource;
import ch.opsfabric.ticket.TicketStatus;
import ch.opsfabric.ticket.TicketStore;
import java.time.Duration;
import java.time.Instant;

/**
 * What a status move means for the ROI figures, counted on the day the ticket came in: its first
 * response (minutes, within the SLA or not), and — once per ticket — a missed call recovered, when
 * its ticket first reaches SCHEDULED or later.
 */
public final class TicketMilestones {

    private final DailyStats stats;
    private final TicketStore tickets;

    public TicketMilestones(DailyStats stats, TicketStore tickets) {
        this.stats = stats;
        this.tickets = tickets;
    }

    public void moved(Tenant tenant, Ticket before, Ticket after, Instant at) {
        if (before.firstResponseAt() == null && after.firstResponseAt() != null) {
            long minutes = Math.max(0, Duration.between(after.createdAt(), after.firstResponseAt()).toMinutes());
            stats.firstResponse(tenant.id(), after.localDate(), minutes, !after.firstResponseAt().isAfter(after.slaDueAt()));
        }
        if (after.source() == TicketSource.MISSED_CALL && before.status().step() < TicketStatus.SCHEDULED.step()
                && after.status().step() >= TicketStatus.SCHEDULED.step()
                && tickets.markRecovered(tenant.id(), after.id(), at)) {
            stats.count(tenant.id(), after.localDate(), DailyStats.Counter.RECOVERED_CALLS);
        }
    }
}
