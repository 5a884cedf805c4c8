package ch.opsfabric.ticket;

import ch.opsfabric.tenant.Tenant;
import ch.opsfabric.tenant.TenantConfig;
import ch.opsfabric.time.SlaCalculator;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/**
 * Turns a contact into a ticket: dedupe per tenant, phone and local day, SLA deadline, urgency
 * raised when a later contact is more urgent. Race-free because the dedupe key is the ticket's
 * own key and each attempt is one conditional write.
 */
public final class TicketIntake {

    /** More than this many finished tickets for one number on one day means something is wrong. */
    static final int MAX_GENERATIONS = 50;

    private final TicketStore store;

    public TicketIntake(TicketStore store) {
        this.store = store;
    }

    public ContactOutcome record(Tenant tenant, NewContact contact) {
        TenantConfig config = tenant.config();
        LocalDate day = contact.at().atZone(config.zone()).toLocalDate();
        Instant due = SlaCalculator.due(contact.at(), config.slaResponse(), config.quietHours(), config.zone());
        if (contact.phone() == null) {
            String id = TicketIds.random(day);
            return store.createOrJoin(id, TicketIds.reference(id, day), contact, day, due)
                    .orElseThrow(() -> new IllegalStateException("fresh random ticket id already closed"));
        }
        for (int generation = 0; generation < MAX_GENERATIONS; generation++) {
            String id = TicketIds.forContact(tenant.id(), contact.phone().e164(), day, generation);
            Optional<ContactOutcome> outcome = store.createOrJoin(id, TicketIds.reference(id, day), contact, day, due);
            if (outcome.isPresent()) {
                return raiseIfMoreUrgent(outcome.get(), contact);
            }
        }
        throw new IllegalStateException("too many finished tickets for one number on " + day);
    }

    private ContactOutcome raiseIfMoreUrgent(ContactOutcome outcome, NewContact contact) {
        Ticket ticket = outcome.ticket();
        if (outcome.joined() && contact.urgency().isMoreUrgentThan(ticket.urgency())) {
            return new ContactOutcome(
                    store.raiseUrgency(ticket.tenantId(), ticket.id(), contact.urgency(), contact.at()), true);
        }
        return outcome;
    }
}
