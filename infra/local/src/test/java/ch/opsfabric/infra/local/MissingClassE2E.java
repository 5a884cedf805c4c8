package ch.opsfabric.infra.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.opsfabric.infra.emulators.SamTemplate;
import ch.opsfabric.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/**
 * The class of defect that would have stopped every SMS in production (a class the cloud needs
 * missing from a function's jar) fails in the local stack the same way: here the missed-call
 * jar without libphonenumber's main class. That function answers 500 as API Gateway would, its
 * log says which class is missing, and the other functions, each from its own jar, go on.
 */
class MissingClassE2E {

    static final String REMOVED = "com/google/i18n/phonenumbers/PhoneNumberUtil.class";

    @Test
    void aFunctionWhoseJarLacksAClassFailsLocallyAsInTheCloud() throws IOException {
        Path original = SamTemplate.projectRoot().resolve("functions/missed-call/target/missed-call-lambda.jar");
        Path broken = SamTemplate.projectRoot().resolve("infra/local/target/missed-call-without-libphonenumber.jar");
        copyWithout(original, broken, REMOVED);

        List<String> logs = new CopyOnWriteArrayList<>();
        try (LocalStack stack = LocalStack.start(0, Map.of("MissedCallFunction", broken), logs::add)) {
            LocalHttp http = new LocalHttp(stack.baseUrl());
            String body = Json.write(Json.object().put("from", "+41795550999").put("to", "+41445550101")
                    .put("callId", "missing-class-1"));
            HttpResponse<String> call = http.signedJson("/api/webhook/missed-call", body);
            assertEquals(500, call.statusCode(), call.body());
            assertEquals("{\"message\":\"Internal Server Error\"}", call.body(), "what API Gateway answers, no stack trace");
            // the runtime client reports the error first and logs it after, so the line may trail the answer
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!namesTheClass(logs) && System.nanoTime() < deadline) {
                LocalHttp.sleep(50);
            }
            assertTrue(namesTheClass(logs), "the function's log names the missing class:\n" + String.join("\n", logs));

            assertEquals(200, http.get("/sanitaer-keller/").statusCode(), "the site renderer runs from its own, complete jar");
            assertEquals(0, http.json(http.get("/_local/tickets/sanitaer-keller")).size(), "nothing was stored");
        }
    }

    private static boolean namesTheClass(List<String> logs) {
        return logs.stream().anyMatch(l -> l.startsWith("[MissedCallFunction]")
                && l.contains("com/google/i18n/phonenumbers/PhoneNumberUtil"));
    }

    static void copyWithout(Path from, Path to, String entryToDrop) throws IOException {
        try (ZipFile in = new ZipFile(from.toFile());
             OutputStream file = Files.newOutputStream(to);
             ZipOutputStream out = new ZipOutputStream(file)) {
            boolean dropped = false;
            for (Enumeration<? extends ZipEntry> entries = in.entries(); entries.hasMoreElements(); ) {
                ZipEntry entry = entries.nextElement();
                if (entry.getName().equals(entryToDrop)) {
                    dropped = true;
                    continue;
                }
                out.putNextEntry(new ZipEntry(entry.getName()));
                try (InputStream data = in.getInputStream(entry)) {
                    data.transferTo(out);
                }
                out.closeEntry();
            }
            assertTrue(dropped, from + " has " + entryToDrop);
        }
    }
}
