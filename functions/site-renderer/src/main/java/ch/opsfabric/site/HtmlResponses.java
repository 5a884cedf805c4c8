package ch.opsfabric.site;

import ch.opsfabric.crypto.Hashes;
import ch.opsfabric.http.ApiRequest;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * HTML answers with the caching CloudFront and browsers need: public pages carry
 * {@code max-age} for browsers, {@code s-maxage} for the CDN and {@code stale-while-revalidate},
 * a strong ETag from the rendered bytes, and a 304 to a matching {@code If-None-Match}. Pages with
 * personal data (a prefilled wizard, a thank-you page, a form with errors) are never stored.
 */
final class HtmlResponses {

    enum Caching {
        PUBLIC("public, max-age=300, s-maxage=3600, stale-while-revalidate=86400"),
        SHORT("public, max-age=60, s-maxage=60"),
        PRIVATE("private, no-store");

        final String header;

        Caching(String header) {
            this.header = header;
        }
    }

    private HtmlResponses() {
    }

    static APIGatewayV2HTTPResponse page(ApiRequest request, int status, String html, Caching caching) {
        Map<String, String> headers = new HashMap<>();
        headers.put("content-type", "text/html; charset=utf-8");
        headers.put("cache-control", caching.header);
        headers.put("x-content-type-options", "nosniff");
        headers.put("referrer-policy", "strict-origin-when-cross-origin");
        byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
        if (caching != Caching.PRIVATE) {
            String etag = "\"" + Hashes.sha256Hex(html).substring(0, 32) + "\"";
            headers.put("etag", etag);
            if (status == 200 && matches(request.header("if-none-match").orElse(null), etag)) {
                return APIGatewayV2HTTPResponse.builder().withStatusCode(304).withHeaders(headers).build();
            }
        }
        headers.put("content-length", Integer.toString(bytes.length));
        return APIGatewayV2HTTPResponse.builder().withStatusCode(status).withHeaders(headers).withBody(html).build();
    }

    static APIGatewayV2HTTPResponse redirect(int status, String location, Caching caching) {
        return APIGatewayV2HTTPResponse.builder().withStatusCode(status)
                .withHeaders(Map.of("location", location, "cache-control", caching.header)).build();
    }

    /** {@code If-None-Match} may list several tags, or {@code *}; weak tags compare by their value. */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.strip();
            if (tag.equals("*") || tag.equals(etag) || tag.startsWith("W/") && tag.substring(2).equals(etag)) {
                return true;
            }
        }
        return false;
    }
}
