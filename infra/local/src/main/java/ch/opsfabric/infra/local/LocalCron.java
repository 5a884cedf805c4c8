package ch.opsfabric.infra.local;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The template's recurring schedules ({@code ScheduleV2} with {@code rate(N minutes)}), driven by
 * the local clock: a function runs when the clock enters a new N-minute slot — once, however
 * many slots a jump skipped; moving the clock back runs nothing. Like EventBridge Scheduler, the
 * function gets the schedule's input as its event.
 */
final class LocalCron implements AutoCloseable {

    private static final Pattern RATE = Pattern.compile("rate\\((\\d+) minutes?\\)");

    private record Job(LocalFunctions.Schedule schedule, long slotSeconds, long[] lastSlot) {
    }

    private final List<Job> jobs = new ArrayList<>();
    private final LocalClock clock;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "local-cron");
        thread.setDaemon(true);
        return thread;
    });

    LocalCron(List<LocalFunctions.Schedule> schedules, LocalClock clock) {
        this.clock = clock;
        Instant now = clock.instant();
        for (LocalFunctions.Schedule schedule : schedules) {
            Matcher rate = RATE.matcher(schedule.expression());
            if (!rate.matches()) {
                throw new IllegalStateException("the local cron runs rate(N minutes) only, not " + schedule.expression());
            }
            long slot = Long.parseLong(rate.group(1)) * 60;
            jobs.add(new Job(schedule, slot, new long[] {now.getEpochSecond() / slot}));
        }
        clock.onMove((from, to) -> tick(to));
    }

    void start() {
        ticker.scheduleWithFixedDelay(() -> tick(clock.instant()), 5, 5, TimeUnit.SECONDS);
    }

    synchronized void tick(Instant now) {
        for (Job job : jobs) {
            long slot = now.getEpochSecond() / job.slotSeconds();
            if (slot > job.lastSlot()[0]) {
                job.lastSlot()[0] = slot;
                run(job);
            }
        }
    }

    private static void run(Job job) {
        try {
            // EventBridge Scheduler sends the target's Input as the event, verbatim
            job.schedule().function().invoke(job.schedule().input().getBytes(StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            // a failed run is like a failed Lambda invocation: logged, and the next slot tries again
            System.err.println("local cron: " + job.schedule().function().logicalId() + " failed: " + e);
        }
    }

    @Override
    public void close() {
        ticker.shutdownNow();
    }
}
