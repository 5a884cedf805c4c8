package ch.opsfabric.infra.local;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The local stack's HTTP servers (gateway, Runtime APIs, local services), all on loopback. */
final class HttpServers {

    static {
        // read once, when the first server is made: without it the JDK server leaves Nagle on, and
        // every small response waits for the peer's delayed ACK (about 40 ms on Linux loopback)
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private HttpServers() {
    }

    static HttpServer bind(int port, int backlog) throws IOException {
        return HttpServer.create(new InetSocketAddress("127.0.0.1", port), backlog);
    }

    /** Serves every path on a free loopback port with its own pool of daemon threads: the stack's proxies. */
    static final class Service implements AutoCloseable {

        private final HttpServer server;
        private final ExecutorService threads;

        Service(String threadName, int threadCount, HttpHandler handler) throws IOException {
            this.threads = Executors.newFixedThreadPool(threadCount, r -> {
                Thread t = new Thread(r, threadName);
                t.setDaemon(true);
                return t;
            });
            this.server = bind(0, 128);
            server.setExecutor(threads);
            server.createContext("/", handler);
            server.start();
        }

        URI endpoint() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        }

        @Override
        public void close() {
            server.stop(0);
            threads.shutdownNow();
        }
    }
}
