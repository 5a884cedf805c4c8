package ch.opsfabric.messaging;

/** One WhatsApp Business provider. Only sms-sender calls providers. */
public interface WhatsAppProvider {

    /** {@code console} or {@code meta}. */
    String name();

    /** @return the provider's message id (Meta's {@code wamid}) */
    String send(WhatsAppMessage message) throws SmsSendException;
}
