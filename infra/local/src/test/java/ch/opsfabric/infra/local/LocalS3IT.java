package ch.opsfabric.infra.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.opsfabric.aws.SignedCalls;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpMethod;

/**
 * S3 as the functions reach it locally: signed as a function process signs (its logical id, the
 * SDK's signer), only what its template policy allows reaches s3rver, with those exact bytes.
 */
class LocalS3IT {

    private static final byte[] BYTES = "Foto vom Leck".getBytes(StandardCharsets.UTF_8);

    private static HttpResponse<String> put(LocalEnvironment env, String function, String key, String sha256) {
        SignedCalls s3 = new SignedCalls(StaticCredentialsProvider.create(AwsBasicCredentials.create(function, "local")),
                "s3", "eu-central-2", true);
        return s3.send(SdkHttpMethod.PUT, URI.create(env.servicesUrl() + "/attachmentbucket/" + key),
                Map.of("content-type", "image/png", "x-amz-content-sha256", sha256), BYTES, Duration.ofSeconds(5), "S3");
    }

    /** As S3AttachmentStore puts: the content type only, the signer adds the payload hash. */
    private static HttpResponse<String> put(LocalEnvironment env, String function, String key) {
        SignedCalls s3 = new SignedCalls(StaticCredentialsProvider.create(AwsBasicCredentials.create(function, "local")),
                "s3", "eu-central-2", true);
        return s3.send(SdkHttpMethod.PUT, URI.create(env.servicesUrl() + "/attachmentbucket/" + key),
                Map.of("content-type", "image/png"), BYTES, Duration.ofSeconds(5), "S3");
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void theEmailIntakeMayPutUnderTenantsAndNothingElseGetsThrough() throws Exception {
        try (LocalEnvironment env = LocalEnvironment.start("http://localhost:3000")) {
            String key = "tenants/demo-sanitaer-keller/email/abc/1-leck.png";
            HttpResponse<String> stored = put(env, "EmailIntakeFunction", key);
            assertEquals(200, stored.statusCode(), stored.body());
            HttpResponse<byte[]> read = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(env.aws.s3Endpoint() + "/attachmentbucket/" + key)).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertArrayEquals(BYTES, read.body());

            HttpResponse<String> outside = put(env, "EmailIntakeFunction", "public/leck.png", sha256(BYTES));
            assertEquals(403, outside.statusCode());
            assertTrue(outside.body().contains("<Code>AccessDenied</Code>"), outside.body());
            assertEquals(403, put(env, "SmsSenderFunction", key, sha256(BYTES)).statusCode(), "no s3 grant in its policy");
            // the SDK's signer hashes the payload itself and sends it as x-amz-content-sha256, whatever it was given
            assertEquals(200, put(env, "EmailIntakeFunction", key, sha256("other".getBytes(StandardCharsets.UTF_8)))
                    .statusCode());
            HttpResponse<String> wrongSecret = new SignedCalls(StaticCredentialsProvider.create(
                    AwsBasicCredentials.create("EmailIntakeFunction", "guessed")), "s3", "eu-central-2", true)
                    .send(SdkHttpMethod.PUT, URI.create(env.servicesUrl() + "/attachmentbucket/" + key),
                            Map.of("x-amz-content-sha256", sha256(BYTES)), BYTES, Duration.ofSeconds(5), "S3");
            assertEquals(403, wrongSecret.statusCode());
            assertTrue(wrongSecret.body().contains("SignatureDoesNotMatch"), wrongSecret.body());
            HttpResponse<String> unsigned = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(env.servicesUrl() + "/attachmentbucket/tenants/x/y.png"))
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(BYTES)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(403, unsigned.statusCode());
        }
    }
}
