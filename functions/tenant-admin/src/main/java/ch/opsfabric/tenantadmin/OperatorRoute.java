package ch.opsfabric.tenantadmin;

import ch.opsfabric.http.ApiException;
import ch.opsfabric.http.ApiRequest;
import ch.opsfabric.http.ApiRoute;
import ch.opsfabric.onboarding.AdminRefusal;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.regex.Pattern;

/**
 * A route of the operator API. API Gateway lets only IAM-signed requests through; the function
 * still refuses any request without the verified principal (a route deployed without its
 * authorizer must not open the tenants), and turns the use case's refusals into statuses.
 */
@FunctionalInterface
interface OperatorRoute {

    Pattern SLUG = Pattern.compile("[a-z0-9-]{3,40}");

    APIGatewayV2HTTPResponse handle(ApiRequest request, String principal);

    static ApiRoute guarded(OperatorRoute route) {
        return request -> {
            String principal = request.iamPrincipal().orElseThrow(() -> new ApiException(403, "forbidden",
                    "The operator API needs an IAM-signed request (SigV4, service execute-api)."));
            try {
                return route.handle(request, principal);
            } catch (AdminRefusal refusal) {
                int status = switch (refusal.kind()) {
                    case INVALID -> 400;
                    case NOT_FOUND -> 404;
                    case CONFLICT -> 409;
                };
                throw new ApiException(status, refusal.code(), refusal.getMessage(), refusal.fieldErrors());
            }
        };
    }

    /** The {@code {slug}} of the path; a slug that cannot exist is simply not found. */
    static String slug(ApiRequest request) {
        String slug = request.pathParameter("slug").orElse("");
        if (!SLUG.matcher(slug).matches()) {
            throw ApiException.notFound("There is no tenant with the slug '" + slug + "'.");
        }
        return slug;
    }

    /** {@code ?limit=} within 1..100, default 50. */
    static int limit(ApiRequest request) {
        String raw = request.query("limit").orElse("50");
        try {
            int limit = Integer.parseInt(raw);
            if (limit >= 1 && limit <= 100) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new ApiException(400, "validation_failed", "limit must be a whole number from 1 to 100.",
                java.util.Map.of("limit", "must be a whole number from 1 to 100"));
    }
}
