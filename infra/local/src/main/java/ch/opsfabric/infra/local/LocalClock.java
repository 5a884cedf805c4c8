package ch.opsfabric.infra.local;

import ch.opsfabric.time.FileOffsetClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

/**
 * The clock every function of the local stack uses. It runs in real time from wherever it was
 * last set, so a test can jump to 22:30 on a Friday and the stack behaves as it would then.
 * The offset is also written to a small file that every function process maps
 * ({@code OPSFABRIC_LOCAL_CLOCK}, read by {@link FileOffsetClock}), so they all see the same time.
 * Listeners hear about every move (from, to) to fire what became due.
 */
public final class LocalClock extends Clock implements AutoCloseable {

    private volatile Duration offset = Duration.ZERO;
    private final List<BiConsumer<Instant, Instant>> listeners = new CopyOnWriteArrayList<>();
    private final Path file;
    private final FileOffsetClock.Writer writer;

    public LocalClock() {
        try {
            this.file = Files.createTempFile("opsfabric-clock-", ".bin");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the local clock file", e);
        }
        this.writer = new FileOffsetClock.Writer(file);
    }

    /** What function processes get as {@code OPSFABRIC_LOCAL_CLOCK}. */
    public Path file() {
        return file;
    }

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
        writer.set(offset);
        for (BiConsumer<Instant, Instant> listener : listeners) {
            listener.accept(before, now);
        }
        return before;
    }

    public void onMove(BiConsumer<Instant, Instant> listener) {
        listeners.add(listener);
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            System.err.println("local clock: cannot delete " + file + ": " + e);
        }
    }
}
