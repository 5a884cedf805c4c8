package ch.opsfabric.infra.emulators;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * dynalite (open-source DynamoDB emulator, npm) as a child process on a loopback port.
 * In-memory only: every start is an empty database.
 */
public final class Dynalite implements AutoCloseable {

    private final NodeEmulator process;

    private Dynalite(NodeEmulator process) {
        this.process = process;
    }

    public static Dynalite start(Path home, int port) {
        return new Dynalite(NodeEmulator.start("dynalite", home, "node_modules/dynalite/cli.js", List.of(
                "--port", Integer.toString(port), "--host", "127.0.0.1",
                "--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0"), port));
    }

    public URI endpoint() {
        return process.endpoint();
    }

    @Override
    public void close() {
        process.close();
    }
}
