package ch.opsfabric.tenantadmin;

import ch.opsfabric.http.ApiRequest;
import ch.opsfabric.onboarding.TenantAdmin;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Map;

/** {@code DELETE /api/admin/tenants/{slug}/api-keys/{id}}: 204; the key opens nothing from then on. */
final class RevokeApiKeyRoute implements OperatorRoute {

    private final TenantAdmin admin;

    RevokeApiKeyRoute(TenantAdmin admin) {
        this.admin = admin;
    }

    @Override
    public APIGatewayV2HTTPResponse handle(ApiRequest request, String principal) {
        admin.revokeKey(OperatorRoute.slug(request), request.pathParameter("id").orElse(""), principal);
        return APIGatewayV2HTTPResponse.builder().withStatusCode(204)
                .withHeaders(Map.of("cache-control", "no-store")).build();
    }
}
