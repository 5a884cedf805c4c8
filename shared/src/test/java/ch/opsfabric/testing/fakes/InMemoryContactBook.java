package ch.opsfabric.testing.fakes;

import ch.opsfabric.contact.Contact;
import ch.opsfabric.contact.ContactBook;
import ch.opsfabric.contact.ContactRef;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Contacts and pointers in maps, with the same first-claim-wins rule as the table's conditional writes. */
public final class InMemoryContactBook implements ContactBook {

    private final Map<String, ContactRef> pointers = new HashMap<>();
    private final Map<String, Contact> contacts = new HashMap<>();
    /** Claims seen, for tests that count writes. */
    private int claims;

    @Override
    public synchronized Map<String, ContactRef> pointers(String tenantId, Collection<String> identifiers) {
        Map<String, ContactRef> found = new HashMap<>();
        identifiers.forEach(i -> {
            ContactRef ref = pointers.get(tenantId + "|" + i);
            if (ref != null) {
                found.put(i, ref);
            }
        });
        return found;
    }

    @Override
    public synchronized ContactRef claim(String tenantId, String identifier, ContactRef ref, Instant at) {
        claims++;
        return pointers.computeIfAbsent(tenantId + "|" + identifier, k -> ref);
    }

    @Override
    public synchronized void repoint(String tenantId, String identifier, String fromId, ContactRef to, Instant at) {
        pointers.computeIfPresent(tenantId + "|" + identifier, (k, current) -> current.id().equals(fromId) ? to : current);
    }

    @Override
    public synchronized boolean record(String tenantId, ContactRef ref, Change change, Instant at) {
        Contact c = contacts.get(tenantId + "|" + ref.id());
        if (c != null && c.mergedInto() != null) {
            return false;
        }
        Set<String> phones = union(c == null ? Set.of() : c.phones(), change.phones());
        Set<String> emails = union(c == null ? Set.of() : c.emails(), change.emails());
        Set<String> tickets = union(c == null ? Set.of() : c.ticketIds(), change.ticketIds());
        Set<String> suspects = union(c == null ? Set.of() : c.suspects(), change.suspects());
        String name = c != null && c.name() != null ? c.name() : change.name();
        contacts.put(tenantId + "|" + ref.id(), new Contact(tenantId, ref.id(), ref.seed(), phones, emails, name, tickets,
                suspects, null, c == null ? at : c.createdAt(), at));
        return true;
    }

    @Override
    public synchronized Optional<Contact> find(String tenantId, String contactId) {
        return Optional.ofNullable(contacts.get(tenantId + "|" + contactId));
    }

    @Override
    public synchronized boolean markMerged(String tenantId, String fromId, String intoId, Instant at) {
        Contact c = contacts.get(tenantId + "|" + fromId);
        if (c == null || (c.mergedInto() != null && !c.mergedInto().equals(intoId))) {
            return false;
        }
        contacts.put(tenantId + "|" + fromId, new Contact(tenantId, c.id(), c.seed(), c.phones(), c.emails(), c.name(),
                c.ticketIds(), c.suspects(), intoId, c.createdAt(), at));
        return true;
    }

    public synchronized int claims() {
        return claims;
    }

    public synchronized int contactCount() {
        return (int) contacts.values().stream().filter(c -> c.mergedInto() == null).count();
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return all;
    }
}
