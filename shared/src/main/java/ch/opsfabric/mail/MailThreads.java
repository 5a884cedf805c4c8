package ch.opsfabric.mail;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Which ticket an e-mail's {@code Message-ID} belongs to, for the ones we sent and the ones we
 * received: a customer's answer names them in {@code In-Reply-To} / {@code References}.
 */
public interface MailThreads {

    /**
     * Notes that {@code messageId} belongs to {@code ticketId}, unless it was noted before.
     *
     * @return true the first time (a provider's retry sees false)
     */
    boolean remember(String tenantId, String messageId, String ticketId, Instant at);

    /** The ticket of the first of {@code messageIds} we know, in their order; one batched read. */
    Optional<String> ticketOf(String tenantId, List<String> messageIds);
}
