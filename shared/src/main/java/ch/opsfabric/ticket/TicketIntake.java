package ch.opsfabric.ticket;

import ch.opsfabric.contact.ContactRef;
import ch.opsfabric.contact.ContactResolver;
import ch.opsfabric.contact.Identifiers;
import ch.opsfabric.phone.Phone;
import ch.opsfabric.tenant.Tenant;
import ch.opsfabric.tenant.TenantConfig;
import ch.opsfabric.time.SlaCalculator;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns a contact into a ticket: dedupe per tenant, person (their {@link ContactRef contact}) and
 * local day, SLA deadline, urgency raised when a later contact is more urgent, a repeated provider
 * event recognised by its id. Race-free because the dedupe key is the ticket's own key, derived
 * from the contact's seed, and each attempt is one conditional write.
 */
public final class TicketIntake {

    /** More than this many finished tickets for one number on one day means something is wrong. */
    static final int MAX_GENERATIONS = 50;

    private final TicketStore store;
    private final ch.opsfabric.stats.DailyStats stats;
    private final TicketWatcher watcher;
    private final ContactResolver contacts;

    /** Without figures: for tools and tests that do not look at the ROI counters. */
    public TicketIntake(TicketStore store) {
        this(store, ch.opsfabric.stats.DailyStats.NONE, TicketWatcher.NONE);
    }

    public TicketIntake(TicketStore store, ch.opsfabric.stats.DailyStats stats) {
        this(store, stats, TicketWatcher.NONE);
    }

    /**
     * @param stats   the ROI counters: every missed call, every new ticket by its channel
     * @param watcher told at once when a ticket is (or becomes) urgent
     */
    public TicketIntake(TicketStore store, ch.opsfabric.stats.DailyStats stats, TicketWatcher watcher) {
        this(store, stats, watcher, ContactResolver.BY_PHONE);
    }

    /** @param contacts who a number or address belongs to; every channel's function passes the stored contacts */
    public TicketIntake(TicketStore store, ch.opsfabric.stats.DailyStats stats, TicketWatcher watcher,
                        ContactResolver contacts) {
        this.contacts = contacts;
        this.store = store;
        this.stats = stats;
        this.watcher = watcher;
    }

    public ContactOutcome record(Tenant tenant, NewContact contact) {
        return record(tenant, contact, List.of());
    }

    /**
     * @param morePhones numbers the contact named besides its own (an e-mail's signature): they join
     *                   the person's contact
     */
    public ContactOutcome record(Tenant tenant, NewContact contact, List<Phone.Number> morePhones) {
        // numbers first, whatever the channel: two channels that meet one new person by the same
        // number then seed the same contact, so their race ends in one contact
        List<String> identifiers = new ArrayList<>();
        if (contact.phone() != null) {
            identifiers.add(Identifiers.tel(contact.phone().e164()));
        }
        morePhones.forEach(p -> identifiers.add(Identifiers.tel(p.e164())));
        String address = Identifiers.normalizeAddress(contact.email());
        if (address != null) {
            identifiers.add(Identifiers.mail(address));
        }
        ContactResolver.Resolution person = contacts.resolve(tenant.id(), identifiers, contact.name(), contact.at());
        return counted(tenant, contact, recordUncounted(tenant, contact, person));
    }

    /** A provider's retry (duplicate) counts nothing; a join counts the contact, not a new ticket. */
    private ContactOutcome counted(Tenant tenant, NewContact contact, ContactOutcome outcome) {
        if (outcome.duplicate()) {
            return outcome;
        }
        LocalDate day = contact.at().atZone(tenant.config().zone()).toLocalDate();
        java.util.List<ch.opsfabric.stats.DailyStats.Counter> counters = new java.util.ArrayList<>(2);
        if (contact.source() == TicketSource.MISSED_CALL) {
            counters.add(ch.opsfabric.stats.DailyStats.Counter.MISSED_CALLS);
        }
        if (!outcome.joined()) {
            counters.add(ch.opsfabric.stats.DailyStats.Counter.valueOf("TICKETS_" + outcome.ticket().source().name()));
        }
        // one write for the day's figures, whatever this contact counts
        stats.count(tenant.id(), day, counters.toArray(ch.opsfabric.stats.DailyStats.Counter[]::new));
        // urgent now: a new urgent ticket, or this contact raised an open one to HIGH
        if (outcome.ticket().urgency() == Urgency.HIGH && (!outcome.joined() || contact.urgency() == Urgency.HIGH)) {
            watcher.urgent(tenant, outcome.ticket(), contact.source());
        }
        return outcome;
    }

    private ContactOutcome recordUncounted(Tenant tenant, NewContact contact, ContactResolver.Resolution resolution) {
        TenantConfig config = tenant.config();
        LocalDate day = contact.at().atZone(config.zone()).toLocalDate();
        Instant due = SlaCalculator.due(contact.at(), config.slaResponse(), config.quietHours(), config.zone(),
                config.closedDays());
        if (resolution == null) {
            String id = TicketIds.random(day);
            return store.createOrJoin(id, TicketIds.reference(id, day), contact, day, due, null)
                    .orElseThrow(() -> new IllegalStateException("fresh random ticket id already closed"));
        }
        ContactRef person = resolution.contact();
        for (int generation = 0; generation < MAX_GENERATIONS; generation++) {
            String id = TicketIds.forContact(tenant.id(), person.ticketKey(), day, generation);
            Optional<ContactOutcome> outcome = store.createOrJoin(id, TicketIds.reference(id, day), contact, day, due,
                    person.id());
            if (outcome.isPresent()) {
                // a retry counts as opening: the first attempt may have stopped right before this
                boolean opened = !outcome.get().joined() || outcome.get().duplicate();
                contacts.settle(tenant.id(), resolution, opened ? id : null, contact.at());
                return raiseIfMoreUrgent(outcome.get(), contact);
            }
        }
        throw new IllegalStateException("too many finished tickets for one person on " + day);
    }

    /**
     * Adds the contact to a ticket found before (e.g. the one an SMS reply answers). If that
     * ticket was finished meanwhile, the contact becomes a ticket of its own as usual.
     */
    public ContactOutcome recordInto(Tenant tenant, Ticket ticket, NewContact contact) {
        Optional<ContactOutcome> outcome = store.createOrJoin(ticket.id(), ticket.reference(), contact,
                ticket.localDate(), ticket.slaDueAt(), ticket.contactId());
        return outcome.map(o -> counted(tenant, contact, raiseIfMoreUrgent(o, contact))).orElseGet(() -> record(tenant, contact));
    }

    /** A ticket of this tenant by id (another tenant's id is simply not found). */
    public Optional<Ticket> byId(Tenant tenant, String ticketId) {
        return store.find(tenant.id(), ticketId);
    }

    /**
     * The customer's open ticket of today or yesterday (a reply after midnight still belongs to
     * the evening's missed call), the most recent one. Reads only the keys this number's contact
     * can have (a number nobody claimed yet keys tickets by itself, as it did before contacts): no
     * query over the tenant's tickets.
     */
    public Optional<Ticket> findOpen(Tenant tenant, Phone.Number phone, Instant now) {
        String identifier = Identifiers.tel(phone.e164());
        ContactRef person = contacts.find(tenant.id(), identifier).orElseGet(() -> ContactRef.forSeed(tenant.id(), identifier));
        LocalDate today = now.atZone(tenant.config().zone()).toLocalDate();
        for (LocalDate day : new LocalDate[] {today, today.minusDays(1)}) {
            Ticket newestOpen = null;
            for (int generation = 0; generation < MAX_GENERATIONS; generation++) {
                Optional<Ticket> ticket = store.find(tenant.id(), TicketIds.forContact(tenant.id(), person.ticketKey(), day, generation));
                if (ticket.isEmpty()) {
                    break;
                }
                if (ticket.get().status().isOpen()) {
                    newestOpen = ticket.get();
                }
            }
            if (newestOpen != null) {
                return Optional.of(newestOpen);
            }
        }
        return Optional.empty();
    }

    private ContactOutcome raiseIfMoreUrgent(ContactOutcome outcome, NewContact contact) {
        Ticket ticket = outcome.ticket();
        if (outcome.joined() && !outcome.duplicate() && contact.urgency().isMoreUrgentThan(ticket.urgency())) {
            return ContactOutcome.joined(store.raiseUrgency(ticket.tenantId(), ticket.id(), contact.urgency(), contact.at()));
        }
        return outcome;
    }
}
