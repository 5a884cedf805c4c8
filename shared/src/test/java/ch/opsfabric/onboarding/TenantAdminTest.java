package ch.opsfabric.onboarding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.opsfabric.crypto.Hashes;
import ch.opsfabric.json.Json;
import ch.opsfabric.tenant.Module;
import ch.opsfabric.testing.MutableClock;
import ch.opsfabric.testing.fakes.InMemoryTenantRegistry;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The operator's use cases on the in-memory registry: validation, audit, versions, keys, the site cache. */
class TenantAdminTest {

    static final String OPERATOR = "arn:aws:iam::123456789012:user/agentur";

    final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T09:00:00Z"));
    final InMemoryTenantRegistry registry = new InMemoryTenantRegistry();
    final List<String> invalidated = new ArrayList<>();
    final TenantAdmin admin = new TenantAdmin(clock, registry, invalidated::add, slug -> "t-" + slug,
            new ch.opsfabric.testing.fakes.InMemoryStaff.Directory());

    static JsonNode body(String json) {
        return Json.parse(json);
    }

    static final String MALER = """
            {"slug":"maler-huber","name":"Malerei Huber GmbH","branch":"handwerk","lines":["+41445550404"],
             "ownerMobile":"+41795550404","config":{"sms":{"provider":"ecall","sender":"Huber"},"heroText":"Farbe."}}""";

    @Test
    void aNewTenantGetsItsBranchProfileAndAnAuditEntry() {
        TenantAdmin.Result created = admin.create(body(MALER), OPERATOR);
        assertEquals(1, created.tenant().version());
        assertTrue(created.tenant().tenant().has(Module.MISSED_CALL));
        assertFalse(created.tenant().tenant().has(Module.WHATSAPP), "handwerk: WhatsApp off by default");
        assertEquals(List.of("notfall", "standard", "offerte"), created.tenant().tenant().flows().stream().map(f -> f.id()).toList());
        var entry = registry.audit("t-maler-huber", null, 10).items().get(0);
        assertEquals(OPERATOR, entry.principal());
        assertEquals("tenant.create", entry.action());
        assertTrue(entry.changes().stream().anyMatch(c -> c.path().equals("lines") && c.after().get(0).asText().equals("+41445550404")));
        assertEquals(List.of("maler-huber"), invalidated);
    }

    @Test
    void everyProblemIsNamedByItsField() {
        AdminRefusal refusal = assertThrows(AdminRefusal.class, () -> admin.create(body("""
                {"slug":"API","name":"X","branch":"bäckerei","lines":["044 555 04 04"],"ownerMobile":"+4179",
                 "modules":{"fax":true,"tickets":false},"config":{"colour":"red","slaResponseMinutes":"90",
                 "sms":{"provider":"pigeon"}},"extra":1}"""), OPERATOR));
        assertEquals(AdminRefusal.Kind.INVALID, refusal.kind());
        for (String field : List.of("slug", "name", "branch", "lines[0]", "ownerMobile", "modules.fax", "modules.tickets",
                "extra")) {
            assertTrue(refusal.fieldErrors().containsKey(field), field + " in " + refusal.fieldErrors());
        }
        assertTrue(registry.list(null, 10).items().isEmpty(), "nothing stored");
    }

    @Test
    void configFieldsAreCheckedAgainstWhatTheProductReads() {
        AdminRefusal refusal = assertThrows(AdminRefusal.class, () -> admin.create(body("""
                {"slug":"maler-huber","name":"Malerei Huber","branch":"handwerk","lines":["+41445550404"],
                 "ownerMobile":"+41795550404","config":{"colour":"red","slaResponseMinutes":"90","sms":{"provider":"pigeon"},
                 "theme":{"primary":"blue"},"wizardFlows":["reservierung"],"googleReviewLink":"http://g.page/x"}}"""), OPERATOR));
        for (String field : List.of("config.colour", "config.slaResponseMinutes", "config.sms.provider", "config.theme.primary",
                "config.wizardFlows", "config.googleReviewLink")) {
            assertTrue(refusal.fieldErrors().containsKey(field), field + " in " + refusal.fieldErrors());
        }
    }

    @Test
    void reservedSlugsAndMalformedOnesAreRefused() {
        for (String slug : List.of("api", "app", "r", "ab", "-maler", "maler--huber", "Maler", "maler_huber", "a".repeat(41))) {
            AdminRefusal refusal = assertThrows(AdminRefusal.class,
                    () -> admin.create(body(MALER.replace("maler-huber", slug)), OPERATOR), slug);
            assertTrue(refusal.fieldErrors().containsKey("slug"), slug);
        }
    }

    @Test
    void aTakenSlugOrLineIsAConflict() {
        admin.create(body(MALER), OPERATOR);
        assertEquals("slug_taken", assertThrows(AdminRefusal.class, () -> admin.create(body(MALER), OPERATOR)).code());
        assertEquals("line_taken", assertThrows(AdminRefusal.class,
                () -> admin.create(body(MALER.replace("maler-huber", "maler-meier")), OPERATOR)).code());
    }

    @Test
    void aPatchNeedsTheCurrentVersionAndChangesOnlyWhatItNames() {
        admin.create(body(MALER), OPERATOR);
        clock.advance(java.time.Duration.ofMinutes(1));
        TenantAdmin.Result updated = admin.update("maler-huber", body("""
                {"version":1,"modules":{"whatsapp":true},"config":{"slaResponseMinutes":90,"heroText":null},
                 "lines":{"add":["+41445550405"]}}"""), OPERATOR);
        assertEquals(2, updated.tenant().version());
        assertTrue(updated.tenant().tenant().has(Module.WHATSAPP));
        assertEquals(90, updated.tenant().tenant().config().slaResponse().toMinutes());
        assertTrue(updated.tenant().tenant().config().document().path("heroText").isMissingNode(), "null removes");
        assertEquals(List.of("+41445550404", "+41445550405"), updated.tenant().tenant().config().phoneLines());
        assertEquals("Huber", updated.tenant().tenant().config().smsSender(), "untouched fields stay");
        assertEquals(List.of("modules.whatsapp", "lines", "config.heroText", "config.slaResponseMinutes").stream().sorted().toList(),
                updated.changes().stream().map(FieldChange::path).sorted().toList());

        AdminRefusal stale = assertThrows(AdminRefusal.class,
                () -> admin.update("maler-huber", body("{\"version\":1,\"name\":\"Zu spät\"}"), OPERATOR));
        assertEquals("stale_version", stale.code());
        assertEquals("Malerei Huber GmbH", admin.get("maler-huber").tenant().name());
        assertEquals(AdminRefusal.Kind.INVALID, assertThrows(AdminRefusal.class,
                () -> admin.update("maler-huber", body("{\"name\":\"Ohne Version\"}"), OPERATOR)).kind());
    }

    @Test
    void onlyChangesTheWebsiteShowsEmptyItsCache() {
        admin.create(body(MALER), OPERATOR);
        invalidated.clear();
        admin.update("maler-huber", body("{\"version\":1,\"config\":{\"slaResponseMinutes\":60,\"quietHours\":{\"start\":\"20:00\",\"end\":\"07:00\"}}}"), OPERATOR);
        assertEquals(List.of(), invalidated, "back-office settings leave the site alone");
        admin.update("maler-huber", body("{\"version\":2,\"config\":{\"heroText\":\"Neue Farbe\"}}"), OPERATOR);
        assertEquals(List.of("maler-huber"), invalidated);
    }

    @Test
    void aPatchThatChangesNothingKeepsTheVersionAndWritesNoAudit() {
        admin.create(body(MALER), OPERATOR);
        TenantAdmin.Result same = admin.update("maler-huber", body("{\"version\":1,\"name\":\"Malerei Huber GmbH\"}"), OPERATOR);
        assertEquals(1, same.tenant().version());
        assertEquals(1, registry.audit("t-maler-huber", null, 10).items().size());
    }

    @Test
    void aSiteCacheThatFailsIsAWarningNotALostChange() {
        TenantAdmin failing = new TenantAdmin(clock, registry, slug -> {
            throw new IllegalStateException("CloudFront down");
        }, slug -> "t-" + slug, new ch.opsfabric.testing.fakes.InMemoryStaff.Directory());
        TenantAdmin.Result created = failing.create(body(MALER), OPERATOR);
        assertEquals(1, created.warnings().size());
        assertTrue(registry.bySlug("maler-huber").isPresent());
    }

    @Test
    void keysAreShownOnceStoredAsHashAndRevocable() {
        admin.create(body(MALER), OPERATOR);
        TenantAdmin.IssuedKey issued = admin.createKey("maler-huber", body("{\"label\":\"Büro\"}"), OPERATOR);
        assertTrue(issued.secret().startsWith("ofk_") && issued.secret().length() == 44, issued.secret());
        assertEquals(Hashes.sha256Hex(issued.secret()), issued.key().hash());
        assertEquals("t-maler-huber", registry.tenantOfKeyHash(issued.key().hash()).orElseThrow());
        TenantAdmin.IssuedKey second = admin.createKey("maler-huber", Json.object(), OPERATOR);
        assertEquals(2, admin.keys("maler-huber").size(), "two keys at once, for rotation");
        admin.revokeKey("maler-huber", issued.key().id(), OPERATOR);
        assertTrue(registry.tenantOfKeyHash(issued.key().hash()).isEmpty());
        assertEquals(List.of(second.key().id()), admin.keys("maler-huber").stream().map(TenantRegistry.ApiKey::id).toList());
        assertEquals(AdminRefusal.Kind.NOT_FOUND, assertThrows(AdminRefusal.class,
                () -> admin.revokeKey("maler-huber", issued.key().id(), OPERATOR)).kind());
        var actions = registry.audit("t-maler-huber", null, 10).items().stream().map(TenantRegistry.AuditEntry::action).toList();
        assertEquals(List.of("key.revoke", "key.create", "key.create", "tenant.create"), actions);
        assertFalse(registry.audit("t-maler-huber", null, 10).items().toString().contains(issued.secret()), "no secret in the audit");
    }

    @Test
    void offboardingIsRecordedForTheOperatorWithoutCustomerData() {
        admin.create(body(MALER), OPERATOR);
        assertTrue(admin.offboard("maler-huber", OPERATOR).done());
        assertTrue(registry.bySlug("maler-huber").isEmpty());
        assertEquals(1, registry.operatorAudit.size());
        assertFalse(registry.operatorAudit.get(0).changes().toString().contains("+41"), "no phone numbers kept");
        assertEquals(AdminRefusal.Kind.NOT_FOUND, assertThrows(AdminRefusal.class, () -> admin.get("maler-huber")).kind());
    }
}
