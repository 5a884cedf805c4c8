package ch.opsfabric.time;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileOffsetClockTest {

    @Test
    void readerSeesEveryOffsetTheWriterSets(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("clock");
        FileOffsetClock.Writer writer = new FileOffsetClock.Writer(file);
        FileOffsetClock clock = FileOffsetClock.open(file);
        assertTrue(Duration.between(Instant.now(), clock.instant()).abs().toMillis() < 1_000, "starts at real time");

        writer.set(Duration.ofDays(3));
        Duration ahead = Duration.between(Instant.now(), clock.instant());
        assertTrue(ahead.compareTo(Duration.ofDays(3).minusSeconds(1)) > 0 && ahead.compareTo(Duration.ofDays(3).plusSeconds(1)) < 0,
                "three days ahead, was " + ahead);

        writer.set(Duration.ofHours(-5));
        assertTrue(clock.instant().isBefore(Instant.now().minus(Duration.ofHours(4))), "and back");
        assertTrue(Files.size(file) == Long.BYTES);
    }
}
