package ch.opsfabric.contact;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One contact per tenant and person, found or made by every channel.
 * <p>
 * Resolution reads the pointers of all identifiers in one batch (and claims what is new);
 * {@link #settle} then writes the contact once, with the ticket it got. The first identifier that points
 * somewhere decides the contact; when none does, the contact is the one the first identifier
 * seeds ({@link ContactRef#forSeed}, the same for every caller), claimed by a conditional write.
 * Identifiers without a pointer are then claimed for that contact. A caller that loses a claim
 * takes the winner's contact, so two channels racing for one new person end with one contact;
 * an identifier that already belongs to another contact stays there, and that contact is noted as
 * a suspect for staff to merge (one e-mail naming two people's details is no proof they are one).
 */
public final class Contacts implements ContactResolver {

    /** A merge chain longer than this is a loop someone made by hand; stop following. */
    private static final int MAX_HOPS = 5;

    private final ContactBook book;
    private final TicketOwners tickets;

    /** Where tickets say whose they are; a merge moves them. */
    @FunctionalInterface
    public interface TicketOwners {
        /** Sets the ticket's contact to {@code toId} if it is {@code fromId} (or unset); false when the ticket is gone. */
        boolean reassign(String tenantId, String ticketId, String fromId, String toId);
    }

    public Contacts(ContactBook book, TicketOwners tickets) {
        this.book = book;
        this.tickets = tickets;
    }

    @Override
    public Resolution resolve(String tenantId, List<String> identifiers, String name, Instant at) {
        List<String> ids = new ArrayList<>(new LinkedHashSet<>(identifiers));
        if (ids.isEmpty()) {
            return null;
        }
        Map<String, ContactRef> known = new java.util.HashMap<>(book.pointers(tenantId, ids));
        ContactRef contact = ids.stream().filter(known::containsKey).findFirst().map(known::get).orElse(null);
        boolean gained = false;
        if (contact == null) {
            String seed = ids.get(0);
            contact = book.claim(tenantId, seed, ContactRef.forSeed(tenantId, seed), at);
            known.put(seed, contact);
            gained = true;
        }
        List<String> owned = new ArrayList<>();
        Set<String> suspects = new LinkedHashSet<>();
        for (String identifier : ids) {
            ContactRef owner = known.get(identifier);
            if (owner == null) {
                owner = book.claim(tenantId, identifier, contact, at);
                gained |= owner.id().equals(contact.id());
            }
            if (owner.id().equals(contact.id())) {
                owned.add(identifier);
            } else {
                suspects.add(owner.id());
            }
        }
        return new Resolution(contact, ContactBook.Change.of(owned, blankToNull(name), suspects),
                gained || !suspects.isEmpty());
    }

    /**
     * Writes what the resolution found, in one update of the contact: always when a ticket was
     * opened (with every identifier of this contact it saw, so a write lost before is made up),
     * else only when it claimed something new.
     */
    @Override
    public ContactRef settle(String tenantId, Resolution resolution, String openedTicketId, Instant at) {
        if (openedTicketId == null && !resolution.gained()) {
            return resolution.contact();
        }
        ContactBook.Change change = openedTicketId == null ? resolution.change()
                : resolution.change().withTicket(openedTicketId);
        ContactRef owner = remember(tenantId, resolution.contact(), change, at);
        if (openedTicketId != null && !owner.id().equals(resolution.contact().id())) {
            tickets.reassign(tenantId, openedTicketId, resolution.contact().id(), owner.id());
        }
        return owner;
    }

    /**
     * Writes what the contact gained. When it was merged away meanwhile, the identifiers just
     * claimed for it are moved on and the surviving contact gets the change instead.
     */
    private ContactRef remember(String tenantId, ContactRef contact, ContactBook.Change change, Instant at) {
        ContactRef current = contact;
        for (int hop = 0; hop < MAX_HOPS; hop++) {
            if (book.record(tenantId, current, change, at)) {
                return current;
            }
            ContactRef from = current;
            Contact merged = book.find(tenantId, current.id()).orElseThrow();
            current = book.find(tenantId, merged.mergedInto()).orElseThrow().ref();
            for (String identifier : identifiersOf(change)) {
                book.repoint(tenantId, identifier, from.id(), current, at);
            }
        }
        throw new IllegalStateException("contact " + contact.id() + " was merged more than " + MAX_HOPS + " times");
    }

    @Override
    public Optional<ContactRef> find(String tenantId, String identifier) {
        return Optional.ofNullable(book.pointers(tenantId, List.of(identifier)).get(identifier));
    }

    public Optional<Contact> contact(String tenantId, String contactId) {
        return book.find(tenantId, contactId);
    }

    /**
     * Moves everything of {@code fromId} to {@code intoId}: its pointers, identifiers and tickets.
     * Safe to repeat, and a repeat finishes a merge that stopped half-way.
     */
    public MergeOutcome merge(String tenantId, String fromId, String intoId, Instant at) {
        if (fromId.equals(intoId)) {
            return MergeOutcome.refused(MergeOutcome.Refusal.SAME_CONTACT);
        }
        Optional<Contact> into = book.find(tenantId, intoId);
        Optional<Contact> from = book.find(tenantId, fromId);
        if (into.isEmpty() || from.isEmpty()) {
            return MergeOutcome.refused(MergeOutcome.Refusal.NOT_FOUND);
        }
        if (into.get().mergedInto() != null) {
            return MergeOutcome.refused(MergeOutcome.Refusal.TARGET_MERGED);
        }
        if (!book.markMerged(tenantId, fromId, intoId, at)) {
            return MergeOutcome.refused(MergeOutcome.Refusal.MERGED_ELSEWHERE);
        }
        // read again after the mark: whatever was added before it is moved, whatever comes after follows the mark
        Contact source = book.find(tenantId, fromId).orElseThrow();
        ContactRef target = into.get().ref();
        for (String identifier : source.identifiers()) {
            book.repoint(tenantId, identifier, fromId, target, at);
        }
        Set<String> suspects = new LinkedHashSet<>(source.suspects());
        suspects.remove(intoId);
        book.record(tenantId, target, new ContactBook.Change(source.phones(), source.emails(), source.name(),
                source.ticketIds(), suspects), at);
        int moved = 0;
        for (String ticketId : source.ticketIds()) {
            if (tickets.reassign(tenantId, ticketId, fromId, intoId)) {
                moved++;
            }
        }
        return MergeOutcome.merged(book.find(tenantId, intoId).orElseThrow(), source.identifiers().size(), moved);
    }

    private static List<String> identifiersOf(ContactBook.Change change) {
        List<String> all = new ArrayList<>();
        change.phones().forEach(p -> all.add(Identifiers.tel(p)));
        change.emails().forEach(e -> all.add(Identifiers.MAIL + e));
        return all;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** The result of a merge: the surviving contact, or why there was none. */
    public record MergeOutcome(Contact contact, int pointersMoved, int ticketsMoved, Refusal refusal) {

        public enum Refusal { SAME_CONTACT, NOT_FOUND, TARGET_MERGED, MERGED_ELSEWHERE }

        static MergeOutcome merged(Contact contact, int pointers, int tickets) {
            return new MergeOutcome(contact, pointers, tickets, null);
        }

        static MergeOutcome refused(Refusal refusal) {
            return new MergeOutcome(null, 0, 0, refusal);
        }
    }
}
