package ch.opsfabric.messaging;

/**
 * What the outbound queue carries, on any channel: enough for the ledger to claim it once and to
 * say later what was sent to whom.
 */
public interface OutboundMessage {

    String tenantId();

    /** An E.164 number or an e-mail address. */
    String to();

    String text();

    /** {@code menu}, {@code email_confirmation}, …: what the message is for. */
    String kindName();

    String idempotencyKey();

    /** May be null. */
    String ticketId();

    /** The channel a queue message is for: absent means SMS (every message queued before e-mail existed). */
    static String channelOf(com.fasterxml.jackson.databind.JsonNode message) {
        return message.path("channel").asText("sms");
    }
}
