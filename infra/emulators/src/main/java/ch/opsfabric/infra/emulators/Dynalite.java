package ch.opsfabric.infra.emulators;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * dynalite (open-source DynamoDB emulator, npm) as a child process on a loopback port.
 * In-memory only: every start is an empty database.
 */
public final class Dynalite implements AutoCloseable {

    private final Process process;
    private final URI endpoint;

    private Dynalite(Process process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    public static Dynalite start(Path home, int port) {
        Path cli = home.resolve("node_modules/dynalite/cli.js");
        if (!Files.isRegularFile(cli)) {
            throw new IllegalStateException("dynalite is not installed at " + cli
                    + " (run `npm ci` in infra/emulators/node, which the Maven build does by itself)");
        }
        ProcessBuilder builder = new ProcessBuilder(List.of("node", cli.toString(),
                "--port", Integer.toString(port), "--host", "127.0.0.1",
                "--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0"))
                .redirectErrorStream(true);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start node for dynalite: " + e.getMessage(), e);
        }
        CountDownLatch listening = new CountDownLatch(1);
        StringBuilder output = new StringBuilder();
        Thread drain = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    synchronized (output) {
                        output.append(line).append('\n');
                    }
                    if (line.contains("listening")) {
                        listening.countDown();
                    }
                }
            } catch (IOException e) {
                // the process ended; its exit is noticed by the start-up wait below
                listening.countDown();
            }
        }, "dynalite-output");
        drain.setDaemon(true);
        drain.start();
        Dynalite dynalite = new Dynalite(process, URI.create("http://127.0.0.1:" + port));
        Runtime.getRuntime().addShutdownHook(new Thread(dynalite::close, "dynalite-stop"));
        try {
            if (!listening.await(20, TimeUnit.SECONDS) || !process.isAlive()) {
                dynalite.close();
                synchronized (output) {
                    throw new IllegalStateException("dynalite did not start on port " + port + ":\n" + output);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            dynalite.close();
            throw new IllegalStateException("interrupted while starting dynalite", e);
        }
        return dynalite;
    }

    public URI endpoint() {
        return endpoint;
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
