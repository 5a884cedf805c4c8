package ch.opsfabric.infra.local;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;

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
}
