package ch.opsfabric.tenantadmin;

import ch.opsfabric.http.ApiRequest;
import ch.opsfabric.http.ApiResponses;
import ch.opsfabric.http.RequestBody;
import ch.opsfabric.json.Json;
import ch.opsfabric.onboarding.TenantAdmin;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code POST /api/admin/tenants/{slug}/api-keys {"label": "..."}}: a new staff key. Its secret
 * is in this answer only; the table keeps its SHA-256.
 */
final class CreateApiKeyRoute implements OperatorRoute {

    private final TenantAdmin admin;

    CreateApiKeyRoute(TenantAdmin admin) {
        this.admin = admin;
    }

    @Override
    public APIGatewayV2HTTPResponse handle(ApiRequest request, String principal) {
        String slug = OperatorRoute.slug(request);
        // an empty body is fine: the key gets the default label
        var body = request.bodyBytes().length == 0 ? Json.object() : RequestBody.jsonObject(request);
        TenantAdmin.IssuedKey issued = admin.createKey(slug, body, principal);
        ObjectNode answer = AdminJson.key(issued.key());
        answer.put("key", issued.secret());
        answer.put("note", "Store this key now: it is shown only once.");
        return ApiResponses.json(201, answer);
    }
}
