package ch.opsfabric.infra.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.opsfabric.crypto.Hashes;
import ch.opsfabric.infra.emulators.SamTemplate;
import ch.opsfabric.webhook.OpsFabricSignature;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Generated malformed requests, {@value #PER_ROUTE} for every route of template.yaml, each
 * authenticated as its caller would be (webhook signatures, Basic auth, staff keys) so that the
 * parsers are reached, and each broken in a way no route may accept: a JSON object cut short,
 * garbage after it, a key twice, malformed UTF-8, nesting 3,000 deep, random bytes, the wrong
 * content type, broken percent escapes in forms and queries, odd path values. Every answer must be
 * a 4xx (a page may answer a GET with 2xx/3xx), never a 5xx or a stack trace, and afterwards no
 * ticket, SMS, e-mail or WhatsApp message exists that was not there before. The seed is printed;
 * {@code -Dfuzz.seed=…} repeats a run.
 */
class FuzzE2E extends AgainstLocalStack {

    static final int PER_ROUTE = 1000;
    private static final String STAFF = "Bearer dev-key-sanitaer-keller";
    private static final String POSTMARK = "Basic " + Base64.getEncoder().encodeToString(
            "postmark:dev-postmark-password".getBytes(StandardCharsets.UTF_8));

    private record Route(String method, String path, boolean iam) {
    }

    @Test
    void noGeneratedMalformedRequestGetsA5xxAStackTraceOrChangesAnything() throws Exception {
        long seed = Long.getLong("fuzz.seed", System.nanoTime());
        System.out.println("fuzz seed " + seed + " (-Dfuzz.seed=" + seed + " repeats this run)");
        int[] before = counts();
        List<Route> routes = routes();
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).build();
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        AtomicInteger sent = new AtomicInteger();
        long started = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> runs = new ArrayList<>();
        for (int r = 0; r < routes.size(); r++) {
            Route route = routes.get(r);
            Random random = new Random(seed + r);
            runs.add(pool.submit(() -> {
                for (int i = 0; i < PER_ROUTE; i++) {
                    HttpRequest request = request(route, random);
                    try {
                        HttpResponse<String> answer = client.send(request, HttpResponse.BodyHandlers.ofString());
                        sent.incrementAndGet();
                        int status = answer.statusCode();
                        boolean ok = status >= 400 && status < 500
                                || route.method().equals("GET") && (status == 200 || status == 301 || status == 302 || status == 303);
                        if (!ok || answer.body().contains("Exception") || answer.body().contains("\tat ")) {
                            problems.add(route.method() + " " + route.path() + " → " + status + " (e.g. " + request.uri()
                                    + " " + abbreviate(answer.body()) + ")");
                        }
                    } catch (java.io.IOException e) {
                        problems.add(request.method() + " " + request.uri() + " → " + e);
                    }
                }
                return null;
            }));
        }
        for (Future<?> run : runs) {
            run.get();
        }
        pool.shutdown();
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("fuzz: %d requests over %d routes in %.1f s (%.0f/s), %d problems%n",
                sent.get(), routes.size(), seconds, sent.get() / seconds, problems.size());
        assertTrue(routes.size() > 40, "routes: " + routes.size());
        assertEquals(routes.size() * PER_ROUTE, sent.get());
        // grouped by route and answer, one example each
        java.util.Map<String, List<String>> grouped = new java.util.TreeMap<>();
        problems.forEach(p -> grouped.computeIfAbsent(p.substring(0, p.indexOf(" (e.g.")), k -> new ArrayList<>()).add(p));
        StringBuilder report = new StringBuilder();
        grouped.forEach((key, list) -> report.append(list.size()).append(" × ").append(list.get(0)).append('\n'));
        assertTrue(problems.isEmpty(), problems.size() + " problems:\n" + report);
        LocalHttp.sleep(1500);
        int[] after = counts();
        assertEquals(List.of(before[0], before[1], before[2], before[3]), List.of(after[0], after[1], after[2], after[3]),
                "tickets, SMS, e-mails, WhatsApp messages");
    }

    private static List<Route> routes() {
        List<Route> routes = new ArrayList<>();
        SamTemplate.locate().resourcesOfType("AWS::Serverless::Function").values().forEach(function ->
                function.path("Properties").path("Events").forEach(event -> {
                    if (event.path("Type").asText().equals("HttpApi")) {
                        JsonNode p = event.path("Properties");
                        String method = p.path("Method").asText().toUpperCase();
                        routes.add(new Route(method.equals("ANY") ? "POST" : method, p.path("Path").asText(),
                                p.path("Auth").path("Authorizer").asText().equals("AWS_IAM")));
                    }
                }));
        return routes;
    }

    private HttpRequest request(Route route, Random random) {
        String path = path(route.path(), random);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.baseUrl() + path + query(route, random)))
                .timeout(Duration.ofSeconds(20));
        if (route.path().startsWith("/api/tickets") || route.path().startsWith("/api/contacts")) {
            request.header("Authorization", STAFF);
        }
        if (route.method().equals("GET") || route.method().equals("DELETE")) {
            return request.method(route.method(), HttpRequest.BodyPublishers.noBody()).build();
        }
        boolean form = isForm(route.path());
        byte[] body = form ? brokenForm(random) : brokenJson(seedJson(route.path()), random);
        String type = form ? "application/x-www-form-urlencoded" : "application/json";
        if (random.nextInt(12) == 0) {
            // a valid body under a type the route does not take
            body = form ? "From=%2B41795559901&Body=1".getBytes(StandardCharsets.UTF_8) : seedJson(route.path());
            type = random.nextBoolean() ? "text/plain" : "application/xml";
        }
        request.header("content-type", type);
        if (route.path().equals("/api/webhook/missed-call") || route.path().equals("/api/webhook/sms-reply")) {
            request.header(OpsFabricSignature.HEADER, OpsFabricSignature.sign("dev-webhook-secret", body));
        } else if (route.path().equals("/api/webhook/whatsapp/meta")) {
            request.header("X-Hub-Signature-256", "sha256=" + HexFormat.of().formatHex(
                    Hashes.hmac("HmacSHA256", "dev-meta-app-secret", body)));
        } else if (route.path().startsWith("/api/webhook/email/postmark")) {
            request.header("Authorization", POSTMARK);
        }
        // the cron's trigger reads no body, so a signed-in one is a run, not bad input: it goes unauthorised
        return request.method(route.method(), HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }

    private static boolean isForm(String path) {
        return path.contains("twilio") || path.contains("sipgate") || path.contains("ecall") || path.startsWith("/app")
                || path.equals("/{slug}/anfrage");
    }

    /** A valid body of the route, the starting point of every mutation. */
    private static byte[] seedJson(String path) {
        String json = switch (path) {
            case "/api/webhook/missed-call" -> "{\"from\":\"079 555 99 01\",\"to\":\"+41445550101\",\"callId\":\"fz-1\"}";
            case "/api/webhook/sms-reply" -> "{\"from\":\"+41795559901\",\"to\":\"+41445550101\",\"text\":\"1\",\"messageId\":\"fz-1\"}";
            case "/api/webhook/whatsapp/meta" -> "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"1\",\"changes\":"
                    + "[{\"field\":\"messages\",\"value\":{\"messaging_product\":\"whatsapp\",\"metadata\":{\"phone_number_id\":\"1\"},"
                    + "\"messages\":[{\"from\":\"41795559901\",\"id\":\"wamid.fz\",\"timestamp\":\"1764600000\",\"type\":\"text\","
                    + "\"text\":{\"body\":\"Hallo\"}}]}}]}]}";
            case "/api/webhook/email/postmark/{token}" -> "{\"MessageID\":\"fz-1\",\"From\":\"fuzz@example.ch\","
                    + "\"MailboxHash\":\"sanitaer-keller\",\"Subject\":\"Hallo\",\"TextBody\":\"Bitte rufen Sie an\",\"Headers\":[]}";
            case "/api/tickets/{id}" -> "{\"status\":\"CLOSED\",\"note\":\"fz\"}";
            case "/api/contacts/{id}/merge" -> "{\"into\":\"C000000000000000\"}";
            case "/api/contacts/{id}/erase" -> "{\"confirm\":\"C000000000000000\"}";
            default -> "{\"slug\":\"sanitaer-keller\",\"flow\":\"standard\",\"name\":\"Fuzz\",\"phone\":\"079 555 99 02\","
                    + "\"category\":\"Heizung\",\"message\":\"Heizung kalt\"}";
        };
        return json.getBytes(StandardCharsets.UTF_8);
    }

    /** The valid object broken so that no parser may take it. */
    private static byte[] brokenJson(byte[] valid, Random random) {
        String text = new String(valid, StandardCharsets.UTF_8);
        return switch (random.nextInt(6)) {
            case 0 -> text.substring(0, 1 + random.nextInt(text.length() - 1)).getBytes(StandardCharsets.UTF_8);
            case 1 -> (text + List.of("x", "}", "]", "{}", "1", ",", "\"a\"", "null").get(random.nextInt(8)))
                    .getBytes(StandardCharsets.UTF_8);
            case 2 -> {
                String key = text.substring(2, text.indexOf('"', 2));
                yield (text.substring(0, text.length() - 1) + ",\"" + key + "\":\"dup\"}").getBytes(StandardCharsets.UTF_8);
            }
            case 3 -> {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                int at = text.indexOf(":\"") + 2;
                out.writeBytes(text.substring(0, at).getBytes(StandardCharsets.UTF_8));
                out.writeBytes(new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF});
                out.writeBytes(text.substring(at).getBytes(StandardCharsets.UTF_8));
                yield out.toByteArray();
            }
            case 4 -> ("{\"a\":".repeat(3000) + "1" + "}".repeat(3000)).getBytes(StandardCharsets.UTF_8);
            default -> {
                byte[] bytes = new byte[1 + random.nextInt(300)];
                random.nextBytes(bytes);
                bytes[0] = '#';
                yield bytes;
            }
        };
    }

    /** A form with a broken percent escape somewhere: undecodable whatever else it says. */
    private static byte[] brokenForm(Random random) {
        String[] broken = {"%", "%4", "%G1", "%zz", "%%"};
        List<String> pairs = new ArrayList<>(List.of("From=%2B41795559903", "To=%2B41445550101", "Body=1",
                "CallStatus=no-answer", "AddressFrom=0795559903", "Message=Hallo", "mobile=0795559903", "_csrf=x",
                "name=Fuzz", "phone=0795559903"));
        java.util.Collections.shuffle(pairs, random);
        List<String> sent = new ArrayList<>(pairs.subList(0, 1 + random.nextInt(pairs.size())));
        // at the end of a value, so that no hex digit after it can complete the escape
        int at = random.nextInt(sent.size());
        sent.set(at, sent.get(at) + broken[random.nextInt(broken.length)]);
        return String.join("&", sent).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String path(String route, Random random) {
        if (route.equals("$default")) {
            return "/" + pathValue(random) + "/" + pathValue(random) + "/" + pathValue(random);
        }
        StringBuilder out = new StringBuilder();
        for (String segment : route.substring(1).split("/")) {
            out.append('/');
            if (segment.equals("{token}") && route.startsWith("/api/webhook/email")) {
                out.append("dev-email-token");
            } else if (segment.startsWith("{")) {
                out.append(pathValue(random));
            } else {
                out.append(segment);
            }
        }
        return out.toString();
    }

    private static String pathValue(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> "sanitaer-keller";
            case 1 -> "%00%0A";
            case 2 -> "9".repeat(1 + random.nextInt(400));
            case 3 -> "..%2F..%2Fetc%2Fpasswd";
            case 4 -> "%C3%28%FF";
            default -> "x" + Integer.toHexString(random.nextInt());
        };
    }

    private static String query(Route route, Random random) {
        if (!route.method().equals("GET") || random.nextInt(3) == 0) {
            return "";
        }
        return switch (random.nextInt(5)) {
            // a URI cannot carry a malformed escape (API Gateway refuses those itself): %25 is the escape sent as text
            case 0 -> "?limit=" + (random.nextBoolean() ? "-1" : "999999999999") + "&cursor=%25ZZ";
            case 1 -> "?hub.mode=subscribe&hub.verify_token=%25G1&hub.challenge=" + "9".repeat(500);
            case 2 -> "?flow=%C3%28&ref=" + "x".repeat(2000);
            case 3 -> "?Function=Answer&AddressFrom=%25&Message=%FF&TimeStamp=31.02.2026%2025:61:61";
            default -> "?status=NOPE&range=%00";
        };
    }

    private static int[] counts() {
        int tickets = 0;
        for (String slug : List.of("sanitaer-keller", "bella-vista", "nur-kontakt")) {
            tickets += http.json(http.get("/_local/tickets/" + slug)).size();
        }
        return new int[] {tickets, http.json(http.get("/_local/sms")).size(), http.json(http.get("/_local/email")).size(),
                http.json(http.get("/_local/whatsapp")).size()};
    }

    private static String abbreviate(String body) {
        return body.length() > 160 ? body.substring(0, 160) + "…" : body;
    }
}
