package ch.opsfabric.smssender;

import ch.opsfabric.app.SqsBatch;
import ch.opsfabric.app.Priming;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Consumes the outbound queue: SMS, e-mails ({@code "channel":"email"}) and WhatsApp messages
 * ({@code "channel":"whatsapp"}). Reports only the messages that should be retried as batch
 * item failures (ReportBatchItemFailures), so one failing recipient never resends the others.
 *
 * <p>A stream handler on purpose: the runtime's serializer for the typed {@code SQSEvent} needs
 * joda-time, which no function ships (it would add 0.6 MB and its class loading to every cold
 * start), and the only two fields this function reads are the message id and the body.
 */
public final class SmsSenderHandler implements RequestStreamHandler {

    private final SmsDelivery delivery;
    private final EmailDelivery emailDelivery;
    private final WhatsAppDelivery whatsAppDelivery;
    private final RetryDelays retryDelays;
    private final ProviderPause pause;
    private final Priming priming;

    public SmsSenderHandler() {
        this(SmsSenderWiring.fromEnvironment());
    }

    public SmsSenderHandler(SmsSenderWiring wiring) {
        this.delivery = wiring.delivery();
        this.emailDelivery = wiring.emailDelivery();
        this.whatsAppDelivery = wiring.whatsAppDelivery();
        this.retryDelays = wiring.retryDelays();
        this.pause = wiring.pause();
        this.priming = Priming.register("sms-sender", wiring::warmUp);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        SqsBatch batch = SqsBatch.read(input);
        output.write(SqsBatch.failures(handle(batch)));
    }

    /** By the message's channel: an SMS unless it says {@code "channel":"email"}. */
    private SmsDelivery.Outcome deliver(String body) {
        com.fasterxml.jackson.databind.JsonNode node;
        try {
            node = ch.opsfabric.json.Json.parse(body);
        } catch (IllegalArgumentException unreadable) {
            // the SMS path logs it and keeps it for the DLQ
            return delivery.deliver(body);
        }
        String channel = ch.opsfabric.messaging.OutboundMessage.channelOf(node);
        if (ch.opsfabric.messaging.OutboundEmail.CHANNEL.equals(channel)) {
            return emailDelivery.deliver(node);
        }
        if (ch.opsfabric.messaging.OutboundWhatsApp.CHANNEL.equals(channel)) {
            return whatsAppDelivery.deliver(node);
        }
        return delivery.deliver(body);
    }

    /**
     * The ids of the messages to retry. Throttled ones come back one second apart after the
     * provider's pause, so they do not all arrive in the same second again.
     */
    public List<String> handle(SqsBatch batch) {
        List<String> failures = new ArrayList<>();
        int throttled = 0;
        for (SqsBatch.Message message : batch.messages()) {
            SmsDelivery.Outcome outcome = deliver(message.body());
            if (outcome.retry()) {
                failures.add(message.messageId());
                java.time.Duration wait = outcome == SmsDelivery.Outcome.THROTTLED
                        ? pause.longest().plusSeconds(throttled++) : java.time.Duration.ZERO;
                retryDelays.apply(message, outcome, wait);
            }
        }
        return failures;
    }
}
