package ch.opsfabric.tenantadmin;

import ch.opsfabric.http.ApiRequest;
import ch.opsfabric.http.ApiResponses;
import ch.opsfabric.onboarding.TenantAdmin;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

/** {@code GET /api/admin/tenants/{slug}}: the tenant with its version, whatever its state. */
final class GetTenantRoute implements OperatorRoute {

    private final TenantAdmin admin;

    GetTenantRoute(TenantAdmin admin) {
        this.admin = admin;
    }

    @Override
    public APIGatewayV2HTTPResponse handle(ApiRequest request, String principal) {
        return ApiResponses.json(200, AdminJson.tenant(admin.get(OperatorRoute.slug(request))));
    }
}
