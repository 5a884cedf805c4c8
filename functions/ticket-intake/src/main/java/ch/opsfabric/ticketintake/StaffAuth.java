package ch.opsfabric.ticketintake;

import ch.opsfabric.http.ApiException;
import ch.opsfabric.http.ApiRequest;
import ch.opsfabric.tenant.Tenant;
import ch.opsfabric.tenant.TenantDirectory;

/** {@code Authorization: Bearer <tenant API key>}: a key only ever opens its own tenant. */
final class StaffAuth {

    private final TenantDirectory tenants;

    StaffAuth(TenantDirectory tenants) {
        this.tenants = tenants;
    }

    Tenant tenantOf(ApiRequest request) {
        String header = request.header("authorization").orElse("");
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() > 7 + 200) {
            throw new ApiException(401, "unauthorized", "Bitte melden Sie sich mit Ihrem API-Schlüssel an.");
        }
        return tenants.byApiKey(header.substring(7).strip())
                .orElseThrow(() -> new ApiException(401, "unauthorized", "Dieser API-Schlüssel ist nicht gültig."));
    }
}
