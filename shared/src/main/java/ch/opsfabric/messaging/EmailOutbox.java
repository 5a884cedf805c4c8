package ch.opsfabric.messaging;

/** Where e-mails wait for the sender: the outbound queue, as a channel beside SMS. */
@FunctionalInterface
public interface EmailOutbox {

    void enqueue(OutboundEmail email);
}
