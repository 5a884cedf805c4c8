package ch.opsfabric.tenantadmin;

import ch.opsfabric.http.ApiRequest;
import ch.opsfabric.http.ApiResponses;
import ch.opsfabric.json.Json;
import ch.opsfabric.onboarding.TenantAdmin;
import ch.opsfabric.onboarding.TenantRegistry;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code GET /api/admin/tenants?limit=&cursor=}: tenants by slug, one page at a time. */
final class ListTenantsRoute implements OperatorRoute {

    private final TenantAdmin admin;

    ListTenantsRoute(TenantAdmin admin) {
        this.admin = admin;
    }

    @Override
    public APIGatewayV2HTTPResponse handle(ApiRequest request, String principal) {
        TenantRegistry.Page<TenantRegistry.Registered> page = admin.list(request.query("cursor").orElse(null),
                OperatorRoute.limit(request));
        ObjectNode body = Json.object();
        ArrayNode tenants = body.putArray("tenants");
        page.items().forEach(t -> tenants.add(AdminJson.tenant(t)));
        body.put("cursor", page.cursor());
        return ApiResponses.json(200, body);
    }
}
