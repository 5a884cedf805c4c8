package ch.opsfabric.infra.local;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;

/** Requests to the operator API signed as an operator would sign them: SigV4 with the dev credentials. */
public final class OperatorRequests {

    private static final Set<String> RESTRICTED = Set.of("host", "content-length");

    private OperatorRequests() {
    }

    public static HttpRequest signed(String method, URI uri, String body, String secret) {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        SdkHttpRequest.Builder unsigned = SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(method)).uri(uri);
        if (body != null) {
            unsigned.putHeader("content-type", "application/json");
        }
        var signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsBasicCredentials.create(LocalEnvironment.OPERATOR_ACCESS_KEY, secret))
                .request(unsigned.build())
                .payload(ContentStreamProvider.fromByteArrayUnsafe(bytes))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "execute-api")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "eu-central-2"));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).method(method,
                bytes.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(bytes));
        signed.request().forEachHeader((name, values) -> {
            if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(v -> request.header(name, v));
            }
        });
        return request.build();
    }

    public static HttpRequest signed(String method, URI uri, String body) {
        return signed(method, uri, body, LocalEnvironment.OPERATOR_SECRET);
    }
}
