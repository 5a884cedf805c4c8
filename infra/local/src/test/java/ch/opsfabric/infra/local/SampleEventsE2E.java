package ch.opsfabric.infra.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.opsfabric.infra.emulators.SamTemplate;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every file under events/ goes to its function as Lambda delivers it: the function's own shaded
 * jar, a fresh JVM under Amazon's runtime interface client, the event as JSON through the
 * runtime's serializer. Each answer must match what events/expected.json says. A new event
 * without an expectation fails the test, and so does an expectation without an event.
 *
 * <p>An expectation matches when every field it names is in the answer with that value (objects
 * field by field, arrays element for element). HTTP answers are compared as
 * {@code {"status", "headers", "body"}} with a JSON body parsed; {@code bodyContains} checks a
 * text in any other body.
 */
class SampleEventsE2E {

    @Test
    void everySampleEventAnswersAsExpectedUnderTheRuntimeClient() throws Exception {
        Path events = SamTemplate.projectRoot().resolve("events");
        JsonNode manifest = Invoke.JSON.readTree(Files.readString(events.resolve("expected.json")));
        TreeSet<String> files = new TreeSet<>();
        try (Stream<Path> walk = Files.walk(events)) {
            walk.filter(p -> p.toString().endsWith(".json") && !p.getFileName().toString().equals("expected.json"))
                    .forEach(p -> files.add(events.relativize(p).toString().replace('\\', '/')));
        }
        assertEquals(new TreeSet<>(names(manifest.get("expected").fieldNames())), files,
                "events/expected.json lists exactly the sample events");
        List<String> problems = new ArrayList<>();
        LogScan scan = new LogScan();
        var logs = scan.record();
        try (LocalEnvironment env = LocalEnvironment.start("http://localhost:3000")) {
            for (String file : files) {
                String function = manifest.get("functions").get(file.substring(0, file.indexOf('/'))).asText();
                Invoke.Result result = Invoke.invoke(env, env.spec(function), Files.readAllBytes(events.resolve(file)));
                result.logs().forEach(logs);
                JsonNode expected = manifest.get("expected").get(file);
                if (result.failed()) {
                    problems.add(file + ": failed under the runtime client: " + result.error() + "\n" + String.join("\n", result.logs()));
                    continue;
                }
                JsonNode actual = view(result.response());
                String shown = actual.toString();
                System.out.println("sample event " + file + " -> " + (shown.length() > 300 ? shown.substring(0, 300) + " …" : shown));
                String mismatch = mismatch("", expected, actual);
                if (mismatch != null) {
                    problems.add(file + ": " + mismatch + "\n  answer: " + actual);
                }
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
        assertTrue(scan.findings().isEmpty(), "unmasked personal data or secrets in the logs:\n"
                + String.join("\n", scan.findings()));
    }

    /** Distinct answers for distinct cases: a mobile, a landline and a withheld number. */
    @Test
    void theManifestTellsMissedCallCasesApart() throws IOException {
        JsonNode expected = Invoke.JSON.readTree(Files.readString(SamTemplate.projectRoot().resolve("events/expected.json")))
                .get("expected");
        List<String> outcomes = List.of(
                expected.path("missed-call/generic-mobile.json").path("body").path("outcome").asText(),
                expected.path("missed-call/generic-landline.json").path("body").path("outcome").asText(),
                expected.path("missed-call/generic-anonymous.json").path("body").path("outcome").asText());
        outcomes.forEach(o -> assertFalse(o.isEmpty(), "every missed-call case pins its outcome"));
        assertEquals(3, new TreeSet<>(outcomes).size(), "three cases, three outcomes: " + outcomes);
    }

    /** The cron's sample event is exactly what EventBridge Scheduler sends: the template's Input. */
    @Test
    void theScheduleEventIsTheTemplatesInput() throws IOException {
        SamTemplate template = SamTemplate.locate();
        JsonNode input = Invoke.JSON.readTree(template.resource("ReviewCronFunction").path("Properties").path("Events")
                .path("EveryQuarterHour").path("Properties").path("Input").asText());
        assertEquals(input, Invoke.JSON.readTree(Files.readString(SamTemplate.projectRoot().resolve("events/review-cron/schedule.json"))));
    }

    /** HTTP answers as status, headers and (parsed) body; anything else as it is. */
    static JsonNode view(byte[] response) throws IOException {
        JsonNode answer = Invoke.tree(response);
        if (answer == null || !answer.has("statusCode")) {
            return answer;
        }
        ObjectNode view = Invoke.JSON.createObjectNode();
        view.put("status", answer.get("statusCode").asInt());
        view.set("headers", answer.path("headers"));
        String body = answer.path("body").asText("");
        JsonNode parsed = null;
        if (answer.path("headers").path("content-type").asText("").startsWith("application/json") && !body.isEmpty()) {
            parsed = Invoke.tree(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        if (parsed != null) {
            view.set("body", parsed);
        } else {
            view.put("body", body);
        }
        return view;
    }

    /** @return null when {@code actual} has everything {@code expected} names, else what differs */
    static String mismatch(String at, JsonNode expected, JsonNode actual) {
        if (expected.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (field.getKey().equals("bodyContains")) {
                    if (!actual.path("body").asText().contains(field.getValue().asText())) {
                        return at + "body does not contain " + field.getValue();
                    }
                    continue;
                }
                JsonNode value = actual == null ? null : actual.get(field.getKey());
                if (value == null) {
                    return at + field.getKey() + " is missing";
                }
                String inner = mismatch(at + field.getKey() + ".", field.getValue(), value);
                if (inner != null) {
                    return inner;
                }
            }
            return null;
        }
        if (expected.isArray()) {
            if (!actual.isArray() || actual.size() != expected.size()) {
                return at + " expected " + expected + ", got " + actual;
            }
            for (int i = 0; i < expected.size(); i++) {
                String inner = mismatch(at + i + ".", expected.get(i), actual.get(i));
                if (inner != null) {
                    return inner;
                }
            }
            return null;
        }
        return expected.equals(actual) ? null : at + " expected " + expected + ", got " + actual;
    }

    private static List<String> names(Iterator<String> names) {
        List<String> list = new ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }
}
