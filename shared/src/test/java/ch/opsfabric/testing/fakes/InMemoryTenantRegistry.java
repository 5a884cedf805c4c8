package ch.opsfabric.testing.fakes;

import ch.opsfabric.onboarding.TenantRegistry;
import ch.opsfabric.tenant.Tenant;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The registry's rules in memory (one winner per slug, line and key hash; versions checked), for use-case tests. */
public final class InMemoryTenantRegistry implements TenantRegistry {

    private final Map<String, Registered> bySlug = new TreeMap<>();
    private final Map<String, String> lineOwners = new HashMap<>();
    private final Map<String, String> keyOwners = new HashMap<>();
    private final Map<String, Map<String, ApiKey>> keys = new HashMap<>();
    private final Map<String, List<AuditEntry>> audit = new HashMap<>();
    public final List<AuditEntry> operatorAudit = new ArrayList<>();

    @Override
    public synchronized Optional<Registered> bySlug(String slug) {
        return Optional.ofNullable(bySlug.get(slug));
    }

    @Override
    public synchronized Page<Registered> list(String cursor, int limit) {
        List<Registered> all = new ArrayList<>(bySlug.values());
        int from = cursor == null ? 0 : Integer.parseInt(cursor);
        int to = Math.min(all.size(), from + limit);
        return new Page<>(all.subList(from, to), to < all.size() ? Integer.toString(to) : null);
    }

    @Override
    public synchronized Registered create(Tenant tenant, Instant now) {
        if (bySlug.containsKey(tenant.slug())) {
            throw new Claimed("slug", tenant.slug());
        }
        for (String line : tenant.config().phoneLines()) {
            if (lineOwners.containsKey(line)) {
                throw new Claimed("line", line);
            }
        }
        tenant.config().phoneLines().forEach(l -> lineOwners.put(l, tenant.id()));
        Registered registered = new Registered(tenant, 1, State.ACTIVE, now, now);
        bySlug.put(tenant.slug(), registered);
        return registered;
    }

    @Override
    public synchronized Registered update(Registered before, Tenant after, Instant now) {
        for (String line : after.config().phoneLines()) {
            String owner = lineOwners.get(line);
            if (owner != null && !owner.equals(after.id())) {
                throw new Claimed("line", line);
            }
        }
        Registered stored = bySlug.get(before.tenant().slug());
        if (stored == null || stored.version() != before.version()) {
            throw new StaleVersion();
        }
        before.tenant().config().phoneLines().forEach(lineOwners::remove);
        after.config().phoneLines().forEach(l -> lineOwners.put(l, after.id()));
        Registered updated = new Registered(after, before.version() + 1, State.ACTIVE, before.createdAt(), now);
        bySlug.put(after.slug(), updated);
        return updated;
    }

    @Override
    public synchronized void addKey(String tenantId, ApiKey key) {
        if (keyOwners.containsKey(key.hash())) {
            throw new Claimed("key", key.id());
        }
        keyOwners.put(key.hash(), tenantId);
        keys.computeIfAbsent(tenantId, t -> new LinkedHashMap<>()).put(key.id(), key);
    }

    @Override
    public synchronized List<ApiKey> keys(String tenantId) {
        return List.copyOf(keys.getOrDefault(tenantId, Map.of()).values());
    }

    @Override
    public synchronized boolean revokeKey(String tenantId, String keyId) {
        ApiKey key = keys.getOrDefault(tenantId, new HashMap<>()).remove(keyId);
        if (key == null) {
            return false;
        }
        keyOwners.remove(key.hash());
        return true;
    }

    /** Who a key (by its hash) opens, as the directory would find it. */
    public synchronized Optional<String> tenantOfKeyHash(String hash) {
        return Optional.ofNullable(keyOwners.get(hash));
    }

    @Override
    public synchronized void audit(String tenantId, AuditEntry entry) {
        audit.computeIfAbsent(tenantId, t -> new ArrayList<>()).add(0, entry);
    }

    @Override
    public synchronized Page<AuditEntry> audit(String tenantId, String cursor, int limit) {
        List<AuditEntry> entries = audit.getOrDefault(tenantId, List.of());
        return new Page<>(List.copyOf(entries.subList(0, Math.min(limit, entries.size()))), null);
    }

    @Override
    public synchronized void auditOperator(AuditEntry entry) {
        operatorAudit.add(entry);
    }

    @Override
    public synchronized Offboarding offboard(String tenantId, String slug, int budget) {
        Registered gone = bySlug.remove(slug);
        if (gone != null) {
            gone.tenant().config().phoneLines().forEach(lineOwners::remove);
        }
        keys.getOrDefault(tenantId, Map.of()).values().forEach(k -> keyOwners.remove(k.hash()));
        keys.remove(tenantId);
        audit.remove(tenantId);
        return new Offboarding(1, true);
    }
}
