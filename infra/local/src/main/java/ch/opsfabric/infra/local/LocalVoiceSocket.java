package ch.opsfabric.infra.local;

import ch.opsfabric.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * API Gateway's WebSocket API for the local stack: RFC 6455 text frames on a loopback port, each
 * turned into the event API Gateway sends ({@code requestContext.routeKey} {@code $connect} /
 * {@code $default} / {@code $disconnect}, {@code eventType}, {@code connectionId}; the upgrade's
 * headers and query on {@code $connect}) for the function, whose {@code statusCode} on
 * {@code $connect} decides the upgrade. {@code POST <services>/voice/@connections/<id>} is
 * {@code PostToConnection}: the body goes to that socket as a text frame; 410 when it is gone.
 */
final class LocalVoiceSocket implements AutoCloseable {

    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private final ServerSocket server;
    private final LocalFunctions.Function function;
    private final Map<String, OutputStream> open = new ConcurrentHashMap<>();
    private final Thread acceptor;

    LocalVoiceSocket(int port, LocalFunctions.Function function) throws IOException {
        this.server = new ServerSocket(port, 16, java.net.InetAddress.getLoopbackAddress());
        this.function = function;
        this.acceptor = new Thread(this::accept, "local-voice-socket");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread t = new Thread(() -> serve(socket), "local-voice-connection");
                t.setDaemon(true);
                t.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        String connectionId = Base64.getEncoder().encodeToString(UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8))
                .substring(0, 14) + "=";
        try (socket) {
            DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
            OutputStream out = socket.getOutputStream();
            String requestLine = line(in);
            Map<String, String> headers = new LinkedHashMap<>();
            for (String header = line(in); !header.isEmpty(); header = line(in)) {
                int colon = header.indexOf(':');
                headers.put(header.substring(0, colon).strip(), header.substring(colon + 1).strip());
            }
            String target = requestLine.split(" ")[1];
            ObjectNode connect = event("$connect", "CONNECT", connectionId);
            ObjectNode h = connect.putObject("headers");
            headers.forEach(h::put);
            int q = target.indexOf('?');
            if (q >= 0) {
                ObjectNode query = connect.putObject("queryStringParameters");
                for (String pair : target.substring(q + 1).split("&")) {
                    String[] kv = pair.split("=", 2);
                    query.put(kv[0], kv.length > 1 ? kv[1] : "");
                }
            }
            String key = headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("Sec-WebSocket-Key"))
                    .map(Map.Entry::getValue).findFirst().orElse("");
            if (status(invoke(connect)) != 200 || key.isEmpty()) {
                out.write("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                return;
            }
            out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + accept(key) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            open.put(connectionId, out);
            while (true) {
                int first = in.read();
                if (first < 0) {
                    break;
                }
                int opcode = first & 0x0f;
                int second = in.readUnsignedByte();
                long length = second & 0x7f;
                if (length == 126) {
                    length = in.readUnsignedShort();
                } else if (length == 127) {
                    length = in.readLong();
                }
                byte[] mask = new byte[4];
                if ((second & 0x80) != 0) {
                    in.readFully(mask);
                }
                byte[] payload = new byte[(int) length];
                in.readFully(payload);
                for (int i = 0; i < payload.length; i++) {
                    payload[i] ^= mask[i % 4];
                }
                if (opcode == 0x8) {
                    break;
                }
                if (opcode == 0x9) {
                    frame(out, 0xA, payload);
                    continue;
                }
                if (opcode == 0x1) {
                    ObjectNode message = event("$default", "MESSAGE", connectionId);
                    message.put("body", new String(payload, StandardCharsets.UTF_8));
                    invoke(message);
                }
            }
        } catch (IOException e) {
            System.err.println("local voice socket: " + connectionId + " ended: " + e.getMessage());
        } finally {
            if (open.remove(connectionId) != null) {
                invoke(event("$disconnect", "DISCONNECT", connectionId));
            }
        }
    }

    /** {@code POST /voice/@connections/<id>}: PostToConnection. */
    void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String id = java.net.URLDecoder.decode(path.substring(path.lastIndexOf('/') + 1), StandardCharsets.UTF_8);
            byte[] body = exchange.getRequestBody().readAllBytes();
            OutputStream out = open.get(id);
            if (!exchange.getRequestMethod().equals("POST") || out == null) {
                exchange.sendResponseHeaders(out == null ? 410 : 405, -1);
                return;
            }
            synchronized (out) {
                frame(out, 0x1, body);
            }
            exchange.sendResponseHeaders(200, -1);
        }
    }

    private ObjectNode event(String routeKey, String eventType, String connectionId) {
        ObjectNode event = Json.object();
        event.putObject("requestContext").put("routeKey", routeKey).put("eventType", eventType)
                .put("connectionId", connectionId).put("domainName", "127.0.0.1:" + server.getLocalPort()).put("stage", "live")
                .put("apiId", "localvoice").put("requestId", UUID.randomUUID().toString());
        event.put("isBase64Encoded", false);
        return event;
    }

    private JsonNode invoke(ObjectNode event) {
        try {
            return Json.parse(new String(function.invoke(Json.write(event).getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            System.err.println("local voice socket: the function failed: " + e.getMessage());
            return Json.object().put("statusCode", 500);
        }
    }

    private static int status(JsonNode answer) {
        return answer.path("statusCode").asInt(200);
    }

    private static void frame(OutputStream out, int opcode, byte[] payload) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(0x80 | opcode);
        if (payload.length < 126) {
            frame.write(payload.length);
        } else if (payload.length < 65_536) {
            frame.write(126);
            frame.write(payload.length >> 8);
            frame.write(payload.length & 0xff);
        } else {
            frame.write(127);
            for (int i = 7; i >= 0; i--) {
                frame.write((int) ((long) payload.length >> (8 * i)) & 0xff);
            }
        }
        frame.write(payload);
        out.write(frame.toByteArray());
        out.flush();
    }

    private static String accept(String key) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
                    .digest((key + GUID).getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    int port() {
        return server.getLocalPort();
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            System.err.println("local voice socket: " + e.getMessage());
        }
    }

    /** For logs: {@code ws://127.0.0.1:<port>/live}. */
    String url() {
        return "ws://127.0.0.1:" + port() + "/live".toLowerCase(Locale.ROOT);
    }
}
