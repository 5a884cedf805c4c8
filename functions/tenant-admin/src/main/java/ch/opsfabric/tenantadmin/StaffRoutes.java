package ch.opsfabric.tenantadmin;

import ch.opsfabric.http.ApiRequest;
import ch.opsfabric.http.ApiResponses;
import ch.opsfabric.http.RequestBody;
import ch.opsfabric.json.Json;
import ch.opsfabric.onboarding.TenantAdmin;
import ch.opsfabric.staff.StaffMember;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * The staff app's members of a tenant, for the operator: {@code POST …/staff} adds one (201),
 * {@code GET …/staff} lists them, {@code DELETE …/staff/{id}} removes one (204): from then on
 * that number signs in there no more.
 */
final class StaffRoutes {

    private StaffRoutes() {
    }

    static ObjectNode json(StaffMember m) {
        ObjectNode node = Json.object().put("id", m.id()).put("name", m.name()).put("mobile", m.mobile())
                .put("role", m.role().wireName());
        ArrayNode notices = node.putArray("notices");
        m.notices().forEach(n -> notices.add(n.wireName()));
        return node;
    }

    static OperatorRoute add(TenantAdmin admin) {
        return (request, principal) -> {
            StaffMember member = admin.addStaff(OperatorRoute.slug(request), RequestBody.jsonObject(request), principal);
            return ApiResponses.json(201, json(member));
        };
    }

    static OperatorRoute list(TenantAdmin admin) {
        return (request, principal) -> {
            ObjectNode body = Json.object();
            ArrayNode staff = body.putArray("staff");
            admin.staff(OperatorRoute.slug(request)).forEach(m -> staff.add(json(m)));
            return ApiResponses.json(200, body);
        };
    }

    static OperatorRoute remove(TenantAdmin admin) {
        return (ApiRequest request, String principal) -> {
            admin.removeStaff(OperatorRoute.slug(request), request.pathParameter("id").orElse(""), principal);
            return APIGatewayV2HTTPResponse.builder().withStatusCode(204)
                    .withHeaders(Map.of("cache-control", "no-store")).build();
        };
    }
}
