package ch.opsfabric.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Provider payloads from {@code src/test/resources/fixtures}, as exact bytes. */
public final class Fixtures {

    private Fixtures() {
    }

    public static byte[] bytes(String path) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The bytes as ISO-8859-1 text: form bodies are ASCII, so this is loss-free. */
    public static String text(String path) {
        return new String(bytes(path), StandardCharsets.ISO_8859_1);
    }
}
