package ch.opsfabric.tenantadmin;

import ch.opsfabric.aws.SignedCalls;
import ch.opsfabric.onboarding.SiteCache;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpMethod;

/**
 * Empties the edge cache of one tenant's site: {@code /<slug>} and {@code /<slug>/*} in the
 * deployment's distribution (the only one this function's role may invalidate).
 * <p>
 * CloudFront's {@code CreateInvalidation} (REST-XML, API version 2020-05-31) written out and
 * signed with the SDK's own SigV4 signer ({@link SignedCalls}): the SDK's CloudFront client would
 * add 6 MB to this jar for this one call. The endpoint is the SDK's own setting, {@code AWS_ENDPOINT_URL_CLOUDFRONT},
 * which only the local stack sets.
 */
final class CloudFrontSiteCache implements SiteCache {

    static final URI GLOBAL_ENDPOINT = URI.create("https://cloudfront.amazonaws.com");

    private final URI endpoint;
    private final String distributionId;
    private final SignedCalls cloudFront;

    CloudFrontSiteCache(URI endpoint, String distributionId, AwsCredentialsProvider credentials) {
        this.endpoint = endpoint;
        this.distributionId = distributionId;
        this.cloudFront = new SignedCalls(credentials, "cloudfront", "us-east-1", false);
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
        HttpResponse<String> response = cloudFront.send(SdkHttpMethod.POST,
                endpoint.resolve("/2020-05-31/distribution/" + distributionId + "/invalidation"),
                Map.of("content-type", "text/xml"), xml.getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(5), "CloudFront");
        if (response.statusCode() != 201) {
            throw new IllegalStateException("CloudFront refused the invalidation: HTTP " + response.statusCode() + " "
                    + errorCode(response.body()));
        }
    }

    /** The {@code <Code>} of CloudFront's XML error, without the rest of the document. */
    static String errorCode(String body) {
        return SignedCalls.errorCode(body);
    }
}
