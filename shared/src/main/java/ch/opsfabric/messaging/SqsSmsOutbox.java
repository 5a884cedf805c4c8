package ch.opsfabric.messaging;

import software.amazon.awssdk.services.sqs.SqsClient;

/** The outbound queue, SMS, e-mail and WhatsApp alike; sms-sender consumes it. */
public final class SqsSmsOutbox implements SmsOutbox, EmailOutbox, WhatsAppOutbox {

    private final SqsClient sqs;
    private final String queueUrl;

    public SqsSmsOutbox(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    /** Priming: one read of the queue's attributes warms the client without sending anything. */
    public void warm() {
        sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNamesWithStrings("QueueArn"));
    }

    @Override
    public void enqueue(OutboundSms sms) {
        sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(sms.toJson()));
    }

    @Override
    public void enqueue(OutboundWhatsApp message) {
        sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(message.toJson()));
    }

    @Override
    public void enqueue(OutboundEmail email) {
        sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(email.toJson()));
    }
}
