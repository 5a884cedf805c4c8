package ch.opsfabric.infra.local;

import ch.opsfabric.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * EventBridge Scheduler's one-time schedules, locally. Function processes reach it through the
 * real SDK ({@code AWS_ENDPOINT_URL_SCHEDULER}): {@code CreateSchedule} ({@code POST /schedules/{Name}},
 * REST-JSON) with an {@code at(...)} expression, a time zone and an SQS target. When the local
 * clock reaches the time — as time passes, or at once when {@code PUT /_local/clock} jumps past
 * it (due schedules fire in time order) — the target's input goes onto the target queue, as the
 * real scheduler does. Moving the clock back fires nothing. Like the real one, a second schedule
 * with the same name is refused with a ConflictException.
 */
final class LocalScheduler implements AutoCloseable {

    private static final Pattern AT = Pattern.compile("at\\((\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2})\\)");

    private record Pending(String name, String queueUrl, String body, Instant at, long sequence) {
    }

    private final SqsClient sqs;
    private final Function<String, String> queueUrlByArn;
    private final Clock clock;
    private final PriorityQueue<Pending> pending = new PriorityQueue<>((a, b) -> a.at().equals(b.at())
            ? Long.compare(a.sequence(), b.sequence()) : a.at().compareTo(b.at()));
    private final Set<String> names = new HashSet<>();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "local-scheduler");
        thread.setDaemon(true);
        return thread;
    });
    private long sequence;

    /** @param queueUrlByArn a target queue's URL from its ARN; null when there is no such queue */
    LocalScheduler(SqsClient sqs, Function<String, String> queueUrlByArn, LocalClock clock) {
        this.sqs = sqs;
        this.queueUrlByArn = queueUrlByArn;
        this.clock = clock;
        clock.onMove((from, to) -> fireDue(to));
    }

    void start() {
        ticker.scheduleWithFixedDelay(() -> fireDue(clock.instant()), 1, 1, TimeUnit.SECONDS);
    }

    private synchronized boolean add(String name, String queueUrl, String body, Instant at) {
        if (!names.add(name)) {
            return false;
        }
        pending.add(new Pending(name, queueUrl, body, at, sequence++));
        return true;
    }

    void fireDue(Instant now) {
        List<Pending> due = new ArrayList<>();
        synchronized (this) {
            while (!pending.isEmpty() && !pending.peek().at().isAfter(now)) {
                Pending next = pending.poll();
                // ActionAfterCompletion DELETE: the name is free again once the schedule ran
                names.remove(next.name());
                due.add(next);
            }
        }
        due.forEach(p -> sqs.sendMessage(b -> b.queueUrl(p.queueUrl()).messageBody(p.body())));
    }

    /** The Scheduler API as the SDK calls it; anything but CreateSchedule is refused clearly. */
    void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getPath();
            if (!exchange.getRequestMethod().equals("POST") || !path.startsWith("/schedules/")) {
                error(exchange, 400, "ValidationException", "the local scheduler serves CreateSchedule only, not "
                        + exchange.getRequestMethod() + " " + path);
                return;
            }
            String name = path.substring("/schedules/".length());
            JsonNode request;
            Instant at;
            String queueUrl;
            try {
                request = Json.parse(new String(body, StandardCharsets.UTF_8));
                Matcher expression = AT.matcher(request.path("ScheduleExpression").asText());
                if (!expression.matches()) {
                    throw new IllegalArgumentException("only at(yyyy-mm-ddThh:mm:ss) expressions run locally");
                }
                ZoneId zone = ZoneId.of(request.path("ScheduleExpressionTimezone").asText("UTC"));
                at = LocalDateTime.parse(expression.group(1)).atZone(zone).toInstant();
                queueUrl = queueUrlByArn.apply(request.path("Target").path("Arn").asText());
                if (queueUrl == null) {
                    throw new IllegalArgumentException("target " + request.path("Target").path("Arn").asText()
                            + " is not a queue of this stack");
                }
            } catch (IllegalArgumentException | DateTimeException e) {
                error(exchange, 400, "ValidationException", e.getMessage());
                return;
            }
            if (!add(request.path("GroupName").asText("default") + "/" + name, queueUrl,
                    request.path("Target").path("Input").asText(""), at)) {
                error(exchange, 409, "ConflictException", "Schedule " + name + " already exists.");
                return;
            }
            send(exchange, 200, null, "{\"ScheduleArn\":\"arn:aws:scheduler:eu-central-2:000000000000:schedule/"
                    + request.path("GroupName").asText("default") + "/" + name + "\"}");
        }
    }

    private static void error(HttpExchange exchange, int status, String type, String message) throws IOException {
        send(exchange, status, type, Json.write(Json.object().put("Message", message)));
    }

    private static void send(HttpExchange exchange, int status, String errorType, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("content-type", "application/json");
        if (errorType != null) {
            exchange.getResponseHeaders().add("x-amzn-ErrorType", errorType);
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        ticker.shutdownNow();
    }
}
