package ch.opsfabric.store;

import ch.opsfabric.crypto.Hashes;
import ch.opsfabric.tenant.Tenant;
import ch.opsfabric.tenant.TenantDirectory;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;

/**
 * Tenants from the single table, cached per JVM for {@code cacheNanos}: a warm Lambda answers
 * most requests without a tenant read, and a config change is visible within a minute.
 * API keys are stored only as SHA-256 hashes.
 */
public final class DynamoTenantDirectory implements TenantDirectory {

    private final DynamoDbTable<TenantItem> tenants;
    private final DynamoDbTable<TenantItem.Pointer> pointers;
    /** Tenants a JVM serves at most from memory; a deployment has a few hundred. */
    static final int MAX_CACHED = 1_000;
    /** Unknown slugs, lines and keys remembered, so a scan of made-up slugs costs little. */
    static final int MAX_MISSES = 256;
    static final long MISS_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final BoundedCache<String, Tenant> cache;
    private final SingleTable db;

    public DynamoTenantDirectory(SingleTable db, long cacheNanos) {
        this.db = db;
        this.tenants = db.enhanced().table(db.tableName(), TenantItem.SCHEMA);
        this.pointers = db.enhanced().table(db.tableName(), TenantItem.POINTER_SCHEMA);
        this.cache = new BoundedCache<>(MAX_CACHED, cacheNanos, MAX_MISSES, Math.min(cacheNanos, MISS_NANOS), System::nanoTime);
    }

    @Override
    public Optional<Tenant> byId(String tenantId) {
        return cached(Keys.tenant(tenantId), () -> load(tenantId));
    }

    @Override
    public Optional<Tenant> bySlug(String slug) {
        // a pointer is only believed when its tenant agrees: a half-finished change leaves no wrong owner
        return cached(Keys.slug(slug), () -> viaPointer(Keys.slug(slug)).filter(t -> t.slug().equals(slug)));
    }

    @Override
    public Optional<Tenant> byPhoneLine(String e164) {
        return cached(Keys.line(e164), () -> viaPointer(Keys.line(e164))
                .filter(t -> t.config().phoneLines().contains(e164)));
    }

    @Override
    public Optional<Tenant> byInboundAddress(String address) {
        String pk = Keys.mailbox(address);
        return cached(pk, () -> viaPointer(pk).filter(t -> address.equalsIgnoreCase(
                t.config().document().path("email").path("inboundAddress").asText(""))));
    }

    @Override
    public Optional<Tenant> byWhatsAppNumber(String phoneNumberId) {
        String pk = Keys.whatsappNumber(phoneNumberId);
        return cached(pk, () -> viaPointer(pk).filter(t -> phoneNumberId.equals(
                t.config().document().path("whatsapp").path("phoneNumberId").asText(""))));
    }

    @Override
    public Optional<Tenant> byApiKey(String apiKey) {
        if (apiKey == null || apiKey.isBlank()) {
            return Optional.empty();
        }
        String pointer = Keys.apiKey(hashApiKey(apiKey));
        return cached(pointer, () -> viaPointer(pointer));
    }

    /**
     * Writes (or overwrites) a tenant with its slug, line and API-key pointers, unconditionally:
     * for tests that set a tenant up or change it behind the functions' backs. Operators go
     * through {@link DynamoTenantRegistry}, which claims every pointer conditionally.
     */
    public void put(Tenant tenant, List<String> apiKeys) {
        String now = java.time.Instant.now().toString();
        tenants.putItem(TenantItem.of(tenant, TenantItem.ACTIVE, 1, now, now));
        pointer(Keys.slug(tenant.slug()), tenant.id());
        tenant.config().phoneLines().forEach(line -> pointer(Keys.line(line), tenant.id()));
        for (int i = 0; i < apiKeys.size(); i++) {
            String hash = hashApiKey(apiKeys.get(i));
            pointer(Keys.apiKey(hash), tenant.id());
            // listed like an issued key, so an offboarding removes its pointer too
            DynamoTenantRegistry.putKeyItem(db, tenant.id(), seedKeyId(hash), "seed", hash, now, "seed");
        }
        cache.clear();
    }

    /** A stable key id for a seeded key: ten letters a–p from its hash, in the issued ids' alphabet. */
    private static String seedKeyId(String hash) {
        StringBuilder id = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            id.append((char) ('a' + Character.digit(hash.charAt(i), 16)));
        }
        return id.toString();
    }

    public static String hashApiKey(String apiKey) {
        return Hashes.sha256Hex(apiKey);
    }

    private void pointer(String pk, String tenantId) {
        TenantItem.Pointer pointer = new TenantItem.Pointer();
        pointer.pk = pk;
        pointer.sk = Keys.POINTER_SK;
        pointer.tenantId = tenantId;
        pointers.putItem(pointer);
    }

    private Optional<Tenant> viaPointer(String pk) {
        TenantItem.Pointer pointer = pointers.getItem(Key.builder().partitionValue(pk).sortValue(Keys.POINTER_SK).build());
        return pointer == null ? Optional.empty() : byId(pointer.tenantId);
    }

    private Optional<Tenant> load(String tenantId) {
        TenantItem item = tenants.getItem(Key.builder()
                .partitionValue(Keys.tenant(tenantId)).sortValue(Keys.TENANT_SK).build());
        // a tenant being created or offboarded is not served
        return item == null || !item.active() ? Optional.empty() : Optional.of(item.toTenant());
    }

    private Optional<Tenant> cached(String key, java.util.function.Supplier<Optional<Tenant>> loader) {
        return Optional.ofNullable(cache.get(key, k -> loader.get().orElse(null)));
    }
}
