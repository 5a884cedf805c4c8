package ch.opsfabric.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.opsfabric.crypto.Hashes;
import ch.opsfabric.json.Json;
import ch.opsfabric.onboarding.TenantDraft;
import ch.opsfabric.onboarding.TenantRegistry;
import ch.opsfabric.onboarding.TenantRegistry.Registered;
import ch.opsfabric.phone.PhoneNumbers;
import ch.opsfabric.tenant.Tenant;
import ch.opsfabric.testing.TestAws;
import ch.opsfabric.ticket.NewContact;
import ch.opsfabric.ticket.TicketIntake;
import ch.opsfabric.ticket.TicketSource;
import ch.opsfabric.ticket.TicketStatus;
import ch.opsfabric.ticket.Urgency;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The registry's rules on dynalite through the real SDK: claims race to one winner, stale
 * versions lose, lines move with their pointers, and an offboarding leaves nothing behind.
 */
class DynamoTenantRegistryIT {

    static final Instant NOW = Instant.parse("2026-12-01T09:00:00Z");

    private final SingleTable table = TestAws.table();
    private final DynamoTenantRegistry registry = new DynamoTenantRegistry(table);
    private final DynamoTenantDirectory directory = new DynamoTenantDirectory(table, 0);

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /** A free business number per test, from the test's own random part. */
    private static String line(String seed) {
        return "+41445" + String.format("%06d", Math.floorMod(seed.hashCode(), 1_000_000));
    }

    private static Tenant tenant(String id, String slug, String... lines) {
        String linesJson = String.join("\",\"", lines);
        return TenantDraft.forCreate(Json.parse("""
                {"slug":"%s","name":"Maler %s","branch":"handwerk","lines":["%s"],"ownerMobile":"+41795550404",
                 "config":{"sms":{"provider":"console","sender":"Maler"}}}""".formatted(slug, slug, linesJson))).toTenant(id);
    }

    @Test
    void twentyConcurrentCreatesOfOneSlugMakeExactlyOneTenant() throws Exception {
        String slug = "race-" + unique();
        List<Callable<Boolean>> attempts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String id = "t-" + unique();
            String line = line(id);
            attempts.add(() -> create(tenant(id, slug, line)));
        }
        assertEquals(1, race(attempts));
        Registered winner = registry.bySlug(slug).orElseThrow();
        assertEquals(TenantRegistry.State.ACTIVE, winner.state());
        // the losers undid everything: no tenant item, no line pointer of theirs stays
        assertEquals(1, listedWithSlug(slug));
    }

    @Test
    void twentyConcurrentCreatesWithOneLineMakeExactlyOneTenant() throws Exception {
        String line = line(unique());
        List<Callable<Boolean>> attempts = new ArrayList<>();
        List<String> slugs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String slug = "line-" + unique();
            slugs.add(slug);
            attempts.add(() -> create(tenant("t-" + unique(), slug, line)));
        }
        assertEquals(1, race(attempts));
        String owner = pointer(Keys.line(line)).get("tenantId").s();
        long holders = slugs.stream().filter(s -> registry.bySlug(s).isPresent()).count();
        assertEquals(1, holders, "the losers released their slugs too");
        assertEquals(owner, directory.byPhoneLine(line).orElseThrow().id());
    }

    @Test
    void aStaleVersionLosesAndChangesNothing() {
        String id = "t-" + unique();
        Registered created = registry.create(tenant(id, "stale-" + unique(), line(id)), NOW);
        Tenant renamed = new Tenant(id, created.tenant().slug(), "Neuer Name", created.tenant().branch(),
                created.tenant().modules(), created.tenant().config());
        Registered v2 = registry.update(created, renamed, NOW.plusSeconds(1));
        assertEquals(2, v2.version());
        Tenant other = new Tenant(id, created.tenant().slug(), "Zu spät", created.tenant().branch(),
                created.tenant().modules(), created.tenant().config());
        assertThrows(TenantRegistry.StaleVersion.class, () -> registry.update(created, other, NOW.plusSeconds(2)));
        assertEquals("Neuer Name", registry.bySlug(created.tenant().slug()).orElseThrow().tenant().name());
        assertEquals(2, registry.bySlug(created.tenant().slug()).orElseThrow().version());
    }

    @Test
    void linesMoveWithTheirPointers() {
        String id = "t-" + unique();
        String first = line(id);
        String second = line(id + "b");
        Registered created = registry.create(tenant(id, "lines-" + unique(), first), NOW);
        Registered moved = registry.update(created, tenant(id, created.tenant().slug(), second), NOW.plusSeconds(1));
        assertEquals(List.of(second), moved.tenant().config().phoneLines());
        assertTrue(pointer(Keys.line(first)) == null, "the dropped line is free");
        assertEquals(id, pointer(Keys.line(second)).get("tenantId").s());
        assertEquals(id, directory.byPhoneLine(second).orElseThrow().id());
        assertTrue(directory.byPhoneLine(first).isEmpty());

        // a line another tenant holds is refused, and this tenant keeps what it had
        String otherId = "t-" + unique();
        registry.create(tenant(otherId, "other-" + unique(), first), NOW);
        assertThrows(TenantRegistry.Claimed.class,
                () -> registry.update(moved, tenant(id, created.tenant().slug(), second, first), NOW.plusSeconds(2)));
        assertEquals(otherId, pointer(Keys.line(first)).get("tenantId").s());
        assertEquals(2, registry.bySlug(created.tenant().slug()).orElseThrow().version());
    }

    @Test
    void offboardingLeavesNothingOfTheTenantAndFreesSlugAndLines() {
        String id = "t-" + unique();
        String slug = "gone-" + unique();
        String businessLine = line(id);
        Registered created = registry.create(tenant(id, slug, businessLine), NOW);
        Tenant tenant = created.tenant();
        // a tenant with a bit of everything, written by the stores the functions use
        DynamoTicketStore tickets = new DynamoTicketStore(table);
        TicketIntake intake = new TicketIntake(tickets);
        List<String> ticketIds = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            ticketIds.add(intake.record(tenant, new NewContact(id, PhoneNumbers.require("+4179555" + String.format("%04d", i)),
                    TicketSource.WIZARD, Urgency.MEDIUM, TicketStatus.NEW, "Kundin " + i, null, "standard", null,
                    "Bitte zurückrufen", Map.of(), NOW, null)).ticket().id());
        }
        new DynamoOptOuts(table).optOut(id, "+41795550001", NOW);
        new DynamoSmsWindows(table).tryOpen(id, "menu", "+41795550002", "call-1", NOW, Duration.ofMinutes(15));
        new DynamoCallStats(table).countWithheld(id, LocalDate.of(2026, 12, 1), "call-2");
        String formToken = new DynamoFormRefs(table).create(id, ticketIds.get(0), NOW);
        String reviewToken = new DynamoReviewQueue(table).createLink(id, ticketIds.get(1), NOW);
        String key = "ofk_" + unique() + unique();
        registry.addKey(id, new TenantRegistry.ApiKey("abcdefghij", "Büro", Hashes.sha256Hex(key), NOW, "test"));
        registry.audit(id, new TenantRegistry.AuditEntry(NOW, "test", "tenant.update", List.of()));
        assertEquals(id, directory.byApiKey(key).orElseThrow().id());
        assertTrue(count(Keys.tenant(id)) > 35);

        // a small budget: the call stops part-way, the tenant is no longer served, a second call resumes
        TenantRegistry.Offboarding first = registry.offboard(id, slug, 10);
        assertFalse(first.done());
        assertTrue(directory.bySlug(slug).isEmpty(), "a tenant being offboarded is not served");
        assertTrue(directory.byApiKey(key).isEmpty());
        TenantRegistry.Offboarding rest;
        int rounds = 0;
        do {
            rest = registry.offboard(id, slug, 10);
            rounds++;
        } while (!rest.done() && rounds < 20);
        assertTrue(rest.done());

        Map<String, Integer> left = countByPrefix(Keys.tenant(id));
        assertEquals(Map.of(), left, "items left in the tenant's partition, by sort-key prefix");
        assertTrue(pointer(Keys.slug(slug)) == null, "slug pointer");
        assertTrue(pointer(Keys.line(businessLine)) == null, "line pointer");
        assertTrue(pointer(Keys.apiKey(Hashes.sha256Hex(key))) == null, "API-key pointer");
        assertTrue(pointer(Keys.formRef(formToken)) == null, "form link");
        assertTrue(pointer(Keys.reviewToken(reviewToken)) == null, "review link");
        assertTrue(registry.bySlug(slug).isEmpty());

        // the slug and the line are free for the next business
        Registered next = registry.create(tenant("t-" + unique(), slug, businessLine), NOW);
        assertEquals(next.tenant().id(), directory.bySlug(slug).orElseThrow().id());
    }

    @Test
    void keysAreListedAndRevokedWithTheirPointer() {
        String id = "t-" + unique();
        registry.create(tenant(id, "keys-" + unique(), line(id)), NOW);
        String first = "ofk_first_" + unique();
        String second = "ofk_second_" + unique();
        registry.addKey(id, new TenantRegistry.ApiKey("aaaaaaaaaa", "eins", Hashes.sha256Hex(first), NOW, "test"));
        registry.addKey(id, new TenantRegistry.ApiKey("bbbbbbbbbb", "zwei", Hashes.sha256Hex(second), NOW, "test"));
        assertEquals(List.of("aaaaaaaaaa", "bbbbbbbbbb"), registry.keys(id).stream().map(TenantRegistry.ApiKey::id).toList());
        assertTrue(registry.revokeKey(id, "aaaaaaaaaa"));
        assertFalse(registry.revokeKey(id, "aaaaaaaaaa"));
        assertTrue(directory.byApiKey(first).isEmpty());
        assertEquals(id, directory.byApiKey(second).orElseThrow().id());
        // one key cannot open two tenants
        String otherId = "t-" + unique();
        registry.create(tenant(otherId, "keys-" + unique(), line(otherId)), NOW);
        assertThrows(TenantRegistry.Claimed.class, () -> registry.addKey(otherId,
                new TenantRegistry.ApiKey("cccccccccc", "kopie", Hashes.sha256Hex(second), NOW, "test")));
        assertEquals(List.of(), registry.keys(otherId));
    }

    private boolean create(Tenant tenant) {
        try {
            registry.create(tenant, NOW);
            return true;
        } catch (TenantRegistry.Claimed lost) {
            return false;
        }
    }

    /** Runs every attempt at once (they wait for each other at a gate); the number that won. */
    private static int race(List<Callable<Boolean>> attempts) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(attempts.size());
        CountDownLatch gate = new CountDownLatch(1);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (Callable<Boolean> attempt : attempts) {
                results.add(pool.submit(() -> {
                    gate.await();
                    return attempt.call();
                }));
            }
            gate.countDown();
            int won = 0;
            for (Future<Boolean> f : results) {
                won += f.get() ? 1 : 0;
            }
            return won;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Tenant items with this slug in the operator's list, every page. */
    private long listedWithSlug(String slug) {
        long found = 0;
        String cursor = null;
        do {
            TenantRegistry.Page<Registered> page = registry.list(cursor, 100);
            found += page.items().stream().filter(r -> r.tenant().slug().equals(slug)).count();
            cursor = page.cursor();
        } while (cursor != null);
        return found;
    }

    private Map<String, AttributeValue> pointer(String pk) {
        var response = table.client().getItem(b -> b.tableName(table.tableName()).consistentRead(true)
                .key(Map.of(Keys.PK, AttributeValue.fromS(pk), Keys.SK, AttributeValue.fromS(Keys.POINTER_SK))));
        return response.hasItem() ? response.item() : null;
    }

    private int count(String pk) {
        return countByPrefix(pk).values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Items of a partition by the first part of their sort key (TICKET, OPTOUT, WINDOW, …), by Query. */
    private Map<String, Integer> countByPrefix(String pk) {
        Map<String, Integer> counts = new TreeMap<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            var page = table.client().query(b -> b.tableName(table.tableName()).consistentRead(true)
                    .keyConditionExpression("PK = :pk").expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk)))
                    .exclusiveStartKey(from));
            page.items().forEach(i -> counts.merge(i.get(Keys.SK).s().split("#")[0], 1, Integer::sum));
            start = page.hasLastEvaluatedKey() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return counts;
    }
}
