package ch.opsfabric.store;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;

import java.util.Map;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/**
 * A tenant ({@code PK=TENANT#id, SK=TENANT}) and the pointers that find it by slug, business
 * line or hashed API key ({@code PK=SLUG#…|LINE#…|APIKEY#…, SK=POINTER}). The configuration is
 * kept as one JSON document: it is read as a whole and changes rarely.
 */
final class TenantItem {

    String pk;
    String sk;
    String id;
    String slug;
    String name;
    String branch;
    Map<String, Boolean> modules;
    String config;
    /** Raised by one on every change; a change names the version it read (optimistic locking). */
    Long version;
    /** {@code creating}, {@code active} or {@code deleting}; absent counts as active (items from before the operator API). */
    String state;
    String createdAt;
    String updatedAt;
    /** {@link Keys#TENANTS}: every tenant in one index partition, sorted by slug, for the operator's list. */
    String gsi1pk;
    String gsi1sk;

    static final String ACTIVE = "active";

    boolean active() {
        return state == null || ACTIVE.equals(state);
    }

    static final StaticTableSchema<TenantItem> SCHEMA = StaticTableSchema.builder(TenantItem.class)
            .newItemSupplier(TenantItem::new)
            .addAttribute(String.class, a -> a.name(Keys.PK).getter(i -> i.pk).setter((i, v) -> i.pk = v)
                    .tags(primaryPartitionKey()))
            .addAttribute(String.class, a -> a.name(Keys.SK).getter(i -> i.sk).setter((i, v) -> i.sk = v)
                    .tags(primarySortKey()))
            .addAttribute(String.class, a -> a.name("id").getter(i -> i.id).setter((i, v) -> i.id = v))
            .addAttribute(String.class, a -> a.name("slug").getter(i -> i.slug).setter((i, v) -> i.slug = v))
            .addAttribute(String.class, a -> a.name("name").getter(i -> i.name).setter((i, v) -> i.name = v))
            .addAttribute(String.class, a -> a.name("branch").getter(i -> i.branch).setter((i, v) -> i.branch = v))
            .addAttribute(EnhancedType.mapOf(String.class, Boolean.class),
                    a -> a.name("modules").getter(i -> i.modules).setter((i, v) -> i.modules = v))
            .addAttribute(String.class, a -> a.name("config").getter(i -> i.config).setter((i, v) -> i.config = v))
            .addAttribute(Long.class, a -> a.name("version").getter(i -> i.version).setter((i, v) -> i.version = v))
            .addAttribute(String.class, a -> a.name("state").getter(i -> i.state).setter((i, v) -> i.state = v))
            .addAttribute(String.class, a -> a.name("createdAt").getter(i -> i.createdAt).setter((i, v) -> i.createdAt = v))
            .addAttribute(String.class, a -> a.name("updatedAt").getter(i -> i.updatedAt).setter((i, v) -> i.updatedAt = v))
            .addAttribute(String.class, a -> a.name(Keys.GSI1PK).getter(i -> i.gsi1pk).setter((i, v) -> i.gsi1pk = v))
            .addAttribute(String.class, a -> a.name(Keys.GSI1SK).getter(i -> i.gsi1sk).setter((i, v) -> i.gsi1sk = v))
            .build();

    /** The stored shape of a tenant; {@code state}, {@code version} and times as given. */
    static TenantItem of(ch.opsfabric.tenant.Tenant tenant, String state, long version, String createdAt, String updatedAt) {
        TenantItem item = new TenantItem();
        item.pk = Keys.tenant(tenant.id());
        item.sk = Keys.TENANT_SK;
        item.id = tenant.id();
        item.slug = tenant.slug();
        item.name = tenant.name();
        item.branch = tenant.branch().wireName();
        item.modules = ch.opsfabric.tenant.TenantJson.modulesMap(tenant.modules());
        item.config = ch.opsfabric.json.Json.write(tenant.config().document());
        item.version = version;
        item.state = state;
        item.createdAt = createdAt;
        item.updatedAt = updatedAt;
        item.gsi1pk = Keys.TENANTS;
        item.gsi1sk = tenant.slug();
        return item;
    }

    ch.opsfabric.tenant.Tenant toTenant() {
        java.util.EnumSet<ch.opsfabric.tenant.Module> on = java.util.EnumSet.noneOf(ch.opsfabric.tenant.Module.class);
        modules.forEach((name, enabled) -> {
            if (Boolean.TRUE.equals(enabled)) {
                ch.opsfabric.tenant.Module.fromWire(name).ifPresent(on::add);
            }
        });
        return new ch.opsfabric.tenant.Tenant(id, slug, name, ch.opsfabric.tenant.Branch.fromWire(branch),
                ch.opsfabric.tenant.Modules.of(on),
                ch.opsfabric.tenant.TenantJson.readConfig(ch.opsfabric.json.Json.parse(config)));
    }

    static final class Pointer {
        String pk;
        String sk;
        String tenantId;
    }

    static final StaticTableSchema<Pointer> POINTER_SCHEMA = StaticTableSchema.builder(Pointer.class)
            .newItemSupplier(Pointer::new)
            .addAttribute(String.class, a -> a.name(Keys.PK).getter(i -> i.pk).setter((i, v) -> i.pk = v)
                    .tags(primaryPartitionKey()))
            .addAttribute(String.class, a -> a.name(Keys.SK).getter(i -> i.sk).setter((i, v) -> i.sk = v)
                    .tags(primarySortKey()))
            .addAttribute(String.class, a -> a.name("tenantId").getter(i -> i.tenantId).setter((i, v) -> i.tenantId = v))
            .build();
}
