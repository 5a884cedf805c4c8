package ch.opsfabric.ticket;

import ch.opsfabric.tenant.Tenant;

/** Who hears at once that a ticket is urgent (the staff who asked for it); everything else waits for the cron. */
@FunctionalInterface
public interface TicketWatcher {

    /**
     * A new ticket that is urgent, or an open ticket that just became urgent.
     *
     * @param via the channel of the contact that made it urgent (an SMS "1" alerts the owner already)
     */
    void urgent(Tenant tenant, Ticket ticket, TicketSource via);

    TicketWatcher NONE = (tenant, ticket, via) -> { };
}
