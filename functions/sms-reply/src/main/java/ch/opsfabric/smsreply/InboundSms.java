package ch.opsfabric.smsreply;

/**
 * One SMS a customer sent to a business line, as every provider adapter reports it.
 *
 * @param messageId the provider's id (or, where it has none, a hash of the message), unique per provider
 */
record InboundSms(String provider, String messageId, String from, String to, String text) {

    String contactId() {
        return provider + ":" + messageId;
    }
}
