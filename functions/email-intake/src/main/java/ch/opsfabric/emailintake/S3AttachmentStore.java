package ch.opsfabric.emailintake;

import ch.opsfabric.crypto.Hashes;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;

/**
 * S3 {@code PutObject}, written out and signed with the SDK's SigV4 signer: the SDK's S3 client
 * would add several MB to this jar for one call. The payload's SHA-256 goes in
 * {@code x-amz-content-sha256} (S3 requires it, and the signer signs it as the payload hash);
 * S3 paths are signed as they are, not double-encoded. The bucket encrypts at rest by its default
 * (SSE-S3, template.yaml). Locally {@code AWS_ENDPOINT_URL_S3} names the emulator, path-style.
 */
final class S3AttachmentStore implements AttachmentStore {

    private static final Set<String> RESTRICTED = Set.of("host", "content-length", "connection", "expect", "upgrade");

    private final URI bucketUrl;
    private final String region;
    private final AwsCredentialsProvider credentials;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

    /** @param endpoint null for AWS itself (virtual-hosted {@code https://<bucket>.s3.<region>.amazonaws.com}) */
    S3AttachmentStore(URI endpoint, String bucket, String region, AwsCredentialsProvider credentials) {
        this.bucketUrl = endpoint == null
                ? URI.create("https://" + bucket + ".s3." + region + ".amazonaws.com/")
                : URI.create(endpoint.toString().replaceAll("/+$", "") + "/" + bucket + "/");
        this.region = region;
        this.credentials = credentials;
    }

    @Override
    public void put(String key, String contentType, byte[] content) {
        URI uri = bucketUrl.resolve(key);
        String sha256 = HexFormat.of().formatHex(Hashes.sha256(content));
        SignedRequest signed = signer.sign(r -> r
                .identity(credentials.resolveCredentials())
                .request(SdkHttpRequest.builder().method(SdkHttpMethod.PUT).uri(uri)
                        .putHeader("content-type", contentType)
                        .putHeader("x-amz-content-sha256", sha256).build())
                .payload(ContentStreamProvider.fromByteArrayUnsafe(content))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(content));
        signed.request().forEachHeader((name, values) -> {
            if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(v -> request.header(name, v));
            }
        });
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("S3 is not reachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing to S3", e);
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException("S3 refused the attachment: HTTP " + response.statusCode() + " "
                    + errorCode(response.body()));
        }
    }

    static String errorCode(String body) {
        int start = body.indexOf("<Code>");
        int end = body.indexOf("</Code>");
        return start >= 0 && end > start ? body.substring(start + 6, end) : "";
    }
}
