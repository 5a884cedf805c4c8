package ch.opsfabric.tenantadmin;

import ch.opsfabric.http.ApiRequest;
import ch.opsfabric.http.ApiResponses;
import ch.opsfabric.json.Json;
import ch.opsfabric.onboarding.TenantAdmin;
import ch.opsfabric.onboarding.TenantRegistry;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

/**
 * {@code DELETE /api/admin/tenants/{slug}}: offboarding, one bounded step per call. 202 while
 * items remain (call again: it resumes), 200 once the tenant, its data and its pointers are gone.
 */
final class DeleteTenantRoute implements OperatorRoute {

    private final TenantAdmin admin;

    DeleteTenantRoute(TenantAdmin admin) {
        this.admin = admin;
    }

    @Override
    public APIGatewayV2HTTPResponse handle(ApiRequest request, String principal) {
        String slug = OperatorRoute.slug(request);
        TenantRegistry.Offboarding progress = admin.offboard(slug, principal);
        return ApiResponses.json(progress.done() ? 200 : 202, Json.object()
                .put("slug", slug)
                .put("state", progress.done() ? "deleted" : "deleting")
                .put("deletedItems", progress.deletedItems())
                .put("done", progress.done()));
    }
}
