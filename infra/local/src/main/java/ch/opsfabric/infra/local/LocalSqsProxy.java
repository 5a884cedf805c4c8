package ch.opsfabric.infra.local;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;

/**
 * SQS as the functions reach it locally ({@code AWS_ENDPOINT_URL_SQS}): ElasticMQ behind a pass-through
 * that tests can make fail ({@link LocalFaults}). The stack's own pollers read ElasticMQ directly,
 * as Lambda's event source mapping is not the functions' SDK either.
 */
final class LocalSqsProxy implements AutoCloseable {

    private final URI elasticMq;
    private final LocalFaults faults;
    private final HttpServers.Service service;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    LocalSqsProxy(URI elasticMq, LocalFaults faults) throws IOException {
        this.elasticMq = elasticMq;
        this.faults = faults;
        this.service = new HttpServers.Service("local-sqs", 8, this::serve);
    }

    URI endpoint() {
        return service.endpoint();
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
        service.close();
    }
}
