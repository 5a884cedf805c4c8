package ch.opsfabric.attachment;

import ch.opsfabric.aws.SignedCalls;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpMethod;

/**
 * S3 {@code PutObject} and {@code DeleteObject}, written out and signed ({@link SignedCalls}): the SDK's S3 client would add
 * several MB to this jar for one call. The signer sends the payload's SHA-256 as
 * {@code x-amz-content-sha256}, which S3 requires (the local stack's S3 checks it, LocalS3IT). The bucket encrypts at rest by its
 * default (SSE-S3, template.yaml). Locally {@code AWS_ENDPOINT_URL_S3} names the emulator, path-style.
 */
public final class S3AttachmentStore implements AttachmentStore, AttachmentDeletion {

    private final URI bucketUrl;
    private final SignedCalls s3;

    /** @param endpoint null for AWS itself (virtual-hosted {@code https://<bucket>.s3.<region>.amazonaws.com}) */
    public S3AttachmentStore(URI endpoint, String bucket, String region, AwsCredentialsProvider credentials) {
        this.bucketUrl = endpoint == null
                ? URI.create("https://" + bucket + ".s3." + region + ".amazonaws.com/")
                : URI.create(endpoint.toString().replaceAll("/+$", "") + "/" + bucket + "/");
        this.s3 = new SignedCalls(credentials, "s3", region, true);
    }

    @Override
    public void put(String key, String contentType, byte[] content) {
        HttpResponse<String> response = s3.send(SdkHttpMethod.PUT, bucketUrl.resolve(key), Map.of("content-type", contentType),
                content, Duration.ofSeconds(10), "S3");
        if (response.statusCode() != 200) {
            throw new IllegalStateException("S3 refused the attachment: HTTP " + response.statusCode() + " "
                    + SignedCalls.errorCode(response.body()));
        }
    }

    @Override
    public void delete(String key) {
        HttpResponse<String> response = s3.send(SdkHttpMethod.DELETE, bucketUrl.resolve(key), Map.of(), new byte[0],
                Duration.ofSeconds(10), "S3");
        if (response.statusCode() != 204 && response.statusCode() != 200) {
            throw new IllegalStateException("S3 refused to delete the attachment: HTTP " + response.statusCode() + " "
                    + SignedCalls.errorCode(response.body()));
        }
    }
}
