package ch.opsfabric.infra.emulators;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * s3rver (open-source S3 emulator, npm, MIT) as a child process on a loopback port, path-style,
 * with the template's buckets. Objects live in a fresh temporary folder, removed at exit.
 */
public final class S3rver implements AutoCloseable {

    private final NodeEmulator process;
    private final Path directory;

    private S3rver(NodeEmulator process, Path directory) {
        this.process = process;
        this.directory = directory;
    }

    public static S3rver start(Path home, int port, Collection<String> buckets) {
        Path directory;
        try {
            directory = Files.createTempDirectory("opsfabric-s3-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a folder for s3rver", e);
        }
        List<String> arguments = new ArrayList<>(List.of(Integer.toString(port), directory.toString()));
        arguments.addAll(buckets);
        // s3.js: s3rver with any access key accepted, as the functions sign with their own
        S3rver s3 = new S3rver(NodeEmulator.start("s3rver", home, "s3.js", arguments, port), directory);
        Runtime.getRuntime().addShutdownHook(new Thread(s3::deleteObjects, "s3rver-clean"));
        return s3;
    }

    public URI endpoint() {
        return process.endpoint();
    }

    @Override
    public void close() {
        process.close();
        deleteObjects();
    }

    private void deleteObjects() {
        if (!Files.exists(directory)) {
            return;
        }
        try (var paths = Files.walk(directory)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + directory, e);
        }
    }
}
