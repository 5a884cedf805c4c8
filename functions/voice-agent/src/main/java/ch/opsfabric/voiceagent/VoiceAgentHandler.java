package ch.opsfabric.voiceagent;

import ch.opsfabric.app.Priming;
import ch.opsfabric.json.Json;
import ch.opsfabric.log.Log;
import ch.opsfabric.webhook.TwilioSignature;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

/**
 * The ConversationRelay socket behind API Gateway's WebSocket API: {@code $connect} checks
 * {@code X-Twilio-Signature} over the socket URL Twilio called (refused: 403, no connection);
 * {@code $default} hands each message to {@link VoiceCall} and posts its answers back on the
 * connection ({@code PostToConnection}); {@code $disconnect} ends nothing (the call's state
 * expires by its TTL). Event JSON in, {@code {"statusCode"}} out.
 */
public final class VoiceAgentHandler implements RequestStreamHandler {

    private final VoiceCall call;
    private final Connections connections;
    private final String socketUrl;
    private final String authToken;
    private final Priming priming;

    public VoiceAgentHandler() {
        this(VoiceAgentWiring.fromEnvironment());
    }

    public VoiceAgentHandler(VoiceAgentWiring wiring) {
        this.call = wiring.call();
        this.connections = wiring.connections();
        this.socketUrl = wiring.socketUrl();
        this.authToken = wiring.authToken();
        this.priming = Priming.register("voice-agent", wiring::warmUp);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        output.write(Json.write(Json.object().put("statusCode", handle(Json.MAPPER.readTree(input))))
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** @return the status API Gateway answers the socket with */
    int handle(JsonNode event) {
        JsonNode context = event.path("requestContext");
        String route = context.path("routeKey").asText("");
        String connectionId = context.path("connectionId").asText("");
        switch (route) {
            case "$connect" -> {
                return signed(event) ? 200 : 403;
            }
            case "$disconnect" -> {
                return 200;
            }
            default -> {
                RelayMessage message;
                try {
                    message = RelayMessage.read(event.path("body").asText(""));
                } catch (IllegalArgumentException e) {
                    Log.warn("voice.unreadable_message", Map.of("connection", connectionId));
                    return 400;
                }
                List<String> answers = call.handle(connectionId, message);
                for (String answer : answers) {
                    if (!connections.post(connectionId, answer)) {
                        break;
                    }
                }
                return 200;
            }
        }
    }

    /** Twilio signs the URL it opened, query included, with no form parameters. */
    private boolean signed(JsonNode event) {
        String header = null;
        var headers = event.path("headers").fields();
        while (headers.hasNext()) {
            var h = headers.next();
            if (h.getKey().equalsIgnoreCase(TwilioSignature.HEADER)) {
                header = h.getValue().asText();
            }
        }
        if (header == null || authToken == null || authToken.isBlank()) {
            return false;
        }
        StringBuilder query = new StringBuilder();
        event.path("queryStringParameters").fields().forEachRemaining(e ->
                query.append(query.length() == 0 ? "?" : "&").append(e.getKey()).append('=').append(e.getValue().asText()));
        return TwilioSignature.verify(authToken, socketUrl + query, List.of(), header);
    }
}
