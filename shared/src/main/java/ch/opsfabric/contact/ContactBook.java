package ch.opsfabric.contact;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Contacts and the pointers that find them: one item per identifier ({@code tel:…}, {@code mail:…})
 * naming its contact. Pointers are claimed by conditional writes, so two channels that meet one
 * new person at the same moment end with one contact.
 */
public interface ContactBook {

    /** The pointers that exist among {@code identifiers}: identifier → contact. One batched read. */
    Map<String, ContactRef> pointers(String tenantId, Collection<String> identifiers);

    /**
     * Points {@code identifier} at {@code ref} unless it points somewhere already.
     *
     * @return the contact the identifier points at afterwards: {@code ref}, or whoever was first
     */
    ContactRef claim(String tenantId, String identifier, ContactRef ref, Instant at);

    /** Points {@code identifier} at {@code to} if it still points at {@code fromId}; a no-op otherwise. */
    void repoint(String tenantId, String identifier, String fromId, ContactRef to, Instant at);

    /**
     * Creates the contact or adds to it (sets only grow; the first name stays).
     *
     * @return false when the contact was merged into another (nothing written): follow it
     */
    boolean record(String tenantId, ContactRef ref, Change change, Instant at);

    Optional<Contact> find(String tenantId, String contactId);

    /**
     * Marks {@code fromId} as merged into {@code intoId}; repeating it is fine.
     *
     * @return false when {@code fromId} does not exist or was merged into a different contact
     */
    boolean markMerged(String tenantId, String fromId, String intoId, Instant at);

    /** What a contact gains. Empty sets and a null name add nothing. */
    record Change(Set<String> phones, Set<String> emails, String name, Set<String> ticketIds, Set<String> suspects) {

        public Change {
            phones = phones == null ? Set.of() : Set.copyOf(phones);
            emails = emails == null ? Set.of() : Set.copyOf(emails);
            ticketIds = ticketIds == null ? Set.of() : Set.copyOf(ticketIds);
            suspects = suspects == null ? Set.of() : Set.copyOf(suspects);
        }

        public static Change ticket(String ticketId) {
            return new Change(null, null, null, Set.of(ticketId), null);
        }

        /** The identifiers, split into numbers and addresses as the contact stores them. */
        public static Change of(Collection<String> identifiers, String name, Set<String> suspects) {
            Set<String> phones = new java.util.TreeSet<>();
            Set<String> emails = new java.util.TreeSet<>();
            for (String identifier : identifiers) {
                (Identifiers.isPhone(identifier) ? phones : emails).add(Identifiers.value(identifier));
            }
            return new Change(phones, emails, name, null, suspects);
        }

        public Change withTicket(String ticketId) {
            Set<String> all = new java.util.TreeSet<>(ticketIds);
            all.add(ticketId);
            return new Change(phones, emails, name, all, suspects);
        }

        public boolean isEmpty() {
            return phones.isEmpty() && emails.isEmpty() && (name == null || name.isBlank()) && ticketIds.isEmpty()
                    && suspects.isEmpty();
        }
    }
}
