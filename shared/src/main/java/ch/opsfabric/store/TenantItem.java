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
            .build();

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
