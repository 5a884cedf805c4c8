package ch.opsfabric.infra.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.opsfabric.infra.emulators.SamTemplate;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every file under events/ goes through the invoke tool's path (template handler, resolved
 * environment, the event deserialized into the handler's type) and answers what
 * events/expected.json says. A new event without an expectation fails the test.
 */
class SampleEventsE2E {

    @Test
    void everySampleEventAnswersAsExpected() throws Exception {
        Path events = SamTemplate.projectRoot().resolve("events");
        JsonNode manifest = Invoke.EVENTS.readTree(Files.readString(events.resolve("expected.json")));
        TreeSet<String> files = new TreeSet<>();
        try (Stream<Path> walk = Files.walk(events)) {
            walk.filter(p -> p.toString().endsWith(".json") && !p.getFileName().toString().equals("expected.json"))
                    .forEach(p -> files.add(events.relativize(p).toString().replace('\\', '/')));
        }
        assertEquals(new TreeSet<>(iterable(manifest.get("expected").fieldNames())), files,
                "events/expected.json lists exactly the sample events");
        List<String> problems = new ArrayList<>();
        try (LocalEnvironment env = LocalEnvironment.start("http://localhost:3000")) {
            for (String file : files) {
                String function = manifest.get("functions").get(file.substring(0, file.indexOf('/'))).asText();
                Invoke.Result result = Invoke.invoke(env, function, events.resolve(file));
                Map<String, Object> outcome = Invoke.outcome(result.response());
                Map<String, Object> expected = Invoke.EVENTS.convertValue(manifest.get("expected").get(file), Map.class);
                if (!expected.equals(outcome)) {
                    problems.add(file + ": expected " + expected + ", got " + outcome);
                }
                assertTrue(result.environment().isEmpty() || result.environment().containsKey("TABLE_NAME"), file);
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    private static List<String> iterable(java.util.Iterator<String> names) {
        List<String> list = new ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }
}
