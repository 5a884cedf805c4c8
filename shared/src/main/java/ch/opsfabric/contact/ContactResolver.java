package ch.opsfabric.contact;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What ticket intake asks about people: who is this, and which tickets are theirs. */
public interface ContactResolver {

    /**
     * The one contact of everyone these identifiers name, created when none of them is known.
     *
     * @param identifiers {@code tel:…} and {@code mail:…}, in the order of preference for a new contact's seed
     * @return null when there is no identifier (then there is nothing to dedupe on)
     */
    ContactRef resolve(String tenantId, List<String> identifiers, String name, Instant at);

    /** The contact an identifier points at, without creating anything. */
    Optional<ContactRef> find(String tenantId, String identifier);

    /** A ticket was opened for the contact (idempotent: a retry adds it once). */
    void ticketOpened(String tenantId, ContactRef contact, String ticketId, Instant at);

    /**
     * No contacts stored: a person is their phone number, as before contacts existed. For tools and
     * unit tests that are about something else.
     */
    ContactResolver BY_PHONE = new ContactResolver() {
        @Override
        public ContactRef resolve(String tenantId, List<String> identifiers, String name, Instant at) {
            return identifiers.stream().filter(Identifiers::isPhone).findFirst()
                    .map(seed -> ContactRef.forSeed(tenantId, seed)).orElse(null);
        }

        @Override
        public Optional<ContactRef> find(String tenantId, String identifier) {
            return Identifiers.isPhone(identifier) ? Optional.of(ContactRef.forSeed(tenantId, identifier)) : Optional.empty();
        }

        @Override
        public void ticketOpened(String tenantId, ContactRef contact, String ticketId, Instant at) {
        }
    };
}
