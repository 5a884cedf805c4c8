package ch.opsfabric.tenantadmin;

import ch.opsfabric.http.ApiRequest;
import ch.opsfabric.http.ApiResponses;
import ch.opsfabric.json.Json;
import ch.opsfabric.onboarding.TenantAdmin;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code GET /api/admin/tenants/{slug}/api-keys}: ids, labels and who made them, never a secret. */
final class ListApiKeysRoute implements OperatorRoute {

    private final TenantAdmin admin;

    ListApiKeysRoute(TenantAdmin admin) {
        this.admin = admin;
    }

    @Override
    public APIGatewayV2HTTPResponse handle(ApiRequest request, String principal) {
        ObjectNode body = Json.object();
        ArrayNode keys = body.putArray("keys");
        admin.keys(OperatorRoute.slug(request)).forEach(k -> keys.add(AdminJson.key(k)));
        return ApiResponses.json(200, body);
    }
}
