package ch.opsfabric.infra.local;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CloudFront's {@code CreateInvalidation} for the local stack ({@code AWS_ENDPOINT_URL_CLOUDFRONT}):
 * checks the request as CloudFront would (SigV4 for service {@code cloudfront} in us-east-1, the
 * 2020-05-31 XML with a quantity that matches its paths), records it and answers 201 with the
 * {@code Invalidation} document. {@code GET /_local/invalidations} lists what was recorded.
 */
final class LocalCloudFront {

    record Invalidation(String distributionId, List<String> paths, String callerReference, Instant at) {
    }

    private static final Pattern ROUTE = Pattern.compile("/2020-05-31/distribution/([A-Z0-9]+)/invalidation");
    private static final Pattern PATH = Pattern.compile("<Path>([^<]+)</Path>");

    private final List<Invalidation> recorded = new CopyOnWriteArrayList<>();
    private final SigV4Verifier signatures;
    private final Clock clock;

    /** @param credentials access key → secret the function processes sign with */
    LocalCloudFront(Map<String, String> credentials, Clock clock) {
        this.signatures = new SigV4Verifier(credentials, "us-east-1", "cloudfront", "000000000000", Clock.systemUTC());
        this.clock = clock;
    }

    List<Invalidation> recorded() {
        return List.copyOf(recorded);
    }

    void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            Matcher route = ROUTE.matcher(exchange.getRequestURI().getRawPath());
            if (!exchange.getRequestMethod().equals("POST") || !route.matches()) {
                answer(exchange, 404, error("NoSuchResource", "The specified resource does not exist."));
                return;
            }
            byte[] body = exchange.getRequestBody().readNBytes(64 * 1024);
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
            SigV4Verifier.Result signed = signatures.verify("POST", exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery(), headers, body);
            if (signed.caller().isEmpty()) {
                answer(exchange, 403, error("SignatureDoesNotMatch", signed.refusal()));
                return;
            }
            String xml = new String(body, StandardCharsets.UTF_8);
            List<String> paths = new ArrayList<>();
            Matcher path = PATH.matcher(xml);
            while (path.find()) {
                paths.add(path.group(1));
            }
            String quantity = between(xml, "Quantity");
            String reference = between(xml, "CallerReference");
            if (!xml.contains("<InvalidationBatch xmlns=\"http://cloudfront.amazonaws.com/doc/2020-05-31/\">")
                    || reference == null || paths.isEmpty() || !String.valueOf(paths.size()).equals(quantity)
                    || paths.stream().anyMatch(p -> !p.startsWith("/"))) {
                answer(exchange, 400, error("InvalidArgument", "The InvalidationBatch is not well-formed."));
                return;
            }
            Invalidation invalidation = new Invalidation(route.group(1), List.copyOf(paths), reference, clock.instant());
            recorded.add(invalidation);
            String id = "I" + UUID.randomUUID().toString().replace("-", "").substring(0, 13).toUpperCase(Locale.ROOT);
            exchange.getResponseHeaders().add("Location",
                    "https://cloudfront.amazonaws.com/2020-05-31/distribution/" + route.group(1) + "/invalidation/" + id);
            answer(exchange, 201, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                    + "<Invalidation xmlns=\"http://cloudfront.amazonaws.com/doc/2020-05-31/\"><Id>" + id + "</Id>"
                    + "<Status>InProgress</Status><CreateTime>" + invalidation.at() + "</CreateTime>"
                    + xml.substring(xml.indexOf("<InvalidationBatch")).replace(
                            " xmlns=\"http://cloudfront.amazonaws.com/doc/2020-05-31/\"", "")
                    + "</Invalidation>");
        }
    }

    private static String between(String xml, String element) {
        int start = xml.indexOf("<" + element + ">");
        int end = xml.indexOf("</" + element + ">");
        return start < 0 || end < start ? null : xml.substring(start + element.length() + 2, end);
    }

    private static String error(String code, String message) {
        return "<?xml version=\"1.0\"?><ErrorResponse xmlns=\"http://cloudfront.amazonaws.com/doc/2020-05-31/\">"
                + "<Error><Type>Sender</Type><Code>" + code + "</Code><Message>" + message + "</Message></Error></ErrorResponse>";
    }

    private static void answer(HttpExchange exchange, int status, String xml) throws IOException {
        byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("content-type", "text/xml");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
