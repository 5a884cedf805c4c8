package ch.opsfabric.messaging;

import ch.opsfabric.app.DryRun;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** An outbox whose every SendMessage is marshalled, signed and stopped before sending: for priming. */
public final class DryRunSqs {

    private DryRunSqs() {
    }

    public static SqsSmsOutbox outbox() {
        SqsClient sqs = SqsClient.builder().region(DryRun.region()).credentialsProvider(DryRun.credentials())
                .endpointOverride(DryRun.endpoint()).httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(DryRun.stopBeforeSending()).build();
        return new SqsSmsOutbox(sqs, DryRun.endpoint() + "/000000000000/dry-run");
    }
}
