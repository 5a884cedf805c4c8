package ch.opsfabric.testing.fakes;

import ch.opsfabric.json.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ch.opsfabric.tenant.Tenant;
import ch.opsfabric.tenant.TenantDirectory;
import ch.opsfabric.tenant.TenantJson;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Tenants in a map, found by id, slug, line and API key like the DynamoDB directory finds them. */
public final class InMemoryTenants implements TenantDirectory {

    private final Map<String, Tenant> byId = new ConcurrentHashMap<>();
    private final Map<String, String> pointers = new ConcurrentHashMap<>();

    /** A handwerk tenant with one line, an owner mobile and the console provider; {@code configJson} is merged in. */
    public static Tenant handwerk(String id, String line, String modulesJson, String configJson) {
        ObjectNode tenant = (ObjectNode) Json.parse("""
                {"id":"%s","slug":"%s","name":"Sanitär %s","branch":"handwerk" %s,
                 "config":{"phoneLines":["%s"],"ownerMobile":"+41795550101",
                           "googleReviewLink":"https://g.page/r/test/review",
                           "sms":{"provider":"console","sender":"Sanitaer"}}}"""
                .formatted(id, id, id, modulesJson.isBlank() ? "" : ",\"modules\":" + modulesJson, line));
        if (!configJson.isBlank()) {
            // Top-level config fields given by the test replace the defaults (e.g. its own "sms").
            ((ObjectNode) tenant.get("config"))
                    .setAll((ObjectNode) Json.parse("{" + configJson + "}"));
        }
        return TenantJson.read(tenant);
    }

    public InMemoryTenants add(Tenant tenant, String... apiKeys) {
        byId.put(tenant.id(), tenant);
        pointers.put("slug:" + tenant.slug(), tenant.id());
        tenant.config().phoneLines().forEach(line -> pointers.put("line:" + line, tenant.id()));
        String whatsapp = tenant.config().document().path("whatsapp").path("phoneNumberId").asText("");
        if (!whatsapp.isBlank()) {
            pointers.put("whatsapp:" + whatsapp, tenant.id());
        }
        String mailbox = tenant.config().document().path("email").path("inboundAddress").asText("");
        if (!mailbox.isBlank()) {
            pointers.put("mailbox:" + mailbox.toLowerCase(java.util.Locale.ROOT), tenant.id());
        }
        for (String key : apiKeys) {
            pointers.put("key:" + key, tenant.id());
        }
        return this;
    }

    @Override
    public Optional<Tenant> byId(String tenantId) {
        return Optional.ofNullable(byId.get(tenantId));
    }

    @Override
    public Optional<Tenant> bySlug(String slug) {
        return via("slug:" + slug);
    }

    @Override
    public Optional<Tenant> byPhoneLine(String e164) {
        return via("line:" + e164);
    }

    @Override
    public Optional<Tenant> byApiKey(String apiKey) {
        return via("key:" + apiKey);
    }

    @Override
    public Optional<Tenant> byWhatsAppNumber(String phoneNumberId) {
        return via("whatsapp:" + phoneNumberId);
    }

    @Override
    public Optional<Tenant> byInboundAddress(String address) {
        return via("mailbox:" + address.toLowerCase(java.util.Locale.ROOT));
    }

    private Optional<Tenant> via(String pointer) {
        return Optional.ofNullable(pointers.get(pointer)).flatMap(this::byId);
    }
}
