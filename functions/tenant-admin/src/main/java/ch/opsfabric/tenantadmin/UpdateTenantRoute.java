package ch.opsfabric.tenantadmin;

import ch.opsfabric.http.ApiRequest;
import ch.opsfabric.http.ApiResponses;
import ch.opsfabric.http.RequestBody;
import ch.opsfabric.onboarding.TenantAdmin;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

/**
 * {@code PATCH /api/admin/tenants/{slug}} with the version read: 200 with the tenant and what
 * changed; 409 on a stale version or a line another tenant holds; 400 naming the field.
 */
final class UpdateTenantRoute implements OperatorRoute {

    private final TenantAdmin admin;

    UpdateTenantRoute(TenantAdmin admin) {
        this.admin = admin;
    }

    @Override
    public APIGatewayV2HTTPResponse handle(ApiRequest request, String principal) {
        String slug = OperatorRoute.slug(request);
        return ApiResponses.json(200, AdminJson.result(admin.update(slug, RequestBody.jsonObject(request), principal)));
    }
}
