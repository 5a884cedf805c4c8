package ch.opsfabric.infra.emulators;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * An npm emulator (dynalite, s3rver) as a child process on a loopback port: started with node,
 * ready when it prints its listening line, stopped with the JVM.
 */
public final class NodeEmulator implements AutoCloseable {

    private final Process process;
    private final URI endpoint;

    private NodeEmulator(Process process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    /**
     * @param script    the entry script, under {@code home}
     * @param arguments after the script
     */
    static NodeEmulator start(String name, Path home, String script, List<String> arguments, int port) {
        Path entry = home.resolve(script);
        if (!Files.isRegularFile(entry)) {
            throw new IllegalStateException(name + " is not installed at " + entry
                    + " (run `npm ci` in infra/emulators/node, which the Maven build does by itself)");
        }
        List<String> command = new ArrayList<>(List.of("node", entry.toString()));
        command.addAll(arguments);
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start node for " + name + ": " + e.getMessage(), e);
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
        }, name + "-output");
        drain.setDaemon(true);
        drain.start();
        NodeEmulator emulator = new NodeEmulator(process, URI.create("http://127.0.0.1:" + port));
        Runtime.getRuntime().addShutdownHook(new Thread(emulator::close, name + "-stop"));
        try {
            if (!listening.await(20, TimeUnit.SECONDS) || !process.isAlive()) {
                emulator.close();
                synchronized (output) {
                    throw new IllegalStateException(name + " did not start on port " + port + ":\n" + output);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            emulator.close();
            throw new IllegalStateException("interrupted while starting " + name, e);
        }
        return emulator;
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
