package ch.opsfabric.smssender;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** A provider stand-in on loopback: records each request exactly and answers what the test says. */
final class RecordingHttpServer implements AutoCloseable {

    record Request(String method, String path, Map<String, List<String>> headers, String body) {
        String header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue().get(0);
                }
            }
            return null;
        }
    }

    final List<Request> requests = new CopyOnWriteArrayList<>();
    private final HttpServer server;
    private volatile int status = 200;
    private volatile String responseBody = "{}";
    private volatile long delayMillis;
    private volatile Map<String, String> responseHeaders = Map.of();
    /** Answers for the next requests, in order, before the standing one. */
    private final java.util.Queue<Object[]> script = new java.util.concurrent.ConcurrentLinkedQueue<>();

    RecordingHttpServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/", exchange -> {
            requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    Map.copyOf(exchange.getRequestHeaders()),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Object[] next = script.poll();
            int answerStatus = next == null ? status : (int) next[0];
            byte[] bytes = (next == null ? responseBody : (String) next[1]).getBytes(StandardCharsets.UTF_8);
            @SuppressWarnings("unchecked")
            Map<String, String> headers = next == null ? responseHeaders : (Map<String, String>) next[2];
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            headers.forEach(exchange.getResponseHeaders()::add);
            exchange.sendResponseHeaders(answerStatus, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            } catch (IOException clientGone) {
                // the client timed out and closed the connection; the test asserts on its side
            }
        });
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void answer(int status, String body) {
        answer(status, body, Map.of());
    }

    /** The standing answer, with these headers. */
    void answer(int status, String body, Map<String, String> headers) {
        this.status = status;
        this.responseBody = body;
        this.responseHeaders = Map.copyOf(headers);
    }

    /** The next request only gets this answer; later ones the standing one. */
    void answerOnce(int status, String body, Map<String, String> headers) {
        script.add(new Object[] {status, body, Map.copyOf(headers)});
    }

    void delay(long millis) {
        this.delayMillis = millis;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
