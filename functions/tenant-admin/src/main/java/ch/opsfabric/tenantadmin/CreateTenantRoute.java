package ch.opsfabric.tenantadmin;

import ch.opsfabric.http.ApiRequest;
import ch.opsfabric.http.ApiResponses;
import ch.opsfabric.http.RequestBody;
import ch.opsfabric.onboarding.TenantAdmin;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Map;

/** {@code POST /api/admin/tenants}: 201 with the tenant and its version; 409 when the slug or a line is taken. */
final class CreateTenantRoute implements OperatorRoute {

    private final TenantAdmin admin;

    CreateTenantRoute(TenantAdmin admin) {
        this.admin = admin;
    }

    @Override
    public APIGatewayV2HTTPResponse handle(ApiRequest request, String principal) {
        TenantAdmin.Result result = admin.create(RequestBody.jsonObject(request), principal);
        return ApiResponses.json(201, AdminJson.result(result),
                Map.of("location", "/api/admin/tenants/" + result.tenant().tenant().slug()));
    }
}
