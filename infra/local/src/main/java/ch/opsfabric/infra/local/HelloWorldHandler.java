package ch.opsfabric.infra.local;

import ch.opsfabric.infra.emulators.SamTemplate;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/**
 * The smallest handler there is, typed on a map like most handlers: the baseline a function's
 * cold start is compared with. It runs from a jar of its own that holds only this class.
 */
public final class HelloWorldHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        return Map.of("statusCode", 200, "body", "Hello, world");
    }

    /** target/hello-world-lambda.jar, written from this class's bytes. */
    static Path jar() {
        return jar(HelloWorldHandler.class, SamTemplate.projectRoot().resolve("infra/local/target/hello-world-lambda.jar"));
    }

    /** A deployment jar that holds exactly one class: a handler that needs nothing but the runtime. */
    static Path jar(Class<?> handler, Path jar) {
        String entry = handler.getName().replace('.', '/') + ".class";
        try (InputStream in = handler.getClassLoader().getResourceAsStream(entry)) {
            if (in == null) {
                throw new IllegalStateException("cannot read " + entry);
            }
            Files.createDirectories(jar.getParent());
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
                out.putNextEntry(new JarEntry(entry));
                in.transferTo(out);
                out.closeEntry();
            }
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + jar, e);
        }
    }
}
