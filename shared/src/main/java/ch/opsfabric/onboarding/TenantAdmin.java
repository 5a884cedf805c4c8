package ch.opsfabric.onboarding;

import ch.opsfabric.crypto.Hashes;
import ch.opsfabric.json.Json;
import ch.opsfabric.log.Log;
import ch.opsfabric.onboarding.TenantRegistry.ApiKey;
import ch.opsfabric.onboarding.TenantRegistry.AuditEntry;
import ch.opsfabric.onboarding.TenantRegistry.Offboarding;
import ch.opsfabric.onboarding.TenantRegistry.Page;
import ch.opsfabric.onboarding.TenantRegistry.Registered;
import com.fasterxml.jackson.databind.JsonNode;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * The operator's use cases: onboard a business, change it, issue and revoke its staff API keys,
 * read its audit trail, offboard it. Every change is audited with the caller's principal and
 * what changed, before and after; a change to what the website shows empties its edge cache.
 */
public final class TenantAdmin {

    /** Imported keys (a key the business already uses elsewhere) must be at least this long. */
    static final int MIN_IMPORTED_KEY = 16;
    static final Pattern KEY_SHAPE = Pattern.compile("[\\x21-\\x7e]{" + MIN_IMPORTED_KEY + ",200}");
    static final Pattern KEY_ID = Pattern.compile("[a-z2-7]{10}");
    /** Keys live at once per tenant: enough to rotate without a gap, few enough to review. */
    static final int MAX_KEYS = 10;
    /** Items removed per offboarding call: well inside the function's timeout. */
    static final int OFFBOARD_BUDGET = 1_000;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    private static final char[] KEY_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789".toCharArray();

    /** Tenant results with what the operator should know about them (e.g. a cache that could not be emptied). */
    public record Result(Registered tenant, List<FieldChange> changes, List<String> warnings) {
    }

    /** A new staff key: its secret is in this answer and nowhere else. */
    public record IssuedKey(ApiKey key, String secret) {
    }

    private final Clock clock;
    private final TenantRegistry registry;
    private final SiteCache siteCache;
    private final UnaryOperator<String> tenantIdForSlug;
    private final ch.opsfabric.staff.StaffDirectory staff;

    /**
     * @param tenantIdForSlug the id a new tenant gets; in a deployment {@link #randomTenantId}
     * @param staff           the staff-app members an operator may add and remove
     */
    public TenantAdmin(Clock clock, TenantRegistry registry, SiteCache siteCache, UnaryOperator<String> tenantIdForSlug,
                       ch.opsfabric.staff.StaffDirectory staff) {
        this.staff = staff;
        this.clock = clock;
        this.registry = registry;
        this.siteCache = siteCache;
        this.tenantIdForSlug = tenantIdForSlug;
    }

    /** {@code t-} and 12 random base32 characters: ids never say whose they are, and a reused slug gets a new one. */
    public static String randomTenantId(String slug) {
        return "t-" + random(BASE32, 12);
    }

    public Result create(JsonNode body, String principal) {
        TenantDraft draft = TenantDraft.forCreate(body);
        Instant now = clock.instant();
        Registered created;
        try {
            created = registry.create(draft.toTenant(tenantIdForSlug.apply(draft.slug())), now);
        } catch (TenantRegistry.Claimed claimed) {
            throw claimedConflict(claimed, draft.slug());
        }
        List<FieldChange> changes = FieldChange.between(null, draft);
        registry.audit(created.tenant().id(), new AuditEntry(now, principal, "tenant.create", changes));
        Log.info("tenant.created", Map.of("tenant", created.tenant().id(), "slug", draft.slug(), "by", principal));
        return new Result(created, changes, invalidate(draft.slug()));
    }

    public Registered get(String slug) {
        return registry.bySlug(slug).orElseThrow(() -> AdminRefusal.notFound("There is no tenant with the slug '" + slug + "'."));
    }

    public Page<Registered> list(String cursor, int limit) {
        try {
            return registry.list(cursor, limit);
        } catch (IllegalArgumentException e) {
            throw AdminRefusal.invalid("cursor", "is not a cursor of this list; start without one");
        }
    }

    public Result update(String slug, JsonNode body, String principal) {
        TenantPatch patch = TenantPatch.parse(body);
        Registered current = active(slug);
        if (current.version() != patch.expectedVersion()) {
            throw stale(current);
        }
        TenantDraft before = TenantDraft.of(current.tenant());
        TenantDraft after = patch.applyTo(before);
        List<FieldChange> changes = FieldChange.between(before, after);
        if (changes.isEmpty()) {
            return new Result(current, changes, List.of());
        }
        Instant now = clock.instant();
        Registered updated;
        try {
            updated = registry.update(current, after.toTenant(current.tenant().id()), now);
        } catch (TenantRegistry.Claimed claimed) {
            throw claimedConflict(claimed, slug);
        } catch (TenantRegistry.StaleVersion e) {
            throw stale(registry.bySlug(slug).orElse(current));
        }
        registry.audit(current.tenant().id(), new AuditEntry(now, principal, "tenant.update", changes));
        Log.info("tenant.updated", Map.of("tenant", current.tenant().id(), "version", updated.version(),
                "fields", changes.stream().map(FieldChange::path).toList(), "by", principal));
        boolean site = changes.stream().anyMatch(FieldChange::showsOnSite);
        return new Result(updated, changes, site ? invalidate(slug) : List.of());
    }

    /** {@code {"label": "...", "key": "<optional: an existing key to import>"}} */
    public IssuedKey createKey(String slug, JsonNode body, String principal) {
        Map<String, String> errors = new java.util.LinkedHashMap<>();
        TenantDraft.unknownFields(body, java.util.Set.of("label", "key"), errors);
        String label = body.path("label").asText("API key").strip();
        if (label.isEmpty() || label.length() > 60) {
            errors.put("label", "must be 1 to 60 characters, e.g. 'Büro-PC' or 'Zapier'");
        }
        String secret = body.hasNonNull("key") ? body.get("key").asText() : "ofk_" + random(KEY_ALPHABET, 40);
        if (!KEY_SHAPE.matcher(secret).matches()) {
            errors.put("key", "an imported key must be " + MIN_IMPORTED_KEY + " to 200 printable characters without spaces");
        }
        if (!errors.isEmpty()) {
            throw AdminRefusal.invalid(errors);
        }
        Registered tenant = active(slug);
        if (registry.keys(tenant.tenant().id()).size() >= MAX_KEYS) {
            throw AdminRefusal.conflict("too_many_keys", "A tenant has at most " + MAX_KEYS
                    + " keys at once; revoke one that is no longer used first.");
        }
        Instant now = clock.instant();
        ApiKey key = new ApiKey(random(BASE32, 10), label, Hashes.sha256Hex(secret), now, principal);
        try {
            registry.addKey(tenant.tenant().id(), key);
        } catch (TenantRegistry.Claimed claimed) {
            throw AdminRefusal.conflict("key_taken", "That key is already in use; import a different one or let us generate one.");
        }
        registry.audit(tenant.tenant().id(), new AuditEntry(now, principal, "key.create",
                List.of(new FieldChange("keys." + key.id(), null, Json.object().put("label", label)))));
        return new IssuedKey(key, secret);
    }

    public List<ApiKey> keys(String slug) {
        return registry.keys(get(slug).tenant().id());
    }

    public void revokeKey(String slug, String keyId, String principal) {
        Registered tenant = get(slug);
        List<ApiKey> keys = KEY_ID.matcher(keyId).matches() ? registry.keys(tenant.tenant().id()) : List.of();
        ApiKey key = keys.stream().filter(k -> k.id().equals(keyId)).findFirst()
                .orElseThrow(() -> AdminRefusal.notFound("Tenant '" + slug + "' has no key with the id '" + keyId + "'."));
        if (!registry.revokeKey(tenant.tenant().id(), keyId)) {
            throw AdminRefusal.notFound("Tenant '" + slug + "' has no key with the id '" + keyId + "'.");
        }
        registry.audit(tenant.tenant().id(), new AuditEntry(clock.instant(), principal, "key.revoke",
                List.of(new FieldChange("keys." + keyId, Json.object().put("label", key.label()), null))));
    }

    /** {@code {"name", "mobile", "role": "owner"|"staff"}}: a member of the staff app (the owner adds the others there). */
    public ch.opsfabric.staff.StaffMember addStaff(String slug, JsonNode body, String principal) {
        Map<String, String> errors = new java.util.LinkedHashMap<>();
        TenantDraft.unknownFields(body, java.util.Set.of("name", "mobile", "role"), errors);
        String name = body.path("name").asText("").strip();
        if (name.length() < 2 || name.length() > 80) {
            errors.put("name", "must be the person's name, 2 to 80 characters");
        }
        String mobile = body.path("mobile").asText("");
        if (!ch.opsfabric.tenant.ConfigRules.isE164(mobile) || !ch.opsfabric.phone.PhoneNumbers.isMobile(mobile)) {
            errors.put("mobile", "must be a mobile number in E.164, e.g. +41795550101 (the sign-in code goes there)");
        }
        var role = ch.opsfabric.staff.StaffMember.Role.fromWire(body.path("role").asText("staff"));
        if (role.isEmpty()) {
            errors.put("role", "must be owner or staff");
        }
        if (!errors.isEmpty()) {
            throw AdminRefusal.invalid(errors);
        }
        Registered tenant = active(slug);
        if (staff.list(tenant.tenant().id()).stream().anyMatch(s -> s.mobile().equals(mobile))) {
            throw AdminRefusal.conflict("staff_exists", "That mobile is already a member of '" + slug + "'.");
        }
        var member = new ch.opsfabric.staff.StaffMember(tenant.tenant().id(), ch.opsfabric.staff.StaffMember.newId(), name,
                mobile, role.get());
        staff.put(member);
        registry.audit(tenant.tenant().id(), new AuditEntry(clock.instant(), principal, "staff.add",
                List.of(new FieldChange("staff." + member.id(), null, Json.object().put("name", name).put("role", role.get().wireName())))));
        return member;
    }

    public List<ch.opsfabric.staff.StaffMember> staff(String slug) {
        return staff.list(get(slug).tenant().id());
    }

    public void removeStaff(String slug, String memberId, String principal) {
        Registered tenant = get(slug);
        var member = staff.find(tenant.tenant().id(), memberId)
                .orElseThrow(() -> AdminRefusal.notFound("Tenant '" + slug + "' has no staff member '" + memberId + "'."));
        staff.remove(tenant.tenant().id(), memberId);
        registry.audit(tenant.tenant().id(), new AuditEntry(clock.instant(), principal, "staff.remove",
                List.of(new FieldChange("staff." + memberId, Json.object().put("name", member.name()), null))));
    }

    /** One bounded step of removing a tenant and everything it holds; call again until {@code done}. */
    public Offboarding offboard(String slug, String principal) {
        Registered tenant = get(slug);
        Offboarding progress = registry.offboard(tenant.tenant().id(), slug, OFFBOARD_BUDGET);
        Log.info("tenant.offboarding", Map.of("tenant", tenant.tenant().id(), "slug", slug, "by", principal,
                "deletedItems", progress.deletedItems(), "done", progress.done()));
        if (progress.done()) {
            // the tenant's own audit went with it; the operator's record says who removed whom, nothing more
            registry.auditOperator(new AuditEntry(clock.instant(), principal, "tenant.delete", List.of(new FieldChange(
                    "tenant", Json.object().put("slug", slug).put("id", tenant.tenant().id()), null))));
            invalidate(slug);
        }
        return progress;
    }

    public Page<AuditEntry> audit(String slug, String cursor, int limit) {
        Registered tenant = get(slug);
        try {
            return registry.audit(tenant.tenant().id(), cursor, limit);
        } catch (IllegalArgumentException e) {
            throw AdminRefusal.invalid("cursor", "is not a cursor of this audit; start without one");
        }
    }

    private Registered active(String slug) {
        Registered tenant = get(slug);
        if (tenant.state() != TenantRegistry.State.ACTIVE) {
            throw AdminRefusal.conflict("not_active", "Tenant '" + slug + "' is " + tenant.state().wireName()
                    + "; only an active tenant can be changed. Delete it to finish.");
        }
        return tenant;
    }

    private static AdminRefusal stale(Registered current) {
        return AdminRefusal.conflict("stale_version", "The tenant was changed meanwhile (now version "
                + current.version() + "); read it again and repeat your change.");
    }

    private AdminRefusal claimedConflict(TenantRegistry.Claimed claimed, String slug) {
        if (claimed.what().equals("slug")) {
            String state = registry.bySlug(slug).map(r -> r.state() == TenantRegistry.State.ACTIVE ? ""
                    : " (its tenant is " + r.state().wireName() + ": delete it to free the slug)").orElse("");
            return AdminRefusal.conflict("slug_taken", "The slug '" + slug + "' is taken" + state + ".");
        }
        String code = switch (claimed.what()) {
            case "mailbox" -> "mailbox_taken";
            case "whatsapp_number" -> "whatsapp_number_taken";
            default -> "line_taken";
        };
        return AdminRefusal.conflict(code, claimed.getMessage() + ".");
    }

    private List<String> invalidate(String slug) {
        try {
            siteCache.invalidate(slug);
            return List.of();
        } catch (RuntimeException e) {
            Log.error("site.invalidation_failed", Map.of("slug", slug), e);
            List<String> warnings = new ArrayList<>();
            warnings.add("The website cache could not be emptied; pages of /" + slug
                    + " may show the old content until they expire (at most a day).");
            return warnings;
        }
    }

    private static String random(char[] alphabet, int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = alphabet[RANDOM.nextInt(alphabet.length)];
        }
        return new String(out);
    }
}
