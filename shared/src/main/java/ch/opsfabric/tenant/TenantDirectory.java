package ch.opsfabric.tenant;

import java.util.Optional;

/** Finds the tenant a request belongs to: by slug (pages, intake), business line (webhooks), API key (staff). */
public interface TenantDirectory {

    Optional<Tenant> byId(String tenantId);

    Optional<Tenant> bySlug(String slug);

    Optional<Tenant> byPhoneLine(String e164);

    Optional<Tenant> byApiKey(String apiKey);
}
