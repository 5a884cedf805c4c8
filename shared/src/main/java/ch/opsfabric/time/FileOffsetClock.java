package ch.opsfabric.time;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that runs in real time shifted by an offset that another process sets: the local
 * stack's settable clock, seen by every function process it runs. The offset (nanoseconds, one
 * long) lives in a small memory-mapped file, so reading the time costs no system call. Only the
 * local stack sets {@code OPSFABRIC_LOCAL_CLOCK}; deployed functions use the system clock.
 */
public final class FileOffsetClock extends Clock {

    private static final int SIZE = Long.BYTES;

    private final MappedByteBuffer offset;

    private FileOffsetClock(MappedByteBuffer offset) {
        this.offset = offset;
    }

    /** Reads the offset that {@link Writer} keeps in {@code file}. */
    public static FileOffsetClock open(Path file) {
        return new FileOffsetClock(map(file, FileChannel.MapMode.READ_ONLY, StandardOpenOption.READ));
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("this clock is UTC; convert with atZone");
    }

    @Override
    public Instant instant() {
        return Instant.now().plusNanos(offset.getLong(0));
    }

    /** The side that sets the offset; creates the file with offset zero. */
    public static final class Writer {

        private final MappedByteBuffer offset;

        public Writer(Path file) {
            this.offset = map(file, FileChannel.MapMode.READ_WRITE,
                    StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            offset.putLong(0, 0L);
        }

        public void set(Duration value) {
            offset.putLong(0, value.toNanos());
        }
    }

    private static MappedByteBuffer map(Path file, FileChannel.MapMode mode, StandardOpenOption... options) {
        try (FileChannel channel = FileChannel.open(file, options)) {
            return channel.map(mode, 0, SIZE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot map the clock file " + file, e);
        }
    }
}
