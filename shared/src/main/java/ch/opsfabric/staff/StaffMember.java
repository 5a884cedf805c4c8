package ch.opsfabric.staff;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A person who works a tenant's tickets in the staff app: signs in with a code sent to
 * {@code mobile}. The owner also manages the other members. Each member chooses which SMS
 * notices to get ({@link Notice}); an owner gets urgent ones by default, as today's owner alert.
 */
public record StaffMember(String tenantId, String id, String name, String mobile, Role role, Set<Notice> notices) {

    public enum Role {
        OWNER, STAFF;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<Role> fromWire(String value) {
            for (Role r : values()) {
                if (r.wireName().equals(value)) {
                    return Optional.of(r);
                }
            }
            return Optional.empty();
        }
    }

    /** Why a member gets an SMS: an urgent ticket, every new ticket, an SLA about to be missed (30 min before). */
    public enum Notice {
        URGENT, NEW_TICKET, SLA_SOON;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<Notice> fromWire(String value) {
            for (Notice n : values()) {
                if (n.wireName().equals(value)) {
                    return Optional.of(n);
                }
            }
            return Optional.empty();
        }
    }

    public StaffMember {
        notices = notices == null || notices.isEmpty() ? EnumSet.noneOf(Notice.class) : EnumSet.copyOf(notices);
    }

    /** With the default notices: urgent tickets for an owner, none for staff. */
    public StaffMember(String tenantId, String id, String name, String mobile, Role role) {
        this(tenantId, id, name, mobile, role, role == Role.OWNER ? EnumSet.of(Notice.URGENT) : EnumSet.noneOf(Notice.class));
    }

    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    /** Ten random base32 letters: a member's id says nothing about the person. */
    public static String newId() {
        char[] alphabet = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
        char[] id = new char[10];
        for (int i = 0; i < id.length; i++) {
            id[i] = alphabet[RANDOM.nextInt(alphabet.length)];
        }
        return new String(id);
    }

    public boolean wants(Notice notice) {
        return notices.contains(notice);
    }
}
