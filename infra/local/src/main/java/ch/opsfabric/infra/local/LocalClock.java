package ch.opsfabric.infra.local;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

/**
 * The clock every handler of the local stack uses. It runs in real time from wherever it was
 * last set, so a test can jump to 22:30 on a Friday and the stack behaves as it would then.
 * Listeners hear about every move (from, to) to fire what became due.
 */
public final class LocalClock extends Clock {

    private volatile Duration offset = Duration.ZERO;
    private final List<BiConsumer<Instant, Instant>> listeners = new CopyOnWriteArrayList<>();

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the local clock is UTC; convert with atZone");
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset);
    }

    /** Sets the time; returns the time it was before. Listeners run after the move, in the caller's thread. */
    public synchronized Instant set(Instant now) {
        Instant before = instant();
        offset = Duration.between(Instant.now(), now);
        for (BiConsumer<Instant, Instant> listener : listeners) {
            listener.accept(before, now);
        }
        return before;
    }

    public void onMove(BiConsumer<Instant, Instant> listener) {
        listeners.add(listener);
    }
}
