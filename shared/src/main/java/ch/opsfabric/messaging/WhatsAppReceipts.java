package ch.opsfabric.messaging;

import java.time.Instant;
import java.util.Optional;

/**
 * What became of our WhatsApp messages, by Meta's {@code wamid}: sent, then delivered, then read
 * (a status only ever moves forward, whatever order Meta's webhooks arrive in), or failed with its
 * error code.
 */
public interface WhatsAppReceipts {

    enum Status {
        SENT(1), DELIVERED(2), READ(3), FAILED(4);

        private final int rank;

        Status(int rank) {
            this.rank = rank;
        }

        public int rank() {
            return rank;
        }

        /** Meta's name, or empty for one we do not know. */
        public static Optional<Status> ofMeta(String value) {
            return switch (value == null ? "" : value) {
                case "sent" -> Optional.of(SENT);
                case "delivered" -> Optional.of(DELIVERED);
                case "read" -> Optional.of(READ);
                case "failed" -> Optional.of(FAILED);
                default -> Optional.empty();
            };
        }
    }

    /** @param moved this update moved it (false: it was there or further already) */
    record Receipt(String tenantId, String ticketId, String idempotencyKey, Status status, String errorCode, boolean moved) {
    }

    void sent(String wamid, String tenantId, String ticketId, String idempotencyKey, Instant at);

    /**
     * Moves the message to {@code status} if that is further than where it is.
     *
     * @return the receipt after, empty for a wamid that is not ours
     */
    Optional<Receipt> update(String wamid, Status status, String errorCode, Instant at);
}
