package ch.opsfabric.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** An API Gateway HTTP API (payload 2.0) request with the accessors routes need. */
public final class ApiRequest {

    private final APIGatewayV2HTTPEvent event;
    private byte[] body;

    public ApiRequest(APIGatewayV2HTTPEvent event) {
        this.event = event;
    }

    public APIGatewayV2HTTPEvent event() {
        return event;
    }

    public String routeKey() {
        return event.getRouteKey();
    }

    /** The HTTP method as sent; an event without one (made in code) counts as GET. */
    public String method() {
        var context = event.getRequestContext();
        return context == null || context.getHttp() == null || context.getHttp().getMethod() == null
                ? "GET" : context.getHttp().getMethod();
    }

    /** Header names arrive lower-cased from API Gateway; looked up case-insensitively anyway. */
    public Optional<String> header(String name) {
        Map<String, String> headers = event.getHeaders();
        if (headers == null) {
            return Optional.empty();
        }
        String value = headers.get(name.toLowerCase(Locale.ROOT));
        if (value == null) {
            for (Map.Entry<String, String> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    value = e.getValue();
                    break;
                }
            }
        }
        return Optional.ofNullable(value);
    }

    public Optional<String> pathParameter(String name) {
        Map<String, String> params = event.getPathParameters();
        return params == null ? Optional.empty() : Optional.ofNullable(params.get(name));
    }

    public Optional<String> query(String name) {
        Map<String, String> params = event.getQueryStringParameters();
        return params == null ? Optional.empty() : Optional.ofNullable(params.get(name)).filter(s -> !s.isEmpty());
    }

    /** The media type without parameters, lower case; empty when absent. */
    public String mediaType() {
        String value = header("content-type").orElse("");
        int semicolon = value.indexOf(';');
        return (semicolon < 0 ? value : value.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }

    /**
     * The viewer's address as CloudFront saw it ({@code CloudFront-Viewer-Address: ip:port}, IPv6
     * unbracketed); what rate limits and logs key on. Without that header (no CDN in front) the
     * connection's source address. Only trustworthy because {@link OriginGuard} has already
     * refused anything that did not come through the distribution, which sets the header itself.
     */
    public String viewerAddress() {
        String viewer = header("cloudfront-viewer-address").orElse("").strip();
        int port = viewer.lastIndexOf(':');
        if (port > 0) {
            String ip = viewer.substring(0, port);
            if (ip.length() <= 45 && ip.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')
                    && (ip.indexOf('.') > 0 || ip.indexOf(':') > 0)) {
                return ip;
            }
        }
        return sourceIp();
    }

    /** The address of the connection API Gateway took: CloudFront's edge when it is in front. */
    public String sourceIp() {
        if (event.getRequestContext() != null && event.getRequestContext().getHttp() != null
                && event.getRequestContext().getHttp().getSourceIp() != null) {
            return event.getRequestContext().getHttp().getSourceIp();
        }
        return "unknown";
    }

    /**
     * The caller API Gateway verified with AWS_IAM (its user or role ARN); empty for routes
     * without IAM authorization.
     */
    public Optional<String> iamPrincipal() {
        var context = event.getRequestContext();
        if (context == null || context.getAuthorizer() == null || context.getAuthorizer().getIam() == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(context.getAuthorizer().getIam().getUserArn()).filter(s -> !s.isBlank());
    }

    public String requestId() {
        return event.getRequestContext() == null ? null : event.getRequestContext().getRequestId();
    }

    /** The raw body bytes, base64-decoded when API Gateway encoded them. */
    public byte[] bodyBytes() {
        if (body == null) {
            String raw = event.getBody();
            if (raw == null) {
                body = new byte[0];
            } else if (event.getIsBase64Encoded()) {
                try {
                    body = Base64.getDecoder().decode(raw);
                } catch (IllegalArgumentException e) {
                    throw ApiException.badRequest("Der Inhalt der Anfrage ist nicht lesbar.");
                }
            } else {
                body = raw.getBytes(StandardCharsets.UTF_8);
            }
        }
        return body;
    }

    public String bodyText() {
        return new String(bodyBytes(), StandardCharsets.UTF_8);
    }
}
