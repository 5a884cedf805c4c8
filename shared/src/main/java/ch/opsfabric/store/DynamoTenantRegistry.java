package ch.opsfabric.store;

import ch.opsfabric.crypto.Tokens;
import ch.opsfabric.json.Json;
import ch.opsfabric.onboarding.FieldChange;
import ch.opsfabric.onboarding.TenantRegistry;
import ch.opsfabric.tenant.Branch;
import ch.opsfabric.tenant.Modules;
import ch.opsfabric.tenant.Tenant;
import ch.opsfabric.tenant.TenantJson;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The operator's view of the tenants in the single table. No transactions: each step is one
 * conditional write, ordered so that a failure half-way leaves nothing that serves wrongly.
 * <ul>
 *   <li>create: the tenant item (state {@code creating}), then the slug pointer, then each line
 *       pointer, each {@code attribute_not_exists(PK)}; a lost claim undoes the earlier ones;
 *       last the state becomes {@code active}.</li>
 *   <li>update: new lines claimed first, then the tenant item written on {@code version = :read},
 *       then dropped lines released. The directory only believes a pointer whose tenant lists it.</li>
 *   <li>offboard: the state becomes {@code deleting} (nothing is served from then on), the
 *       partition goes in batches with the pointers its key and link items name, then the line
 *       pointers, the tenant item, and the slug pointer last, so a second call can always resume.</li>
 * </ul>
 */
public final class DynamoTenantRegistry implements TenantRegistry {

    /** Items per query page and per offboarding round; BatchWriteItem takes 25 at a time. */
    static final int PAGE = 100;
    static final int BATCH = 25;
    /** An offboarding call stops after this long and reports progress: well inside the function's timeout. */
    static final long OFFBOARD_NANOS = TimeUnit.SECONDS.toNanos(8);

    private final SingleTable db;

    public DynamoTenantRegistry(SingleTable db) {
        this.db = db;
    }

    @Override
    public Optional<Registered> bySlug(String slug) {
        Map<String, AttributeValue> pointer = get(Keys.slug(slug), Keys.POINTER_SK);
        if (pointer == null) {
            return Optional.empty();
        }
        String tenantId = pointer.get("tenantId").s();
        Map<String, AttributeValue> item = get(Keys.tenant(tenantId), Keys.TENANT_SK);
        if (item == null) {
            // an offboarding stopped after the tenant item and before the slug: show it, so it can be finished
            Tenant remains = new Tenant(tenantId, slug, slug, Branch.ALLGEMEIN, Modules.defaults(Branch.ALLGEMEIN),
                    TenantJson.readConfig(Json.object()));
            return Optional.of(new Registered(remains, 0, State.DELETING, null, null));
        }
        return Optional.of(registered(item));
    }

    @Override
    public Page<Registered> list(String cursor, int limit) {
        QueryResponse page = db.client().query(b -> b.tableName(db.tableName()).indexName(Keys.GSI1)
                .keyConditionExpression("GSI1PK = :all")
                .expressionAttributeValues(Map.of(":all", s(Keys.TENANTS)))
                .limit(limit)
                .exclusiveStartKey(Cursors.decode(cursor)));
        List<Registered> tenants = new ArrayList<>();
        page.items().forEach(item -> tenants.add(registered(item)));
        return new Page<>(tenants, page.hasLastEvaluatedKey() ? Cursors.encode(page.lastEvaluatedKey()) : null);
    }

    @Override
    public Registered create(Tenant tenant, Instant now) {
        String id = tenant.id();
        Map<String, AttributeValue> item = TenantItem.SCHEMA.itemToMap(
                TenantItem.of(tenant, State.CREATING.wireName(), 1, now.toString(), now.toString()), true);
        try {
            db.client().putItem(b -> b.tableName(db.tableName()).item(item).conditionExpression("attribute_not_exists(PK)"));
        } catch (ConditionalCheckFailedException e) {
            throw new Claimed("tenant id", id);
        }
        if (!claim(Keys.slug(tenant.slug()), id)) {
            delete(Keys.tenant(id), Keys.TENANT_SK);
            throw new Claimed("slug", tenant.slug());
        }
        List<String> claimed = new ArrayList<>();
        for (Map.Entry<String, String> pointer : ownedPointers(tenant).entrySet()) {
            if (!claim(pointer.getKey(), id)) {
                claimed.forEach(pk -> release(pk, id));
                release(Keys.slug(tenant.slug()), id);
                delete(Keys.tenant(id), Keys.TENANT_SK);
                throw new Claimed(pointer.getValue(), pointer.getKey().substring(pointer.getKey().indexOf('#') + 1));
            }
            claimed.add(pointer.getKey());
        }
        db.client().updateItem(b -> b.tableName(db.tableName()).key(key(Keys.tenant(id), Keys.TENANT_SK))
                .updateExpression("SET #state = :active")
                .conditionExpression("#state = :creating")
                .expressionAttributeNames(Map.of("#state", "state"))
                .expressionAttributeValues(Map.of(":active", s(State.ACTIVE.wireName()),
                        ":creating", s(State.CREATING.wireName()))));
        return new Registered(tenant, 1, State.ACTIVE, now, now);
    }

    @Override
    public Registered update(Registered before, Tenant after, Instant now) {
        String id = before.tenant().id();
        Map<String, String> afterPointers = ownedPointers(after);
        Set<String> added = new LinkedHashSet<>(afterPointers.keySet());
        added.removeAll(ownedPointers(before.tenant()).keySet());
        Set<String> removed = new LinkedHashSet<>(ownedPointers(before.tenant()).keySet());
        removed.removeAll(afterPointers.keySet());
        List<String> claimed = new ArrayList<>();
        for (String pk : added) {
            if (!claim(pk, id)) {
                claimed.forEach(l -> release(l, id));
                throw new Claimed(afterPointers.get(pk), pk.substring(pk.indexOf('#') + 1));
            }
            claimed.add(pk);
        }
        long version = before.version() + 1;
        String createdAt = before.createdAt() == null ? now.toString() : before.createdAt().toString();
        Map<String, AttributeValue> item = TenantItem.SCHEMA.itemToMap(
                TenantItem.of(after, State.ACTIVE.wireName(), version, createdAt, now.toString()), true);
        // items written before versions existed count as version 1
        String versionCondition = before.version() == 1 ? "(attribute_not_exists(#version) OR #version = :read)" : "#version = :read";
        try {
            db.client().putItem(b -> b.tableName(db.tableName()).item(item)
                    .conditionExpression("attribute_exists(PK) AND " + versionCondition
                            + " AND (attribute_not_exists(#state) OR #state = :active)")
                    .expressionAttributeNames(Map.of("#version", "version", "#state", "state"))
                    .expressionAttributeValues(Map.of(":read", n(before.version()), ":active", s(State.ACTIVE.wireName()))));
        } catch (ConditionalCheckFailedException e) {
            claimed.forEach(l -> release(l, id));
            throw new StaleVersion();
        }
        removed.forEach(pk -> release(pk, id));
        return new Registered(after, version, State.ACTIVE, before.createdAt() == null ? now : before.createdAt(), now);
    }

    @Override
    public void addKey(String tenantId, ApiKey key) {
        Map<String, AttributeValue> item = keyItem(tenantId, key.id(), key.label(), key.hash(), key.createdAt().toString(),
                key.createdBy());
        db.client().putItem(b -> b.tableName(db.tableName()).item(item).conditionExpression("attribute_not_exists(PK)"));
        try {
            db.client().putItem(b -> b.tableName(db.tableName())
                    .item(Map.of(Keys.PK, s(Keys.apiKey(key.hash())), Keys.SK, s(Keys.POINTER_SK),
                            "tenantId", s(tenantId), "keyId", s(key.id())))
                    .conditionExpression("attribute_not_exists(PK)"));
        } catch (ConditionalCheckFailedException e) {
            delete(Keys.tenant(tenantId), Keys.apiKeyItem(key.id()));
            throw new Claimed("key", key.id());
        }
    }

    /** A key item without its pointer's condition: for seeding, where the pointer is written directly. */
    static void putKeyItem(SingleTable db, String tenantId, String keyId, String label, String hash, String createdAt,
                           String createdBy) {
        db.client().putItem(b -> b.tableName(db.tableName()).item(keyItem(tenantId, keyId, label, hash, createdAt, createdBy)));
    }

    private static Map<String, AttributeValue> keyItem(String tenantId, String keyId, String label, String hash,
                                                       String createdAt, String createdBy) {
        return Map.of(Keys.PK, s(Keys.tenant(tenantId)), Keys.SK, s(Keys.apiKeyItem(keyId)),
                "keyId", s(keyId), "label", s(label), "hash", s(hash), "createdAt", s(createdAt), "createdBy", s(createdBy));
    }

    @Override
    public List<ApiKey> keys(String tenantId) {
        List<ApiKey> keys = new ArrayList<>();
        for (Map<String, AttributeValue> item : prefix(Keys.tenant(tenantId), Keys.KEY_PREFIX, true, null, 100).items()) {
            keys.add(new ApiKey(item.get("keyId").s(), item.get("label").s(), item.get("hash").s(),
                    Instant.parse(item.get("createdAt").s()), item.get("createdBy").s()));
        }
        return keys;
    }

    @Override
    public boolean revokeKey(String tenantId, String keyId) {
        Map<String, AttributeValue> item = get(Keys.tenant(tenantId), Keys.apiKeyItem(keyId));
        if (item == null) {
            return false;
        }
        // the pointer first: from this write on the key opens nothing
        release(Keys.apiKey(item.get("hash").s()), tenantId);
        delete(Keys.tenant(tenantId), Keys.apiKeyItem(keyId));
        return true;
    }

    @Override
    public void audit(String tenantId, AuditEntry entry) {
        putAudit(Keys.tenant(tenantId), Keys.audit(entry.at(), Tokens.random().substring(0, 8)), entry);
    }

    @Override
    public void auditOperator(AuditEntry entry) {
        putAudit(Keys.OPERATOR_AUDIT, Keys.audit(entry.at(), Tokens.random().substring(0, 8)), entry);
    }

    private void putAudit(String pk, String sk, AuditEntry entry) {
        db.client().putItem(b -> b.tableName(db.tableName()).item(Map.of(Keys.PK, s(pk), Keys.SK, s(sk),
                "at", s(entry.at().toString()), "principal", s(entry.principal()), "action", s(entry.action()),
                "changes", s(Json.write(FieldChange.toJson(entry.changes()))))));
    }

    @Override
    public Page<AuditEntry> audit(String tenantId, String cursor, int limit) {
        QueryResponse page = prefix(Keys.tenant(tenantId), Keys.AUDIT_PREFIX, false, Cursors.decode(cursor), limit);
        List<AuditEntry> entries = new ArrayList<>();
        for (Map<String, AttributeValue> item : page.items()) {
            List<FieldChange> changes = new ArrayList<>();
            Json.parse(item.get("changes").s()).forEach(c -> changes.add(FieldChange.fromJson(c)));
            entries.add(new AuditEntry(Instant.parse(item.get("at").s()), item.get("principal").s(),
                    item.get("action").s(), changes));
        }
        return new Page<>(entries, page.hasLastEvaluatedKey() ? Cursors.encode(page.lastEvaluatedKey()) : null);
    }

    @Override
    public Offboarding offboard(String tenantId, String slug, int budget) {
        long deadline = System.nanoTime() + OFFBOARD_NANOS;
        Map<String, AttributeValue> tenantKey = key(Keys.tenant(tenantId), Keys.TENANT_SK);
        try {
            db.client().updateItem(b -> b.tableName(db.tableName()).key(tenantKey)
                    .updateExpression("SET #state = :deleting")
                    .conditionExpression("attribute_exists(PK)")
                    .expressionAttributeNames(Map.of("#state", "state"))
                    .expressionAttributeValues(Map.of(":deleting", s(State.DELETING.wireName()))));
        } catch (ConditionalCheckFailedException e) {
            // the tenant item is already gone: only the slug pointer can be left
        }
        int deleted = 0;
        while (true) {
            // always from the start: what was read is deleted, so the next page is what is left
            QueryResponse page = db.client().query(b -> b.tableName(db.tableName()).consistentRead(true)
                    .keyConditionExpression("PK = :pk")
                    .expressionAttributeValues(Map.of(":pk", s(Keys.tenant(tenantId))))
                    .limit(PAGE));
            List<Map<String, AttributeValue>> doomed = new ArrayList<>();
            for (Map<String, AttributeValue> item : page.items()) {
                String sk = item.get(Keys.SK).s();
                if (sk.equals(Keys.TENANT_SK)) {
                    continue;
                }
                doomed.add(key(item.get(Keys.PK).s(), sk));
                if (sk.startsWith(Keys.KEY_PREFIX)) {
                    doomed.add(key(Keys.apiKey(item.get("hash").s()), Keys.POINTER_SK));
                } else if (sk.startsWith(Keys.LINK_PREFIX)) {
                    doomed.add(key(item.get("target").s(), Keys.POINTER_SK));
                } else if (sk.startsWith(Keys.STAFF_PREFIX)) {
                    doomed.add(key(Keys.staffMobile(item.get("mobile").s()), Keys.tenant(tenantId)));
                }
            }
            if (doomed.isEmpty() && !page.hasLastEvaluatedKey()) {
                break;
            }
            batchDelete(doomed);
            deleted += doomed.size();
            if (deleted >= budget || System.nanoTime() > deadline) {
                return new Offboarding(deleted, false);
            }
        }
        Map<String, AttributeValue> tenant = get(Keys.tenant(tenantId), Keys.TENANT_SK);
        if (tenant != null) {
            TenantItem item = TenantItem.SCHEMA.mapToItem(tenant);
            JsonNode config = Json.parse(item.config);
            for (JsonNode line : config.path("phoneLines")) {
                release(Keys.line(line.asText()), tenantId);
                deleted++;
            }
            String mailbox = config.path("email").path("inboundAddress").asText("");
            if (!mailbox.isBlank()) {
                release(Keys.mailbox(mailbox), tenantId);
                deleted++;
            }
            String whatsapp = config.path("whatsapp").path("phoneNumberId").asText("");
            if (!whatsapp.isBlank()) {
                release(Keys.whatsappNumber(whatsapp), tenantId);
                deleted++;
            }
            delete(Keys.tenant(tenantId), Keys.TENANT_SK);
            deleted++;
        }
        // the slug pointer last of all: until it is gone a repeated call finds the tenant again
        release(Keys.slug(slug), tenantId);
        return new Offboarding(deleted + 1, true);
    }

    private void batchDelete(List<Map<String, AttributeValue>> keys) {
        for (int from = 0; from < keys.size(); from += BATCH) {
            List<WriteRequest> batch = new ArrayList<>();
            for (Map<String, AttributeValue> k : keys.subList(from, Math.min(keys.size(), from + BATCH))) {
                batch.add(WriteRequest.builder().deleteRequest(DeleteRequest.builder().key(k).build()).build());
            }
            Map<String, List<WriteRequest>> pending = Map.of(db.tableName(), batch);
            for (int attempt = 0; !pending.isEmpty(); attempt++) {
                if (attempt == 8) {
                    throw new IllegalStateException("the table kept refusing a delete batch; call again to resume");
                }
                if (attempt > 0) {
                    sleep(25L << attempt);
                }
                Map<String, List<WriteRequest>> request = pending;
                pending = db.client().batchWriteItem(b -> b.requestItems(request)).unprocessedItems();
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the table throttled", e);
        }
    }

    /** Points {@code pk} at the tenant unless another tenant holds it. */
    /**
     * The pointers outside its partition a tenant owns besides its slug, pointer key → what it is:
     * its phone lines, its configured inbound e-mail address and its WhatsApp number id.
     */
    private static Map<String, String> ownedPointers(Tenant tenant) {
        Map<String, String> pointers = new java.util.LinkedHashMap<>();
        tenant.config().phoneLines().forEach(line -> pointers.put(Keys.line(line), "line"));
        String mailbox = tenant.config().document().path("email").path("inboundAddress").asText("");
        if (!mailbox.isBlank()) {
            pointers.put(Keys.mailbox(mailbox), "mailbox");
        }
        String whatsapp = tenant.config().document().path("whatsapp").path("phoneNumberId").asText("");
        if (!whatsapp.isBlank()) {
            pointers.put(Keys.whatsappNumber(whatsapp), "whatsapp_number");
        }
        return pointers;
    }

    private boolean claim(String pk, String tenantId) {
        try {
            db.client().putItem(b -> b.tableName(db.tableName())
                    .item(Map.of(Keys.PK, s(pk), Keys.SK, s(Keys.POINTER_SK), "tenantId", s(tenantId)))
                    .conditionExpression("attribute_not_exists(PK) OR tenantId = :self")
                    .expressionAttributeValues(Map.of(":self", s(tenantId))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** Removes a pointer only while it still points at this tenant. */
    private void release(String pk, String tenantId) {
        try {
            db.client().deleteItem(b -> b.tableName(db.tableName()).key(key(pk, Keys.POINTER_SK))
                    .conditionExpression("tenantId = :self")
                    .expressionAttributeValues(Map.of(":self", s(tenantId))));
        } catch (ConditionalCheckFailedException e) {
            // another tenant holds it now, or it is already gone: either way not ours to remove
        }
    }

    private void delete(String pk, String sk) {
        db.client().deleteItem(b -> b.tableName(db.tableName()).key(key(pk, sk)));
    }

    private Map<String, AttributeValue> get(String pk, String sk) {
        GetItemResponse response = db.client().getItem(b -> b.tableName(db.tableName()).key(key(pk, sk)).consistentRead(true));
        return response.hasItem() ? response.item() : null;
    }

    private QueryResponse prefix(String pk, String skPrefix, boolean forward, Map<String, AttributeValue> start, int limit) {
        return db.client().query(b -> b.tableName(db.tableName()).consistentRead(true)
                .keyConditionExpression("PK = :pk AND begins_with(SK, :prefix)")
                .expressionAttributeValues(Map.of(":pk", s(pk), ":prefix", s(skPrefix)))
                .scanIndexForward(forward)
                .limit(limit)
                .exclusiveStartKey(start));
    }

    private static Registered registered(Map<String, AttributeValue> attributes) {
        TenantItem item = TenantItem.SCHEMA.mapToItem(attributes);
        State state = item.state == null ? State.ACTIVE : State.valueOf(item.state.toUpperCase(java.util.Locale.ROOT));
        return new Registered(item.toTenant(), item.version == null ? 1 : item.version, state,
                item.createdAt == null ? null : Instant.parse(item.createdAt),
                item.updatedAt == null ? null : Instant.parse(item.updatedAt));
    }

    private static Map<String, AttributeValue> key(String pk, String sk) {
        Map<String, AttributeValue> key = new HashMap<>();
        key.put(Keys.PK, s(pk));
        key.put(Keys.SK, s(sk));
        return key;
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
