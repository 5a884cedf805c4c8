package ch.opsfabric.voiceagent;

import ch.opsfabric.json.Json;
import ch.opsfabric.store.Keys;
import ch.opsfabric.store.SingleTable;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code VOICECALL#<connection id> / CALL}: the call's state as JSON (text only: the transcript,
 * never audio), expiring by TTL after the retention (90 days unless the tenant says
 * {@code voiceTranscriptDays}). Read consistently: the next message may reach another instance.
 */
final class DynamoCallStore implements CallStore {

    static final Duration RETENTION = Duration.ofDays(90);

    private final SingleTable db;
    private final Duration retention;

    DynamoCallStore(SingleTable db, Duration retention) {
        this.db = db;
        this.retention = retention;
    }

    @Override
    public Optional<CallState> find(String connectionId) {
        Map<String, AttributeValue> item = db.client().getItem(b -> b.tableName(db.tableName()).key(key(connectionId))
                .consistentRead(true)).item();
        if (item == null || !item.containsKey("state")) {
            return Optional.empty();
        }
        JsonNode json = Json.parse(item.get("state").s());
        List<CallState.Line> lines = new ArrayList<>();
        json.path("transcript").forEach(l -> lines.add(new CallState.Line(l.path("who").asText(), l.path("text").asText())));
        Map<String, String> fields = new LinkedHashMap<>();
        json.path("fields").fields().forEachRemaining(e -> fields.put(e.getKey(), e.getValue().asText()));
        return Optional.of(new CallState(json.path("callSid").asText(), json.path("tenantId").asText(),
                json.path("caller").asText(), json.path("lang").asText("de"), lines, fields, json.path("ended").asBoolean(),
                Instant.parse(json.path("startedAt").asText())));
    }

    @Override
    public void save(String connectionId, CallState state) {
        ObjectNode json = Json.object().put("callSid", state.callSid()).put("tenantId", state.tenantId())
                .put("caller", state.caller()).put("lang", state.lang()).put("ended", state.ended())
                .put("startedAt", state.startedAt().toString());
        ArrayNode lines = json.putArray("transcript");
        state.transcript().forEach(l -> lines.addObject().put("who", l.who()).put("text", l.text()));
        ObjectNode fields = json.putObject("fields");
        state.fields().forEach(fields::put);
        Map<String, AttributeValue> item = new java.util.HashMap<>(key(connectionId));
        item.put("state", AttributeValue.fromS(Json.write(json)));
        item.put("tenantId", AttributeValue.fromS(state.tenantId()));
        item.put(Keys.EXPIRES_AT, AttributeValue.fromN(Long.toString(state.startedAt().plus(retention).getEpochSecond())));
        db.client().putItem(b -> b.tableName(db.tableName()).item(item));
    }

    private static Map<String, AttributeValue> key(String connectionId) {
        return Map.of(Keys.PK, AttributeValue.fromS("VOICECALL#" + connectionId), Keys.SK, AttributeValue.fromS("CALL"));
    }
}
