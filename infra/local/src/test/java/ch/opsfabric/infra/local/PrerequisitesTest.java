package ch.opsfabric.infra.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.opsfabric.infra.emulators.SamTemplate;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code infra/prerequisites}, which infra/run and infra/test call first, on a made-up machine: a
 * PATH holding only stand-ins for java, mvn, node, npm, id and apt-get (each printing what the real
 * one prints) and the few shell tools the script uses.
 */
class PrerequisitesTest {

    private static final Path SCRIPT = SamTemplate.projectRoot().resolve("infra/prerequisites");

    @TempDir
    Path bin;

    private record Run(int exit, String out, String err) {
    }

    private void tool(String name, String script) throws IOException {
        Path file = bin.resolve(name);
        Files.writeString(file, "#!/bin/sh\n" + script + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private void machine(String javaVersion, String mavenVersion, String nodeVersion, int uid) throws IOException {
        for (String real : List.of("grep", "tr", "sort", "head")) {
            Path found = Stream.of("/usr/bin/", "/bin/").map(d -> Path.of(d + real)).filter(Files::isExecutable)
                    .findFirst().orElseThrow();
            Files.createSymbolicLink(bin.resolve(real), found);
        }
        tool("java", "echo 'openjdk version \"" + javaVersion + "\" 2023-10-17' >&2");
        tool("mvn", "echo 'Apache Maven " + mavenVersion + " (bc0240f3c744dd6b6ec2920b3cd08dcc295161ae)'");
        if (nodeVersion != null) {
            tool("node", "echo v" + nodeVersion);
            tool("npm", "echo 10.2.4");
        }
        tool("id", "echo " + uid);
    }

    private Run run(String purpose, Map<String, String> environment) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("/bin/bash", SCRIPT.toString(), purpose);
        builder.environment().clear();
        builder.environment().put("PATH", bin.toString());
        builder.environment().put("OPSFABRIC_CHROMIUM", bin.resolve("chromium").toString());
        builder.environment().put("OPSFABRIC_CHROMEDRIVER", bin.resolve("chromedriver").toString());
        builder.environment().putAll(environment);
        Process process = builder.start();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the check finished");
        return new Run(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void aCompleteMachinePassesSilently() throws Exception {
        machine("21.0.5", "3.9.6", "22.11.0", 1000);
        tool("chromium", "true");
        tool("chromedriver", "true");
        Run run = run("test", Map.of());
        assertEquals(new Run(0, "", ""), run);
        Files.delete(bin.resolve("chromium"));
        assertEquals(0, run("run", Map.of()).exit(), "the local stack needs no browser");
    }

    @Test
    void whatIsMissingOrTooOldIsNamedWithTheExactCommandToInstallIt() throws Exception {
        machine("1.8.0_392", "3.6.3", null, 1000);
        tool("apt-get", "echo apt-get must not run as a user >&2; exit 99");
        Run run = run("test", Map.of());
        assertEquals(1, run.exit());
        assertTrue(run.err().contains("Java 17 or newer (found: 1)"), run.err());
        assertTrue(run.err().contains("Maven 3.8 or newer (found: 3.6)"), run.err());
        assertTrue(run.err().contains("Node.js 20 or newer with npm (found: node none, npm none)"), run.err());
        assertTrue(run.err().contains("  sudo apt-get update && sudo apt-get install -y openjdk-17-jdk-headless maven nodejs npm"
                + " chromium chromium-driver\n"), run.err());
        assertTrue(run.err().contains("OPSFABRIC_SKIP_BROWSER=1 infra/test"), run.err());
        assertFalse(run.err().contains("apt-get must not run"), "nothing installed without root");
        assertFalse(run.err().contains("Exception"), run.err());
    }

    @Test
    void anOldNodeIsTooOldAndTheBrowserCanBeLeftOut() throws Exception {
        machine("17.0.9", "3.8.7", "18.19.0", 1000);
        Run run = run("test", Map.of("OPSFABRIC_SKIP_BROWSER", "1"));
        assertEquals(1, run.exit());
        assertTrue(run.err().contains("(found: node 18, npm yes)"), run.err());
        assertTrue(run.err().contains("Install them with your system's package manager (Debian names: nodejs npm)"), run.err());
        assertFalse(run.err().contains("Chromium"), "skipped on request");
    }

    @Test
    void asRootWithAptWhatIsMissingIsInstalledAndCheckedAgain() throws Exception {
        machine("17.0.9", "3.9.6", null, 0);
        Path log = bin.resolve("apt.log");
        // the stand-in "installs" by putting node and npm on the PATH, as the packages would
        tool("apt-get", "echo \"$*\" >> " + log + "\n"
                + "case \"$1\" in install) printf '#!/bin/sh\\necho v20.18.1\\n' > " + bin.resolve("node")
                + "; printf '#!/bin/sh\\necho 9.2.0\\n' > " + bin.resolve("npm") + "; /bin/chmod +x " + bin.resolve("node")
                + " " + bin.resolve("npm") + ";; esac");
        Run run = run("run", Map.of());
        assertEquals(0, run.exit(), run.err());
        assertEquals("Installing what is missing: nodejs npm\n", run.out());
        assertEquals(List.of("update -qq", "install -y -qq nodejs npm"), Files.readAllLines(log));
    }
}
