package ch.opsfabric.infra.local;

import java.net.URI;
import java.util.List;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * {@code infra/dlq-replay}: moves the messages of a dead-letter queue back to the queue they came
 * from, once the cause is fixed. Each message is sent again unchanged, then deleted from the DLQ;
 * a message whose send fails stays there. Safe to repeat: the outbound messages carry their
 * idempotency key, so the sender's ledger turns one that went out after all into a no-op (no
 * SMS twice), and a message replayed twice is one send.
 *
 * <pre>
 *   infra/dlq-replay --dlq &lt;queue url or name&gt; --to &lt;queue url or name&gt; [--region eu-central-2] [--endpoint url]
 *   infra/dlq-replay --local http://localhost:3000 [OutboundSmsDlq OutboundSmsQueue]   (the local stack)
 * </pre>
 */
public final class DlqReplay {

    public record Result(int moved, int failed) {
    }

    private DlqReplay() {
    }

    public static Result replay(SqsClient sqs, String dlqUrl, String targetUrl) {
        int moved = 0;
        int failed = 0;
        while (true) {
            List<Message> batch = sqs.receiveMessage(b -> b.queueUrl(dlqUrl).maxNumberOfMessages(10).waitTimeSeconds(1)
                    .visibilityTimeout(60).messageAttributeNames("All")
                    .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).messages();
            if (batch.isEmpty()) {
                return new Result(moved, failed);
            }
            for (Message message : batch) {
                try {
                    sqs.sendMessage(b -> b.queueUrl(targetUrl).messageBody(message.body())
                            .messageAttributes(message.messageAttributes()));
                } catch (software.amazon.awssdk.core.exception.SdkException e) {
                    // left in the DLQ (visible again in a minute) for the next run
                    System.err.println("dlq-replay: could not send " + message.messageId() + ": " + e.getMessage());
                    failed++;
                    continue;
                }
                sqs.deleteMessage(b -> b.queueUrl(dlqUrl).receiptHandle(message.receiptHandle()));
                moved++;
            }
            if (failed > 0) {
                return new Result(moved, failed);
            }
        }
    }

    public static void main(String[] args) throws Exception {
        String dlq = null;
        String to = null;
        String region = System.getenv().getOrDefault("AWS_REGION", "eu-central-2");
        String endpoint = null;
        String local = null;
        List<String> rest = new java.util.ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--dlq" -> dlq = args[++i];
                case "--to" -> to = args[++i];
                case "--region" -> region = args[++i];
                case "--endpoint" -> endpoint = args[++i];
                case "--local" -> local = args[++i];
                default -> rest.add(args[i]);
            }
        }
        if (local != null) {
            String from = rest.isEmpty() ? "OutboundSmsDlq" : rest.get(0);
            String into = rest.size() < 2 ? "OutboundSmsQueue" : rest.get(1);
            var http = java.net.http.HttpClient.newHttpClient();
            var answer = http.send(java.net.http.HttpRequest.newBuilder(URI.create(local + "/_local/queues/" + from + "/replay"))
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"to\":\"" + into + "\"}")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            System.out.println(answer.body());
            System.exit(answer.statusCode() == 200 ? 0 : 1);
        }
        if (dlq == null || to == null) {
            System.err.println("usage: infra/dlq-replay --dlq <queue url or name> --to <queue url or name> [--region r] [--endpoint url]\n"
                    + "       infra/dlq-replay --local http://localhost:3000 [OutboundSmsDlq OutboundSmsQueue]");
            System.exit(2);
        }
        var builder = SqsClient.builder().region(Region.of(region))
                .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create());
        if (endpoint != null) {
            builder.endpointOverride(URI.create(endpoint));
        }
        try (SqsClient sqs = builder.build()) {
            String dlqUrl = url(sqs, dlq);
            String toUrl = url(sqs, to);
            Result result = replay(sqs, dlqUrl, toUrl);
            System.out.println("moved " + result.moved() + " message(s) from " + dlqUrl + " to " + toUrl
                    + (result.failed() > 0 ? "; " + result.failed() + " could not be sent and stay in the DLQ" : ""));
            System.exit(result.failed() > 0 ? 1 : 0);
        }
    }

    private static String url(SqsClient sqs, String queue) {
        return queue.startsWith("https://") || queue.startsWith("http://") ? queue
                : sqs.getQueueUrl(b -> b.queueName(queue)).queueUrl();
    }
}
