package ch.opsfabric.tenantadmin;

import ch.opsfabric.onboarding.SiteCache;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;

/**
 * Empties the edge cache of one tenant's site: {@code /<slug>} and {@code /<slug>/*} in the
 * deployment's distribution (the only one this function's role may invalidate).
 * <p>
 * CloudFront's {@code CreateInvalidation} (REST-XML, API version 2020-05-31) written out and
 * signed with the SDK's own SigV4 signer: the SDK's CloudFront client would add 6 MB to this jar
 * for this one call. The endpoint is the SDK's own setting, {@code AWS_ENDPOINT_URL_CLOUDFRONT},
 * which only the local stack sets.
 */
final class CloudFrontSiteCache implements SiteCache {

    static final URI GLOBAL_ENDPOINT = URI.create("https://cloudfront.amazonaws.com");
    /** Headers the JDK client sets itself and refuses from callers. */
    private static final Set<String> RESTRICTED = Set.of("host", "content-length", "connection", "expect", "upgrade");

    private final URI endpoint;
    private final String distributionId;
    private final AwsCredentialsProvider credentials;
    private final HttpClient http;
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

    CloudFrontSiteCache(URI endpoint, String distributionId, AwsCredentialsProvider credentials) {
        this.endpoint = endpoint;
        this.distributionId = distributionId;
        this.credentials = credentials;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    }

    @Override
    public void invalidate(String slug) {
        // a fresh reference each time: CloudFront treats a repeated one as the same invalidation
        String xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <InvalidationBatch xmlns="http://cloudfront.amazonaws.com/doc/2020-05-31/">\
                <Paths><Quantity>2</Quantity><Items><Path>/%s</Path><Path>/%s/*</Path></Items></Paths>\
                <CallerReference>%s-%s</CallerReference></InvalidationBatch>"""
                .formatted(slug, slug, slug, UUID.randomUUID());
        byte[] body = xml.getBytes(StandardCharsets.UTF_8);
        URI uri = endpoint.resolve("/2020-05-31/distribution/" + distributionId + "/invalidation");
        SignedRequest signed = signer.sign(r -> r
                .identity(credentials.resolveCredentials())
                .request(SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(uri)
                        .putHeader("content-type", "text/xml").build())
                .payload(ContentStreamProvider.fromByteArrayUnsafe(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "cloudfront")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1"));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        signed.request().forEachHeader((name, values) -> {
            if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(v -> request.header(name, v));
            }
        });
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("CloudFront is not reachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking CloudFront", e);
        }
        if (response.statusCode() != 201) {
            throw new IllegalStateException("CloudFront refused the invalidation: HTTP " + response.statusCode() + " "
                    + errorCode(response.body()));
        }
    }

    /** The {@code <Code>} of CloudFront's XML error, without the rest of the document. */
    static String errorCode(String body) {
        int start = body.indexOf("<Code>");
        int end = body.indexOf("</Code>");
        return start >= 0 && end > start ? body.substring(start + 6, end) : "";
    }

}
