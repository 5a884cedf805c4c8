package ch.opsfabric.contact;

import java.time.Instant;
import java.util.Set;

/**
 * One person of one tenant, however they reached the business.
 *
 * @param phones      E.164 numbers
 * @param emails      normalized addresses
 * @param ticketIds   every ticket opened for this person (a merge moves them)
 * @param suspects    other contacts one message named together with this one (e.g. an e-mail from
 *                    one contact's address with another contact's number): staff decide, by a merge
 * @param mergedInto  set when this contact was merged into another; its pointers lead there
 */
public record Contact(
        String tenantId,
        String id,
        String seed,
        Set<String> phones,
        Set<String> emails,
        String name,
        Set<String> ticketIds,
        Set<String> suspects,
        String mergedInto,
        Instant createdAt,
        Instant updatedAt) {

    public Contact {
        phones = phones == null ? Set.of() : Set.copyOf(phones);
        emails = emails == null ? Set.of() : Set.copyOf(emails);
        ticketIds = ticketIds == null ? Set.of() : Set.copyOf(ticketIds);
        suspects = suspects == null ? Set.of() : Set.copyOf(suspects);
    }

    public ContactRef ref() {
        return new ContactRef(id, seed);
    }

    /** Every identifier that should point here. */
    public java.util.List<String> identifiers() {
        java.util.List<String> all = new java.util.ArrayList<>();
        phones.stream().sorted().forEach(p -> all.add(Identifiers.tel(p)));
        emails.stream().sorted().forEach(e -> all.add(Identifiers.MAIL + e));
        return all;
    }
}
