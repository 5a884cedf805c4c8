package ch.opsfabric.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;

/**
 * The operator API over HTTPS, every request signed with the SDK's SigV4 signer for
 * {@code execute-api}: the same signing against the local stack and a deployment. Credentials come
 * from the SDK's default chain, except for a local endpoint, which takes the dev credentials.
 */
final class OperatorClient {

    static final String LOCAL_ACCESS_KEY = "AKIALOCALOPERATOR0001";
    static final String LOCAL_SECRET = "dev-operator-secret";
    static final String DEFAULT_REGION = "eu-central-2";
    private static final Set<String> RESTRICTED = Set.of("host", "content-length", "connection", "expect", "upgrade");
    private static final ObjectMapper JSON = new ObjectMapper();

    record Response(int status, JsonNode body) {
        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    private final URI endpoint;
    private final String region;
    private final AwsCredentialsProvider credentials;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

    OperatorClient(URI endpoint, String region, AwsCredentialsProvider credentials) {
        this.endpoint = endpoint;
        this.region = region;
        this.credentials = credentials;
    }

    /** The local stack (localhost, 127.0.0.1) gets the dev credentials; anything else the default chain. */
    static OperatorClient forEndpoint(URI endpoint, String region) {
        String host = endpoint.getHost() == null ? "" : endpoint.getHost();
        boolean local = host.equals("localhost") || host.equals("127.0.0.1") || host.equals("::1");
        AwsCredentialsProvider credentials = local
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create(LOCAL_ACCESS_KEY, LOCAL_SECRET))
                : DefaultCredentialsProvider.builder().build();
        return new OperatorClient(endpoint, local ? DEFAULT_REGION : region, credentials);
    }

    Response get(String path) {
        return send("GET", path, null);
    }

    Response send(String method, String path, JsonNode body) {
        byte[] bytes = body == null ? new byte[0] : body.toString().getBytes(StandardCharsets.UTF_8);
        URI uri = endpoint.resolve(path);
        AwsCredentials identity;
        try {
            identity = credentials.resolveCredentials();
        } catch (SdkClientException e) {
            throw new CliException(ExitCode.UNAUTHORIZED, "No AWS credentials found (" + e.getMessage()
                    + "). Sign in (aws sso login, or set AWS_PROFILE / AWS_ACCESS_KEY_ID) and try again.");
        }
        SdkHttpRequest.Builder unsigned = SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(method)).uri(uri);
        if (body != null) {
            unsigned.putHeader("content-type", "application/json");
        }
        SignedRequest signed = signer.sign(r -> r.identity(identity)
                .request(unsigned.build())
                .payload(ContentStreamProvider.fromByteArrayUnsafe(bytes))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "execute-api")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .method(method, bytes.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(bytes));
        signed.request().forEachHeader((name, values) -> {
            if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(v -> request.header(name, v));
            }
        });
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new CliException(ExitCode.UNAVAILABLE, "Cannot reach " + endpoint + " (" + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                    + "). Check --endpoint: the stack's OperatorApiUrl, or http://localhost:3000 for the local stack.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCode.UNAVAILABLE, "Interrupted.");
        }
        JsonNode answer = null;
        if (response.body().length > 0) {
            try {
                answer = JSON.readTree(response.body());
            } catch (IOException e) {
                answer = JSON.getNodeFactory().objectNode().put("message", new String(response.body(), StandardCharsets.UTF_8));
            }
        }
        return new Response(response.statusCode(), answer == null ? JSON.getNodeFactory().objectNode() : answer);
    }

    /** The response's body, or the API's refusal as an exception with the matching exit code. */
    static JsonNode require(Response response) {
        if (response.ok()) {
            return response.body();
        }
        Map<String, String> fields = new LinkedHashMap<>();
        response.body().path("errors").fields().forEachRemaining(e -> fields.put(e.getKey(), e.getValue().asText()));
        String message = response.body().path("message").asText("HTTP " + response.status());
        if (response.status() == 403 && !response.body().has("error")) {
            message = "The operator API refused the signature: " + message
                    + " (check your credentials, --region, and that --endpoint is the API itself, not the CDN).";
        }
        throw new CliException(ExitCode.forStatus(response.status()), message, fields);
    }
}
