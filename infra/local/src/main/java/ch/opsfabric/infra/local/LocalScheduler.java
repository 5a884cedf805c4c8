package ch.opsfabric.infra.local;

import ch.opsfabric.messaging.DeferredDelivery;
import ch.opsfabric.messaging.OutboundSms;
import ch.opsfabric.messaging.SmsOutbox;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * EventBridge Scheduler's one-time schedules, locally: a deferred SMS waits here and goes onto the
 * outbound queue when the local clock reaches its time — as time passes, or at once when
 * {@code PUT /_local/clock} jumps past it (due schedules fire in time order). Moving the clock
 * back fires nothing. Like the real one, a second schedule with the same name is refused.
 */
final class LocalScheduler implements DeferredDelivery, AutoCloseable {

    private record Pending(OutboundSms sms, Instant at, long sequence) {
    }

    private final SmsOutbox outbox;
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

    LocalScheduler(SmsOutbox outbox, LocalClock clock) {
        this.outbox = outbox;
        this.clock = clock;
        clock.onMove((from, to) -> fireDue(to));
    }

    void start() {
        ticker.scheduleWithFixedDelay(() -> fireDue(clock.instant()), 1, 1, TimeUnit.SECONDS);
    }

    @Override
    public synchronized void defer(OutboundSms sms, Instant at, ZoneId zone) {
        if (names.add(sms.tenantId() + "|" + sms.idempotencyKey())) {
            pending.add(new Pending(sms, at, sequence++));
        }
    }

    void fireDue(Instant now) {
        List<OutboundSms> due = new ArrayList<>();
        synchronized (this) {
            while (!pending.isEmpty() && !pending.peek().at().isAfter(now)) {
                Pending next = pending.poll();
                names.remove(next.sms().tenantId() + "|" + next.sms().idempotencyKey());
                due.add(next.sms());
            }
        }
        due.forEach(outbox::enqueue);
    }

    @Override
    public void close() {
        ticker.shutdownNow();
    }
}
