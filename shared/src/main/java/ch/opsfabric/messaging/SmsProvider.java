package ch.opsfabric.messaging;

/** One SMS gateway. Only sms-sender calls providers. */
public interface SmsProvider {

    /** The name tenants configure ({@code console}, {@code ecall}, {@code twilio}). */
    String name();

    /** @return the provider's message id */
    String send(SmsMessage message) throws SmsSendException;
}
