package ch.opsfabric.missedcall;

/**
 * One call that reached a business line, as every provider adapter reports it.
 *
 * @param provider {@code generic}, {@code twilio}, {@code sipgate}
 * @param callId   the provider's id of the call; with the provider it makes the call's identity
 * @param from     the caller as the provider wrote it (normalized later)
 * @param to       the called business line as the provider wrote it
 * @param missed   false when somebody answered: nothing to do
 */
record MissedCall(String provider, String callId, String from, String to, boolean missed) {

    String contactId() {
        return provider + ":" + callId;
    }
}
