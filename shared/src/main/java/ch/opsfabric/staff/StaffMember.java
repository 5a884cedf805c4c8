package ch.opsfabric.staff;

import java.util.Locale;
import java.util.Optional;

/**
 * A person who works a tenant's tickets in the staff app: signs in with a code sent to
 * {@code mobile}. The owner also manages the other members.
 */
public record StaffMember(String tenantId, String id, String name, String mobile, Role role) {

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
}
