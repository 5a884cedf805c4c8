package ch.opsfabric.infra.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * SQS as the functions reach it locally ({@code AWS_ENDPOINT_URL_SQS}): ElasticMQ behind a pass-through
 * that tests can make fail ({@link LocalFaults}). The stack's own pollers read ElasticMQ directly,
 * as Lambda's event source mapping is not the functions' SDK either.
 */
final class LocalSqsProxy implements AutoCloseable {

    private final URI elasticMq;
    private final LocalFaults faults;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(8, r -> {
        Thread t = new Thread(r, "local-sqs");
        t.setDaemon(true);
        return t;
    });
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    LocalSqsProxy(URI elasticMq, LocalFaults faults) throws IOException {
        this.elasticMq = elasticMq;
        this.faults = faults;
        this.server = HttpServers.bind(0, 128);
        server.setExecutor(threads);
        server.createContext("/", this::serve);
        server.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (!faults.intercept("sqs", exchange.getRequestHeaders().getFirst("X-Amz-Target"), exchange)) {
                HttpForward.forward(http, elasticMq, exchange, body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
