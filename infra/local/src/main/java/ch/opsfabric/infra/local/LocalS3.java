package ch.opsfabric.infra.local;

import ch.opsfabric.infra.emulators.SamTemplate;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * S3 as the functions reach it locally ({@code AWS_ENDPOINT_URL_S3}, path-style): a
 * {@code PutObject} or {@code DeleteObject} is let through to s3rver only when it is what S3 and IAM would accept — a
 * valid SigV4 signature for service {@code s3} (recomputed by the published algorithm; s3rver
 * checks none), an {@code x-amz-content-sha256} that is the body's hash, and a statement of the
 * calling function's template policy that allows that action ({@code s3:PutObject} / {@code s3:DeleteObject}) on that bucket and key
 * prefix. Anything else is answered as S3 answers it (403 XML) and never stored.
 */
final class LocalS3 {

    private static final Pattern OBJECT_ARN = Pattern.compile("\\$\\{([A-Za-z0-9]+)\\.Arn}/(.*)\\*");
    private static final Set<String> HOP_HEADERS = Set.of("host", "content-length", "connection", "transfer-encoding",
            "expect", "upgrade", "keep-alive");

    /** One grant: which action a function may take on which bucket (local name) and key prefix. */
    record Grant(String action, String bucket, String prefix) {
    }

    private final SigV4Verifier signatures;
    private final Map<String, List<Grant>> grants;
    private final URI s3rver;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /**
     * @param credentials access key (a function's logical id) → its secret
     * @param bucketName  a bucket's logical id → its local name
     */
    LocalS3(SamTemplate template, Map<String, String> credentials, java.util.function.UnaryOperator<String> bucketName,
            URI s3rver) {
        this.signatures = new SigV4Verifier(credentials, "eu-central-2", "s3", "000000000000", Clock.systemUTC());
        this.grants = grants(template, bucketName);
        this.s3rver = s3rver;
    }

    static Map<String, List<Grant>> grants(SamTemplate template, java.util.function.UnaryOperator<String> bucketName) {
        Map<String, List<Grant>> byFunction = new LinkedHashMap<>();
        template.resourcesOfType("AWS::Serverless::Function").forEach((id, function) -> {
            List<Grant> list = new ArrayList<>();
            for (JsonNode policy : function.path("Properties").path("Policies")) {
                for (JsonNode statement : policy.path("Statement")) {
                    if (!"Allow".equals(statement.path("Effect").asText())) {
                        continue;
                    }
                    for (String action : List.of("s3:PutObject", "s3:DeleteObject")) {
                        if (!statement.path("Action").toString().contains("\"" + action + "\"")) {
                            continue;
                        }
                        for (JsonNode resource : statement.path("Resource")) {
                            Matcher m = OBJECT_ARN.matcher(resource.path("Fn::Sub").asText(""));
                            if (m.matches()) {
                                list.add(new Grant(action, bucketName.apply(m.group(1)), m.group(2)));
                            }
                        }
                    }
                }
            }
            byFunction.put(id, list);
        });
        return byFunction;
    }

    void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            String[] parts = path.substring(1).split("/", 2);
            String method = exchange.getRequestMethod();
            if (!(method.equals("PUT") || method.equals("DELETE")) || parts.length < 2 || parts[1].isEmpty()) {
                answer(exchange, 405, error("MethodNotAllowed", "Only PutObject and DeleteObject are served to functions here."));
                return;
            }
            String action = method.equals("PUT") ? "s3:PutObject" : "s3:DeleteObject";
            byte[] body = exchange.getRequestBody().readAllBytes();
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
            SigV4Verifier.Result signed = signatures.verify(method, path, exchange.getRequestURI().getRawQuery(), headers, body);
            if (signed.caller().isEmpty()) {
                answer(exchange, 403, error("SignatureDoesNotMatch", signed.refusal()));
                return;
            }
            if (!sha256Hex(body).equals(headers.get("x-amz-content-sha256"))) {
                answer(exchange, 400, error("XAmzContentSHA256Mismatch",
                        "The provided 'x-amz-content-sha256' header does not match what was computed."));
                return;
            }
            String caller = signed.caller().get().accessKey();
            String bucket = parts[0];
            String key = java.net.URLDecoder.decode(parts[1], StandardCharsets.UTF_8);
            boolean allowed = grants.getOrDefault(caller, List.of()).stream()
                    .anyMatch(g -> g.action().equals(action) && g.bucket().equals(bucket) && key.startsWith(g.prefix()));
            if (!allowed) {
                answer(exchange, 403, error("AccessDenied", "User: " + caller + " is not authorized to perform: " + action + " on "
                        + "resource: arn:aws:s3:::" + bucket + "/" + key));
                return;
            }
            HttpRequest.Builder forward = HttpRequest.newBuilder(s3rver.resolve(path))
                    .method(method, method.equals("PUT") ? HttpRequest.BodyPublishers.ofByteArray(body)
                            : HttpRequest.BodyPublishers.noBody());
            headers.forEach((name, value) -> {
                if (!HOP_HEADERS.contains(name)) {
                    forward.header(name, value);
                }
            });
            HttpResponse<byte[]> response;
            try {
                response = http.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                answer(exchange, 503, error("ServiceUnavailable", "interrupted"));
                return;
            }
            response.headers().firstValue("etag").ifPresent(etag -> exchange.getResponseHeaders().add("ETag", etag));
            exchange.sendResponseHeaders(response.statusCode(), response.body().length == 0 ? -1 : response.body().length);
            if (response.body().length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(response.body());
                }
            }
        }
    }

    private static String sha256Hex(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String error(String code, String message) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code><Message>" + message
                + "</Message></Error>";
    }

    private static void answer(HttpExchange exchange, int status, String xml) throws IOException {
        byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("content-type", "application/xml");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
