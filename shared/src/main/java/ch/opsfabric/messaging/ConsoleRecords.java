package ch.opsfabric.messaging;

import ch.opsfabric.json.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** What a console provider "sent": kept in memory for tests, and posted to the local stack's sink when there is one. */
final class ConsoleRecords<M> {

    private final URI sink;
    private final String what;
    private final List<M> sent = new CopyOnWriteArrayList<>();

    /** @param sink null for none; {@code what} names the channel in a failure */
    ConsoleRecords(URI sink, String what) {
        this.sink = sink;
        this.what = what;
    }

    /** @param json what the sink shows of it, built only when there is a sink */
    void record(M message, java.util.function.Supplier<ObjectNode> json) throws SmsSendException {
        if (sink != null) {
            LocalSink.post(sink, Json.write(json.get()).getBytes(StandardCharsets.UTF_8), what);
        }
        sent.add(message);
    }

    List<M> sent() {
        return List.copyOf(sent);
    }
}
