package ch.opsfabric.tenantadmin;

import ch.opsfabric.http.ApiRequest;
import ch.opsfabric.http.ApiResponses;
import ch.opsfabric.json.Json;
import ch.opsfabric.onboarding.TenantAdmin;
import ch.opsfabric.onboarding.TenantRegistry;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code GET /api/admin/tenants/{slug}/audit?limit=&cursor=}: newest change first, who, what, before and after. */
final class AuditRoute implements OperatorRoute {

    private final TenantAdmin admin;

    AuditRoute(TenantAdmin admin) {
        this.admin = admin;
    }

    @Override
    public APIGatewayV2HTTPResponse handle(ApiRequest request, String principal) {
        TenantRegistry.Page<TenantRegistry.AuditEntry> page = admin.audit(OperatorRoute.slug(request),
                request.query("cursor").orElse(null), OperatorRoute.limit(request));
        ObjectNode body = Json.object();
        ArrayNode entries = body.putArray("entries");
        page.items().forEach(e -> entries.add(AdminJson.audit(e)));
        body.put("cursor", page.cursor());
        return ApiResponses.json(200, body);
    }
}
