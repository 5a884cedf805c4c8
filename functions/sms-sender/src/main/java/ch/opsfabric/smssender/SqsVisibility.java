package ch.opsfabric.smssender;

import ch.opsfabric.aws.SignedCalls;
import ch.opsfabric.json.Json;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpMethod;

/**
 * SQS {@code ChangeMessageVisibility} in the AWS JSON protocol, written out and signed: the one
 * queue call this function makes, not worth the SQS client in its jar (TemplateIT keeps it out).
 * The event source mapping's role already allows it (SAM's SQSPollerPolicy).
 */
final class SqsVisibility implements RetryDelays.Queue {

    private final URI endpoint;
    private final String queueUrl;
    private final SignedCalls sqs;

    /** @param endpoint null for AWS itself ({@code https://sqs.<region>.amazonaws.com}) */
    SqsVisibility(URI endpoint, String queueUrl, String region, AwsCredentialsProvider credentials) {
        this.endpoint = endpoint == null ? URI.create("https://sqs." + region + ".amazonaws.com/") : endpoint;
        this.queueUrl = queueUrl;
        this.sqs = new SignedCalls(credentials, "sqs", region, false);
    }

    @Override
    public void delay(String receiptHandle, int seconds) {
        byte[] body = Json.write(Json.object().put("QueueUrl", queueUrl).put("ReceiptHandle", receiptHandle)
                .put("VisibilityTimeout", seconds)).getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response = sqs.send(SdkHttpMethod.POST, endpoint, Map.of(
                "content-type", "application/x-amz-json-1.0", "x-amz-target", "AmazonSQS.ChangeMessageVisibility"),
                body, Duration.ofSeconds(5), "SQS");
        if (response.statusCode() != 200) {
            throw new IllegalStateException("SQS refused the visibility change: HTTP " + response.statusCode() + " "
                    + SignedCalls.errorCode(response.body()));
        }
    }
}
