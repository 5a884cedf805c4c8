package ch.opsfabric.aws;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;

/**
 * One AWS REST call written out and signed with the SDK's own SigV4 signer, for the services a
 * function calls once (CloudFront's invalidation, S3's PutObject): their SDK clients would add
 * megabytes to a jar for one request. The JDK's HTTP client sends it.
 */
public final class SignedCalls {

    /** Headers the JDK client sets itself and refuses from callers. */
    private static final Set<String> RESTRICTED = Set.of("host", "content-length", "connection", "expect", "upgrade");

    private final AwsCredentialsProvider credentials;
    private final String service;
    private final String region;
    private final boolean s3Paths;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

    /** @param s3Paths S3 signs paths as they are (no double encoding, no normalization) */
    public SignedCalls(AwsCredentialsProvider credentials, String service, String region, boolean s3Paths) {
        this.credentials = credentials;
        this.service = service;
        this.region = region;
        this.s3Paths = s3Paths;
    }

    /**
     * @param headers signed along (content type, {@code x-amz-content-sha256}, …)
     * @param what    for the error message: which service could not be reached
     */
    public HttpResponse<String> send(SdkHttpMethod method, URI uri, Map<String, String> headers, byte[] body,
                                     Duration timeout, String what) {
        SdkHttpRequest.Builder unsigned = SdkHttpRequest.builder().method(method).uri(uri);
        headers.forEach(unsigned::putHeader);
        SignedRequest signed = signer.sign(r -> {
            r.identity(credentials.resolveCredentials())
                    .request(unsigned.build())
                    .payload(ContentStreamProvider.fromByteArrayUnsafe(body))
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                    .putProperty(AwsV4HttpSigner.REGION_NAME, region);
            if (s3Paths) {
                r.putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false).putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false);
            }
        });
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout)
                .method(method.name(), HttpRequest.BodyPublishers.ofByteArray(body));
        signed.request().forEachHeader((name, values) -> {
            if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(v -> request.header(name, v));
            }
        });
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(what + " is not reachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while calling " + what, e);
        }
    }

    /** The {@code <Code>} of an AWS XML error, without the rest of the document. */
    public static String errorCode(String body) {
        int start = body.indexOf("<Code>");
        int end = body.indexOf("</Code>");
        return start >= 0 && end > start ? body.substring(start + 6, end) : "";
    }
}
