package ch.opsfabric.contact;

import ch.opsfabric.crypto.Hashes;

/**
 * Who a ticket belongs to, as every channel computes it: the contact's id and its seed, the first
 * identifier it was created from ({@code tel:+41…} or {@code mail:…}). Ticket ids are derived from
 * the seed, so all channels that reach one person on one day compute the same ticket key.
 *
 * @param id   {@code C} and 15 base32 characters of a hash of tenant and seed; carries no personal data
 * @param seed the identifier the contact was created from; never changes, not even by a merge
 */
public record ContactRef(String id, String seed) {

    public ContactRef {
        if (id == null || id.isBlank() || seed == null || !Identifiers.isIdentifier(seed)) {
            throw new IllegalArgumentException("a contact needs an id and a tel: or mail: seed");
        }
    }

    /** The contact a new person gets: the same for every channel that starts from this identifier. */
    public static ContactRef forSeed(String tenantId, String seed) {
        return new ContactRef("C" + Hashes.base32(Hashes.sha256(tenantId + "|contact|" + seed), 15), seed);
    }

    /**
     * What ticket ids are derived from. A phone seed gives the bare E.164 number, exactly what
     * tickets were keyed by before contacts existed: those tickets are found and joined as they
     * are, with no migration.
     */
    public String ticketKey() {
        return Identifiers.isPhone(seed) ? Identifiers.value(seed) : seed;
    }
}
