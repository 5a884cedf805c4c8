package ch.opsfabric.smssender;

import ch.opsfabric.app.AppContext;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * Consumes the outbound SMS queue. Reports only the messages that should be retried as batch
 * item failures (ReportBatchItemFailures), so one failing recipient never resends the others.
 */
public final class SmsSenderHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private final SmsDelivery delivery;

    public SmsSenderHandler() {
        this(AppContext.fromEnvironment(SenderProviders::fromEnvironment));
    }

    public SmsSenderHandler(AppContext app) {
        this.delivery = new SmsDelivery(app.tenants(), app.optOuts(), app.smsLedger(), app.smsProviders(), app.clock());
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            if (delivery.deliver(message.getBody()).retry()) {
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
            }
        }
        return new SQSBatchResponse(failures);
    }
}
