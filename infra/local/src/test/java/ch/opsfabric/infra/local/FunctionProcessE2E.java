package ch.opsfabric.infra.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.opsfabric.infra.emulators.SamTemplate;
import ch.opsfabric.infra.local.handlers.FailingInitHandler;
import ch.opsfabric.infra.local.handlers.SleepingHandler;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The local execution environment against the runtime client's own behaviour: what a handler
 * reads from the Runtime API's headers, an init error, an unhandled error and a timeout, each
 * with the environment thrown away and a fresh one for the next invocation.
 */
class FunctionProcessE2E {

    static LocalEnvironment env;

    @BeforeAll
    static void start() {
        env = LocalEnvironment.start("http://localhost:3000");
    }

    @AfterAll
    static void stop() {
        env.close();
    }

    private static FunctionProcess.Spec spec(Class<?> handler, int timeoutSeconds) {
        Path jar = HelloWorldHandler.jar(handler, SamTemplate.projectRoot()
                .resolve("infra/local/target/" + handler.getSimpleName() + "-lambda.jar"));
        return new FunctionProcess.Spec(handler.getSimpleName(), handler.getName(), jar, 256, timeoutSeconds, Map.of());
    }

    @Test
    void theHandlerSeesTheDeadlineAndAnswersThroughTheRuntimeClient() throws Exception {
        try (FunctionProcess process = env.process(spec(SleepingHandler.class, 5), line -> { })) {
            JsonNode answer = Invoke.tree(process.invoke("{\"sleepMs\":10}".getBytes(StandardCharsets.UTF_8)));
            assertEquals(10, answer.get("slept").asInt());
            long remaining = answer.get("remainingMs").asLong();
            assertTrue(remaining > 3_000 && remaining <= 5_000, "the deadline header reached the Context: " + remaining);
        }
    }

    @Test
    void anInitErrorIsReportedWithItsLogAndTheNextInvocationStartsAgain() {
        List<String> logs = new CopyOnWriteArrayList<>();
        try (FunctionProcess process = env.process(spec(FailingInitHandler.class, 5), logs::add)) {
            Invoke.Result result = Invoke.invoke(env, process.spec(), "{}".getBytes(StandardCharsets.UTF_8));
            assertTrue(result.failed());
            assertEquals(-1, result.invokeMillis(), "failed in init, never invoked");
            assertTrue(result.error().contains("environment variable TABLE_NAME is not set"), result.error());
            FunctionProcess.InvocationFailed again = assertThrows(FunctionProcess.InvocationFailed.class,
                    () -> process.invoke("{}".getBytes(StandardCharsets.UTF_8)));
            assertTrue(again.payload().contains("TABLE_NAME"), "a fresh environment fails its init the same way");
        }
    }

    @Test
    void aTimedOutInvocationLosesItsEnvironment() {
        try (FunctionProcess process = env.process(spec(SleepingHandler.class, 1), line -> { })) {
            FunctionProcess.Init first = process.awaitInit();
            FunctionProcess.InvocationFailed timeout = assertThrows(FunctionProcess.InvocationFailed.class,
                    () -> process.invoke("{\"sleepMs\":3000}".getBytes(StandardCharsets.UTF_8)));
            assertEquals("Sandbox.Timedout", timeout.errorType());
            assertTrue(timeout.getMessage().contains("Task timed out after 1.00 seconds"), timeout.getMessage());
            byte[] answer = process.invoke("{\"sleepMs\":1}".getBytes(StandardCharsets.UTF_8));
            assertTrue(new String(answer, StandardCharsets.UTF_8).contains("\"slept\":1"));
            assertNotEquals(first.spawnedAt(), process.awaitInit().spawnedAt(), "a new environment served it");
        }
    }

    @Test
    void anUnhandledErrorKeepsTheEnvironment() {
        try (FunctionProcess process = env.process(spec(SleepingHandler.class, 5), line -> { })) {
            FunctionProcess.Init init = process.awaitInit();
            FunctionProcess.InvocationFailed failed = assertThrows(FunctionProcess.InvocationFailed.class,
                    () -> process.invoke("{}".getBytes(StandardCharsets.UTF_8)));
            assertTrue(failed.payload().contains("NullPointerException"), failed.payload());
            process.invoke("{\"sleepMs\":1}".getBytes(StandardCharsets.UTF_8));
            assertEquals(init.spawnedAt(), process.awaitInit().spawnedAt(), "the same environment served on");
        }
    }
}
