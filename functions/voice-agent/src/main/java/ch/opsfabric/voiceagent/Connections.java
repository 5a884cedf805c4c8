package ch.opsfabric.voiceagent;

/** Sends a message to one WebSocket connection (API Gateway's Management API in the cloud). */
@FunctionalInterface
interface Connections {

    /** @return false when the connection is gone (the caller hung up): stop talking */
    boolean post(String connectionId, String message);
}
