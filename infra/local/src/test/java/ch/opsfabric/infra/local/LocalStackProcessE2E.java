package ch.opsfabric.infra.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.opsfabric.infra.emulators.FreePort;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The local stack as a user starts it: its own JVM, the ready banner, demo tenants served, and
 * a stop signal (what Ctrl-C sends) ends every process it started.
 */
class LocalStackProcessE2E {

    @Test
    void startsServesAndStopsWithItsChildren() throws Exception {
        int port = FreePort.find();
        Process process = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Dopsfabric.project.root=" + System.getProperty("opsfabric.project.root"),
                "-Dopsfabric.dynalite.home=" + System.getProperty("opsfabric.dynalite.home"),
                LocalStack.class.getName(), Integer.toString(port)))
                .redirectErrorStream(true)
                .start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            StringBuilder seen = new StringBuilder();
            String line;
            boolean ready = false;
            while ((line = out.readLine()) != null) {
                seen.append(line).append('\n');
                if (line.contains("local stack ready on http://localhost:" + port)) {
                    ready = true;
                    break;
                }
            }
            assertTrue(ready, "no ready banner:\n" + seen);
            Thread drain = new Thread(() -> {
                try {
                    out.lines().forEach(l -> { });
                } catch (java.io.UncheckedIOException endedWithTheProcess) {
                    // the pipe closes when the stack exits; nothing left to read
                }
            });
            drain.setDaemon(true);
            drain.start();

            LocalHttp http = new LocalHttp("http://localhost:" + port);
            assertEquals(200, http.get("/_local/clock").statusCode());
            assertEquals(200, http.get("/api/tickets", "Authorization", "Bearer dev-key-sanitaer-keller").statusCode());
            assertEquals(200, http.get("/api/tickets", "Authorization", "Bearer dev-key-bella-vista").statusCode());
            assertEquals(200, http.get("/api/tickets", "Authorization", "Bearer dev-key-nur-kontakt").statusCode());

            List<ProcessHandle> children = process.descendants().toList();
            assertFalse(children.isEmpty(), "dynalite runs as a child process");
            process.destroy();
            assertTrue(process.waitFor(20, TimeUnit.SECONDS), "stack stopped on SIGTERM");
            for (ProcessHandle child : children) {
                child.onExit().get(10, TimeUnit.SECONDS);
                assertFalse(child.isAlive(), "child " + child.pid() + " stopped with the stack");
            }
        } finally {
            process.destroyForcibly();
        }
    }
}
