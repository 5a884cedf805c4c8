package ch.opsfabric.http;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OriginGuardTest {

    private final OriginGuard guard = OriginGuard.of("s3cret-origin");

    @Test
    void onlyTheDistributionsHeaderPasses() {
        assertDoesNotThrow(() -> guard.check(request(Map.of("x-origin-verify", "s3cret-origin"))));
        for (Map<String, String> headers : java.util.List.of(Map.<String, String>of(), Map.of("x-origin-verify", ""),
                Map.of("x-origin-verify", "s3cret-origiN"), Map.of("x-origin-verify", "s3cret-origin "))) {
            ApiException refused = assertThrows(ApiException.class, () -> guard.check(request(headers)));
            assertEquals(403, refused.status());
            assertEquals("direct_access", refused.code());
        }
    }

    @Test
    void aRouteApiGatewayAuthorizedWithIamIsCalledDirectlyByDesign() {
        APIGatewayV2HTTPEvent event = SyntheticRequests.request("GET", "/api/admin/tenants", "/api/admin/tenants", Map.of(), null);
        var iam = new APIGatewayV2HTTPEvent.RequestContext.IAM();
        iam.setUserArn("arn:aws:iam::000000000000:user/operator");
        var authorizer = new APIGatewayV2HTTPEvent.RequestContext.Authorizer();
        authorizer.setIam(iam);
        event.getRequestContext().setAuthorizer(authorizer);
        assertDoesNotThrow(() -> guard.check(new ApiRequest(event)));
    }

    @Test
    void theDispatcherChecksBeforeAnyRouteRuns() {
        int[] ran = {0};
        ApiDispatcher dispatcher = new ApiDispatcher(Map.of("POST /x", r -> {
            ran[0]++;
            return ApiResponses.json(200, ch.opsfabric.json.Json.object());
        }), guard);
        assertEquals(403, dispatcher.dispatch(SyntheticRequests.request("POST", "/x", "/x", Map.of(), "{}")).getStatusCode());
        assertEquals(0, ran[0]);
        assertEquals(200, dispatcher.dispatch(SyntheticRequests.request("POST", "/x", "/x",
                Map.of("x-origin-verify", "s3cret-origin"), "{}")).getStatusCode());
        assertEquals(200, dispatcher.prime(SyntheticRequests.request("POST", "/x", "/x", Map.of(), "{}")).getStatusCode(),
                "priming runs the route's code");
        assertEquals(2, ran[0]);
    }

    @Test
    void theViewerAddressComesFromCloudFrontElseTheConnection() {
        assertEquals("203.0.113.10", request(Map.of("cloudfront-viewer-address", "203.0.113.10:46532")).viewerAddress());
        assertEquals("2001:db8:85a3::8a2e:370:7334",
                request(Map.of("cloudfront-viewer-address", "2001:db8:85a3::8a2e:370:7334:46532")).viewerAddress());
        assertEquals("198.51.100.7", request(Map.of()).viewerAddress(), "SyntheticRequests' source address");
        assertEquals("198.51.100.7", request(Map.of("cloudfront-viewer-address", "<script>:1")).viewerAddress());
        assertEquals("198.51.100.7", request(Map.of("cloudfront-viewer-address", "46532")).viewerAddress());
    }

    private static ApiRequest request(Map<String, String> headers) {
        return new ApiRequest(SyntheticRequests.request("POST", "/x", "/x", new HashMap<>(headers), "{}"));
    }
}
