package ch.opsfabric.ticket;

import ch.opsfabric.crypto.Hashes;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/**
 * Ticket ids and references. The id of a phone contact is derived from tenant, phone, local day
 * and a generation counter, so everyone who handles a contact of that number on that day
 * computes the same key: "create or join" becomes one conditional write on that key. The id
 * starts with the day (so ticket keys sort by day) and carries no personal data.
 */
public final class TicketIds {

    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;
    private static final DateTimeFormatter REF_DAY = DateTimeFormatter.ofPattern("ddMM");
    /** {@code K-ddMM-XXXX}: day, month, the first four characters of the id's tail. */
    public static final java.util.regex.Pattern REFERENCE = java.util.regex.Pattern.compile(
            "K-([0-3][0-9])([01][0-9])-([0-9A-HJKMNP-TV-Z]{4})");
    private static final SecureRandom RANDOM = new SecureRandom();

    private TicketIds() {
    }

    public static String forContact(String tenantId, String e164, LocalDate day, int generation) {
        byte[] hash = Hashes.sha256(tenantId + '|' + e164 + '|' + day + '|' + generation);
        return DAY.format(day) + "-" + Hashes.base32(hash, 12);
    }

    /** For contacts without a phone number: nothing to dedupe on. */
    public static String random(LocalDate day) {
        byte[] bytes = new byte[10];
        RANDOM.nextBytes(bytes);
        return DAY.format(day) + "-" + Hashes.base32(bytes, 12);
    }

    /** {@code K-ddMM-XXXX}: the day and four characters of the id, unique enough within a tenant's day. */
    public static String reference(String ticketId, LocalDate day) {
        String tail = ticketId.substring(ticketId.indexOf('-') + 1);
        return "K-" + REF_DAY.format(day) + "-" + tail.substring(0, 4);
    }


}
