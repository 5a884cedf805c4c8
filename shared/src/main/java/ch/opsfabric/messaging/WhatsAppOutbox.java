package ch.opsfabric.messaging;

/** Where WhatsApp messages wait for the sender: the outbound queue, as a channel beside SMS and e-mail. */
@FunctionalInterface
public interface WhatsAppOutbox {

    void enqueue(OutboundWhatsApp message);
}
