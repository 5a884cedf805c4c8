package ch.opsfabric.voiceagent;

import java.util.Optional;

/** Where a call's state lives between WebSocket messages (DynamoDB with a TTL in the cloud). */
interface CallStore {

    Optional<CallState> find(String callSid);

    void save(CallState state);
}
