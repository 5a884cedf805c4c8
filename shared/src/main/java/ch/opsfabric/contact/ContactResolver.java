package ch.opsfabric.contact;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What ticket intake asks about people: who is this, and which tickets are theirs. */
public interface ContactResolver {

    /**
     * The one contact of everyone these identifiers name, its pointers claimed when none of them
     * is known; the contact itself is written by {@link #settle}.
     *
     * @param identifiers {@code tel:…} and {@code mail:…}, in the order of preference for a new contact's seed
     * @return null when there is no identifier (then there is nothing to dedupe on)
     */
    Resolution resolve(String tenantId, List<String> identifiers, String name, Instant at);

    /**
     * Records the resolution on the contact, with the ticket it opened (null: it joined one).
     *
     * @return the contact that holds it now (another one when it was merged meanwhile; the ticket then moves too)
     */
    ContactRef settle(String tenantId, Resolution resolution, String openedTicketId, Instant at);

    /**
     * @param change  what the contact holds after this resolution: its identifiers seen here, the name, suspects
     * @param gained  a pointer was claimed or a suspect found: worth writing even without a new ticket
     */
    record Resolution(ContactRef contact, ContactBook.Change change, boolean gained) {
    }

    /** The contact an identifier points at, without creating anything. */
    Optional<ContactRef> find(String tenantId, String identifier);


    /**
     * No contacts stored: a person is their phone number, as before contacts existed. For tools and
     * unit tests that are about something else.
     */
    ContactResolver BY_PHONE = new ContactResolver() {
        @Override
        public Resolution resolve(String tenantId, List<String> identifiers, String name, Instant at) {
            return identifiers.stream().filter(Identifiers::isPhone).findFirst()
                    .map(seed -> new Resolution(ContactRef.forSeed(tenantId, seed), ContactBook.Change.of(List.of(), null, null),
                            false))
                    .orElse(null);
        }

        @Override
        public ContactRef settle(String tenantId, Resolution resolution, String openedTicketId, Instant at) {
            return resolution.contact();
        }

        @Override
        public Optional<ContactRef> find(String tenantId, String identifier) {
            return Identifiers.isPhone(identifier) ? Optional.of(ContactRef.forSeed(tenantId, identifier)) : Optional.empty();
        }

    };
}
