package ch.opsfabric.testing;

import ch.opsfabric.messaging.OutboundSms;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.sqs.model.Message;

/** Drains what a test's own outbound queue received. */
public final class QueueReader {

    private QueueReader() {
    }

    public static List<OutboundSms> drain(String queueUrl) {
        List<OutboundSms> all = new ArrayList<>();
        while (true) {
            List<Message> batch = TestAws.aws().sqs().receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)
                    .waitTimeSeconds(0).visibilityTimeout(30)).messages();
            if (batch.isEmpty()) {
                return all;
            }
            batch.forEach(m -> all.add(OutboundSms.fromJson(m.body())));
        }
    }
}
