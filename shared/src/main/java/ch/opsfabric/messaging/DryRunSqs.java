package ch.opsfabric.messaging;

import ch.opsfabric.app.DryRun;
import ch.opsfabric.store.DryRunWrites;
import java.time.Instant;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Priming for the outbox: one SendMessage marshalled, signed and stopped before sending. */
public final class DryRunSqs {

    private DryRunSqs() {
    }

    public static void warm(Instant now) {
        try (SqsClient sqs = SqsClient.builder().region(DryRun.region()).credentialsProvider(DryRun.credentials())
                .endpointOverride(DryRun.endpoint()).httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(DryRun.stopBeforeSending()).build()) {
            SqsSmsOutbox outbox = new SqsSmsOutbox(sqs, DryRun.endpoint() + "/000000000000/dry-run");
            DryRun.attempt(() -> outbox.enqueue(DryRunWrites.sampleSms(now)));
        }
    }
}
