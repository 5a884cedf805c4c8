package ch.opsfabric.staffapp;

import ch.opsfabric.http.RequestBody;

import ch.opsfabric.http.ApiException;
import ch.opsfabric.http.ApiRequest;
import ch.opsfabric.webhook.FormBody;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The app's HTTP conventions: pages are never cached, cookies are HttpOnly, SameSite=Lax and
 * (on https) Secure with the {@code __Host-} prefix; forms are checked for their CSRF token, or,
 * before sign-in, for coming from our own origin.
 */
final class AppHttp {

    private final boolean secure;
    private final String origin;
    final String sessionCookie;
    final String attemptCookie;

    /** @param publicBaseUrl the origin users see; plain http only on the local stack */
    AppHttp(String publicBaseUrl) {
        this.secure = publicBaseUrl.startsWith("https://");
        URI base = URI.create(publicBaseUrl);
        this.origin = base.getScheme() + "://" + base.getAuthority();
        // the __Host- prefix needs Secure, which a browser refuses on plain http
        this.sessionCookie = secure ? "__Host-ofs" : "ofs";
        this.attemptCookie = secure ? "__Host-ofl" : "ofl";
    }

    static APIGatewayV2HTTPResponse page(int status, String html, List<String> cookies) {
        Map<String, String> headers = new HashMap<>();
        headers.put("content-type", "text/html; charset=utf-8");
        headers.put("cache-control", "private, no-store");
        headers.put("x-content-type-options", "nosniff");
        headers.put("referrer-policy", "same-origin");
        headers.put("x-frame-options", "DENY");
        headers.put("content-security-policy", "default-src 'none'; style-src 'unsafe-inline'; img-src data:; connect-src 'self'; "
                + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
        return APIGatewayV2HTTPResponse.builder().withStatusCode(status).withHeaders(headers).withCookies(cookies)
                .withBody(html).build();
    }

    static APIGatewayV2HTTPResponse page(int status, String html) {
        return page(status, html, List.of());
    }

    static APIGatewayV2HTTPResponse seeOther(String location, List<String> cookies) {
        return APIGatewayV2HTTPResponse.builder().withStatusCode(303)
                .withHeaders(Map.of("location", location, "cache-control", "private, no-store"))
                .withCookies(cookies).build();
    }

    static APIGatewayV2HTTPResponse seeOther(String location) {
        return seeOther(location, List.of());
    }

    String setCookie(String name, String value, long maxAgeSeconds) {
        return name + "=" + value + "; Path=/; Max-Age=" + maxAgeSeconds + "; HttpOnly; SameSite=Lax" + (secure ? "; Secure" : "");
    }

    String clearCookie(String name) {
        return setCookie(name, "", 0);
    }

    static Optional<String> cookie(ApiRequest request, String name) {
        List<String> cookies = request.event().getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        for (String cookie : cookies) {
            int eq = cookie.indexOf('=');
            if (eq > 0 && cookie.substring(0, eq).strip().equals(name)) {
                return Optional.of(cookie.substring(eq + 1).strip());
            }
        }
        return Optional.empty();
    }

    static FormBody form(ApiRequest request) {
        return RequestBody.form(request, StandardCharsets.UTF_8);
    }

    /** Before sign-in there is no token: a form must come from our own pages (browsers send Origin on POST). */
    void requireOwnOrigin(ApiRequest request) {
        String sent = request.header("origin").orElse(null);
        if (sent != null && !sent.equals(origin)) {
            throw new ApiException(403, "forbidden", "Diese Anfrage kam nicht von unserer Seite.");
        }
    }

    static void requireCsrf(FormBody form, String expected) {
        String sent = form.first("_csrf").orElse("");
        if (!MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8))) {
            throw new ApiException(403, "forbidden", "Das Formular ist abgelaufen. Bitte laden Sie die Seite neu und versuchen Sie es noch einmal.");
        }
    }

    static List<String> cookies(String... cookies) {
        return new ArrayList<>(List.of(cookies));
    }
}
