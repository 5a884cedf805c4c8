package ch.opsfabric.infra.local;

import ch.opsfabric.json.Json;
import ch.opsfabric.webhook.OpsFabricSignature;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code infra/bench load [requests] [clients]}: the local stack under a mixed load across 100
 * tenants onboarded through the operator API: missed calls (40 %), SMS replies "2" to those calls'
 * menus (20 %), wizard posts (20 %) and page views (20 %), sent by {@code clients} concurrent
 * clients (default 8) as fast as the stack answers on this machine. It prints the rate and p50/p99
 * per route, waits for the outbound queue to drain, then checks: 0 × 5xx, 0 lost tickets (every
 * accepted call and form is a ticket), 0 duplicate SMS (one menu per call, one answer per reply,
 * one confirmation per form). The wizard's per-address rate limit is lifted for the run (every
 * client here is one address); it is the one setting that differs from the local stack.
 */
public final class LoadBench {

    private static final int TENANTS = 100;

    private record Sent(String kind, int status, long nanos) {
    }

    private LoadBench() {
    }

    /** What the checks after a run found; all zero and every call with its menu is a pass. */
    record Checks(long serverErrors, long lostTickets, long calls, long forms, long duplicateSms, long menus) {
        boolean passed() {
            return serverErrors == 0 && lostTickets == 0 && duplicateSms == 0 && menus == calls;
        }
    }

    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        Checks checks;
        try (LocalStack stack = startWithoutIntakeLimit(line -> { })) {
            checks = run(stack.baseUrl(), requests, clients, TENANTS, System.out);
        }
        System.out.println(checks.passed() ? "OK" : "FAILED");
        if (!checks.passed()) {
            System.exit(1);
        }
    }

    /** The local stack with the wizard's per-address limit lifted: every client here is one address. */
    static LocalStack startWithoutIntakeLimit(java.util.function.Consumer<String> logs) {
        System.setProperty("opsfabric.local.intakeRatePerMinute", "1000000");
        try {
            return LocalStack.start(0, Map.of(), logs);
        } finally {
            // read once, when the functions' environment is built: later stacks in this JVM keep the limit
            System.clearProperty("opsfabric.local.intakeRatePerMinute");
        }
    }

    /** Onboards {@code tenants}, sends the mixed load, waits for the outbound queue, checks; prints as it goes. */
    static Checks run(String base, int requests, int clients, int tenants, java.io.PrintStream out) throws Exception {
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).build();
        long onboard = System.nanoTime();
        for (int t = 0; t < tenants; t++) {
            String body = """
                    {"slug":"last-%03d","name":"Lasttest %03d GmbH","branch":"handwerk","lines":["+41446%06d"],
                     "ownerMobile":"+41796%06d","config":{"sms":{"provider":"console","sender":"Last"}}}"""
                    .formatted(t, t, t, t);
            HttpResponse<String> created = http.send(OperatorRequests.signed("POST", URI.create(base + "/api/admin/tenants"), body),
                    HttpResponse.BodyHandlers.ofString());
            if (created.statusCode() != 201) {
                throw new IllegalStateException("tenant " + t + ": " + created.statusCode() + " " + created.body());
            }
        }
        out.printf("onboarded %d tenants through the operator API in %.1f s%n", tenants,
                (System.nanoTime() - onboard) / 1e9);

        // the plan: each missed call gets a distinct caller; a reply goes to a call planned before it
        List<String[]> plan = new ArrayList<>();
        List<String[]> calls = new ArrayList<>();
        java.util.Random random = new java.util.Random(42);
        for (int i = 0; i < requests; i++) {
            int tenant = random.nextInt(tenants);
            int pick = random.nextInt(10);
            String caller = "+4177%07d".formatted(i);
            if (pick < 4 || pick < 6 && calls.isEmpty()) {
                String[] call = {"call", Integer.toString(tenant), caller, "load-" + i};
                calls.add(call);
                plan.add(call);
            } else if (pick < 6) {
                String[] call = calls.remove(random.nextInt(calls.size()));
                plan.add(new String[] {"reply", call[1], call[2], "reply-" + i});
            } else if (pick < 8) {
                plan.add(new String[] {"wizard", Integer.toString(tenant), caller, ""});
            } else {
                plan.add(new String[] {"page", Integer.toString(tenant), "", ""});
            }
        }
        int smsBefore = json(http, base + "/_local/sms").size();
        ConcurrentLinkedQueue<Sent> results = new ConcurrentLinkedQueue<>();
        Map<String, String> wizardTickets = new ConcurrentHashMap<>();
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long started = System.nanoTime();
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            running.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < plan.size(); i = next.getAndIncrement()) {
                    String[] step = plan.get(i);
                    long t0 = System.nanoTime();
                    HttpResponse<String> answer = http.send(request(base, step), HttpResponse.BodyHandlers.ofString());
                    results.add(new Sent(step[0], answer.statusCode(), System.nanoTime() - t0));
                    if (step[0].equals("wizard") && answer.statusCode() / 100 == 2) {
                        wizardTickets.put(step[2], Json.parse(answer.body()).path("ticketId").asText());
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : running) {
            f.get();
        }
        pool.shutdown();
        double seconds = (System.nanoTime() - started) / 1e9;
        out.printf("%n%d requests from %d clients in %.1f s: %.0f requests/s%n", results.size(), clients, seconds,
                results.size() / seconds);
        Map<String, List<Long>> byKind = new TreeMap<>();
        Map<String, Integer> statuses = new TreeMap<>();
        for (Sent s : results) {
            byKind.computeIfAbsent(s.kind(), k -> new ArrayList<>()).add(s.nanos());
            statuses.merge(s.kind() + " " + s.status(), 1, Integer::sum);
        }
        out.printf("%-8s %6s %9s %9s%n", "route", "n", "p50 ms", "p99 ms");
        byKind.forEach((kind, list) -> {
            Collections.sort(list);
            out.printf("%-8s %6d %9.1f %9.1f%n", kind, list.size(), list.get(list.size() / 2) / 1e6,
                    list.get((int) Math.min(list.size() - 1, Math.ceil(list.size() * 0.99) - 1)) / 1e6);
        });
        out.println("answers: " + statuses);

        // the checks, once the outbound queue is empty
        long drainStart = System.nanoTime();
        while (true) {
            JsonNode queue = json(http, base + "/_local/queues").path("OutboundSmsQueue");
            if (queue.path("visible").asInt() + queue.path("inFlight").asInt() == 0) {
                break;
            }
            Thread.sleep(250);
        }
        Thread.sleep(1000);
        out.printf("outbound queue drained %.1f s after the last request%n", (System.nanoTime() - drainStart) / 1e9);
        long serverErrors = results.stream().filter(r -> r.status() >= 500).count();
        Map<String, Integer> ticketsByPhone = new HashMap<>();
        for (int t = 0; t < tenants; t++) {
            for (JsonNode ticket : json(http, base + "/_local/tickets/last-%03d".formatted(t))) {
                ticketsByPhone.merge(ticket.path("phone").asText(), 1, Integer::sum);
            }
        }
        long acceptedCalls = plan.stream().filter(p -> p[0].equals("call")).count();
        long lost = plan.stream().filter(p -> p[0].equals("call") || p[0].equals("wizard"))
                .filter(p -> ticketsByPhone.getOrDefault(p[2], 0) != 1).count();
        Map<String, Integer> smsByKey = new HashMap<>();
        JsonNode sms = json(http, base + "/_local/sms");
        for (int i = smsBefore; i < sms.size(); i++) {
            smsByKey.merge(sms.get(i).path("to").asText() + " " + sms.get(i).path("kind").asText(), 1, Integer::sum);
        }
        long duplicateSms = smsByKey.values().stream().filter(n -> n > 1).count();
        long menus = smsByKey.keySet().stream().filter(k -> k.endsWith(" missed_call_menu")).count();
        out.printf("%nchecks: %d × 5xx, %d lost tickets (of %d calls and %d forms), %d duplicate SMS, "
                        + "%d of %d calls got their menu%n", serverErrors, lost, acceptedCalls, wizardTickets.size(),
                duplicateSms, menus, acceptedCalls);
        return new Checks(serverErrors, lost, acceptedCalls, wizardTickets.size(), duplicateSms, menus);
    }

    private static HttpRequest request(String base, String[] step) {
        int tenant = Integer.parseInt(step[1]);
        String slug = "last-%03d".formatted(tenant);
        String line = "+41446%06d".formatted(tenant);
        HttpRequest.Builder request = HttpRequest.newBuilder().timeout(Duration.ofSeconds(30));
        return switch (step[0]) {
            case "call" -> signed(request, base + "/api/webhook/missed-call", Json.write(Json.object()
                    .put("from", step[2]).put("to", line).put("callId", step[3])));
            case "reply" -> signed(request, base + "/api/webhook/sms-reply", Json.write(Json.object()
                    .put("from", step[2]).put("to", line).put("text", "2").put("messageId", step[3])));
            case "wizard" -> request.uri(URI.create(base + "/api/ticket")).header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(Json.write(Json.object().put("slug", slug).put("flow", "standard")
                            .put("name", "Last Test").put("phone", step[2]).put("category", "Heizung")
                            .put("message", "Heizung kalt").put("address", "Seeweg 1, 8000 Zürich")))).build();
            default -> request.uri(URI.create(base + "/" + slug + "/")).GET().build();
        };
    }

    private static HttpRequest signed(HttpRequest.Builder request, String url, String body) {
        return request.uri(URI.create(url)).header("content-type", "application/json")
                .header(OpsFabricSignature.HEADER, OpsFabricSignature.sign("dev-webhook-secret", body.getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static JsonNode json(HttpClient http, String url) throws Exception {
        return Json.parse(http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body());
    }
}
