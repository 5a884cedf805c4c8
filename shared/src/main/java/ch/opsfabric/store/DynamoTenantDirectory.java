package ch.opsfabric.store;

import ch.opsfabric.crypto.Hashes;
import ch.opsfabric.json.Json;
import ch.opsfabric.tenant.Branch;
import ch.opsfabric.tenant.Module;
import ch.opsfabric.tenant.Modules;
import ch.opsfabric.tenant.Tenant;
import ch.opsfabric.tenant.TenantDirectory;
import ch.opsfabric.tenant.TenantJson;
import java.util.EnumSet;
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

    public DynamoTenantDirectory(SingleTable db, long cacheNanos) {
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
        return cached(Keys.slug(slug), () -> viaPointer(Keys.slug(slug)));
    }

    @Override
    public Optional<Tenant> byPhoneLine(String e164) {
        return cached(Keys.line(e164), () -> viaPointer(Keys.line(e164)));
    }

    @Override
    public Optional<Tenant> byApiKey(String apiKey) {
        if (apiKey == null || apiKey.isBlank()) {
            return Optional.empty();
        }
        String pointer = Keys.apiKey(hashApiKey(apiKey));
        return cached(pointer, () -> viaPointer(pointer));
    }

    /** Writes (or overwrites) a tenant with its slug, line and API-key pointers. For seeding and admin tools. */
    public void put(Tenant tenant, List<String> apiKeys) {
        TenantItem item = new TenantItem();
        item.pk = Keys.tenant(tenant.id());
        item.sk = Keys.TENANT_SK;
        item.id = tenant.id();
        item.slug = tenant.slug();
        item.name = tenant.name();
        item.branch = tenant.branch().wireName();
        item.modules = TenantJson.modulesMap(tenant.modules());
        item.config = Json.write(tenant.config().document());
        tenants.putItem(item);
        pointer(Keys.slug(tenant.slug()), tenant.id());
        tenant.config().phoneLines().forEach(line -> pointer(Keys.line(line), tenant.id()));
        apiKeys.forEach(key -> pointer(Keys.apiKey(hashApiKey(key)), tenant.id()));
        cache.clear();
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
        if (item == null) {
            return Optional.empty();
        }
        EnumSet<Module> on = EnumSet.noneOf(Module.class);
        item.modules.forEach((name, enabled) -> {
            if (Boolean.TRUE.equals(enabled)) {
                Module.fromWire(name).ifPresent(on::add);
            }
        });
        return Optional.of(new Tenant(item.id, item.slug, item.name, Branch.fromWire(item.branch), Modules.of(on),
                TenantJson.readConfig(Json.parse(item.config))));
    }

    private Optional<Tenant> cached(String key, java.util.function.Supplier<Optional<Tenant>> loader) {
        return Optional.ofNullable(cache.get(key, k -> loader.get().orElse(null)));
    }
}
