package ch.opsfabric.whatsapp;

import ch.opsfabric.app.Priming;
import ch.opsfabric.app.SqsBatch;
import ch.opsfabric.http.ApiDispatcher;
import ch.opsfabric.http.ApiEvents;
import ch.opsfabric.json.Json;
import ch.opsfabric.log.Log;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The WhatsApp function: Meta's webhook (HTTP events) and the media queue (SQS events) in one
 * jar, told apart by the event's shape. A queue message that fails transiently is reported as a
 * batch item failure, so the queue retries it and, after five receives, keeps it in the DLQ.
 */
public final class WhatsAppHandler implements RequestStreamHandler {

    private final ApiDispatcher dispatcher;
    private final MediaWorker media;
    private final Priming priming;

    public WhatsAppHandler() {
        this(WhatsAppWiring.fromEnvironment());
    }

    public WhatsAppHandler(WhatsAppWiring wiring) {
        this.dispatcher = wiring.dispatcher();
        this.media = wiring.media();
        this.priming = Priming.register("whatsapp-intake", wiring::warmUp);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode event = Json.MAPPER.readTree(input);
        if (SqsBatch.isSqs(event)) {
            output.write(SqsBatch.failures(fetch(SqsBatch.read(event))));
            return;
        }
        ApiEvents.write(dispatcher.dispatch(ApiEvents.read(event)), output);
    }

    /** The ids of the media jobs to retry. */
    List<String> fetch(SqsBatch batch) {
        List<String> retry = new ArrayList<>();
        for (SqsBatch.Message message : batch.messages()) {
            MediaJob job;
            try {
                job = MediaJob.fromJson(message.body());
            } catch (IllegalArgumentException e) {
                // kept for a person to look at: retried into the DLQ, never dropped
                Log.error("whatsapp.media_job_unreadable", Map.of("id", message.messageId()), e);
                retry.add(message.messageId());
                continue;
            }
            if (media.handle(job) == MediaWorker.Result.RETRY) {
                retry.add(message.messageId());
            }
        }
        return retry;
    }
}
