package ch.opsfabric.messaging;

/** One e-mail service. Only sms-sender calls providers; a failure says whether a retry can help. */
public interface EmailProvider {

    /** {@code console} or {@code postmark}. */
    String name();

    /** @return the provider's message id */
    String send(EmailMessage message) throws SmsSendException;
}
