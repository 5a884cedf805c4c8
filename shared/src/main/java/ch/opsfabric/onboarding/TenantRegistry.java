package ch.opsfabric.onboarding;

import ch.opsfabric.tenant.Tenant;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where tenants are registered, with the pointer items that find them (slug, lines, API keys).
 * Every claim is a conditional write: two operators racing for one slug or line get one winner
 * and one {@link Claimed}, never two tenants.
 */
public interface TenantRegistry {

    /** A tenant's lifecycle: only {@code ACTIVE} tenants are served; the others are half-way. */
    enum State {
        CREATING, ACTIVE, DELETING;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    record Registered(Tenant tenant, long version, State state, Instant createdAt, Instant updatedAt) {
    }

    record ApiKey(String id, String label, String hash, Instant createdAt, String createdBy) {
    }

    record AuditEntry(Instant at, String principal, String action, List<FieldChange> changes) {
    }

    record Page<T>(List<T> items, String cursor) {
    }

    /** How far an offboarding got: {@code done} once nothing of the tenant is left. */
    record Offboarding(int deletedItems, boolean done) {
    }

    /** A slug, line or key is held by another tenant. */
    final class Claimed extends RuntimeException {
        private final String what;

        public Claimed(String what, String value) {
            super(what + " " + value + " belongs to another tenant");
            this.what = what;
        }

        /** {@code slug}, {@code line} or {@code key}. */
        public String what() {
            return what;
        }
    }

    /** The version was not the stored one (someone changed the tenant meanwhile), or it is no longer active. */
    final class StaleVersion extends RuntimeException {
        public StaleVersion() {
            super("the tenant changed meanwhile");
        }
    }

    /** Any state: the operator sees half-created and half-deleted tenants too. */
    Optional<Registered> bySlug(String slug);

    Page<Registered> list(String cursor, int limit);

    /** Claims slug and lines and stores the tenant as ACTIVE with version 1; on a failed claim nothing stays. */
    Registered create(Tenant tenant, Instant now);

    /** Writes {@code after} if the stored version is still {@code before.version()}; lines claimed and released. */
    Registered update(Registered before, Tenant after, Instant now);

    /** @throws Claimed when the key's hash already points at a tenant (an imported key used twice) */
    void addKey(String tenantId, ApiKey key);

    List<ApiKey> keys(String tenantId);

    /** @return false when the tenant has no key with that id */
    boolean revokeKey(String tenantId, String keyId);

    void audit(String tenantId, AuditEntry entry);

    Page<AuditEntry> audit(String tenantId, String cursor, int limit);

    /** Operator actions that outlive their tenant (an offboarding): who and which tenant id, no customer data. */
    void auditOperator(AuditEntry entry);

    /**
     * Removes up to about {@code budget} items of the tenant: it stops being served at once, its
     * items go in batches, its pointers last (the slug very last, so a second call finds it).
     */
    Offboarding offboard(String tenantId, String slug, int budget);
}
