package ch.opsfabric.voiceagent;

import java.util.Optional;

/**
 * Where a call's state lives between WebSocket messages (DynamoDB with a TTL in the cloud), by
 * the socket's connection id: ConversationRelay names the call only in its first message.
 */
interface CallStore {

    Optional<CallState> find(String connectionId);

    void save(String connectionId, CallState state);
}
