package ch.opsfabric.infra.local;

import ch.opsfabric.json.Json;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * One function of template.yaml as Lambda runs it: its own shaded jar in a task root, Amazon's
 * runtime interface client (the code the managed java21 runtime is built from) in a fresh JVM,
 * and a Runtime API (2018-06-01) served here, one per execution environment. The event travels
 * as JSON; the runtime client's own serializer turns it into the handler's type, so a jar that
 * lacks a class the cloud needs fails here too.
 *
 * <p>Like one Lambda execution environment, it serves one invocation at a time. An environment
 * whose runtime exited, whose init failed, or that timed out is thrown away; the next
 * invocation starts a fresh one (a cold start).
 */
final class FunctionProcess implements AutoCloseable {

    static final String RUNTIME_CLIENT_MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
    private static final String API = "/2018-06-01/runtime";
    /** Lambda gives init 10 s; two cores starting every function at once need more. */
    private static final long INIT_TIMEOUT_SECONDS = 60;

    static final String NATIVE_LIBRARY_PROPERTY =
            "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";


    /** What runs: a function of the template, resolved to local paths and values. */
    record Spec(String logicalId, String handler, Path jar, int memoryMb, int timeoutSeconds,
                Map<String, String> environment) {

        String functionArn() {
            return "arn:aws:lambda:eu-central-2:000000000000:function:" + logicalId;
        }
    }

    /** An invocation that did not produce a response: the function's error, an init error, a timeout, an exit. */
    static final class InvocationFailed extends RuntimeException {
        private final String errorType;
        private final String payload;

        InvocationFailed(String errorType, String message, String payload) {
            super(errorType + ": " + message);
            this.errorType = errorType;
            this.payload = payload;
        }

        /** e.g. {@code Runtime.ExitError}, {@code Sandbox.Timedout} or the function's exception class. */
        String errorType() {
            return errorType;
        }

        /** The error document the runtime client posted, or one written here in the same shape. */
        String payload() {
            return payload;
        }
    }

    /** Times of one environment's start, in {@link System#nanoTime} terms. */
    record Init(long spawnedAt, long readyAt) {
        long millis() {
            return (readyAt - spawnedAt) / 1_000_000;
        }
    }

    private final Spec spec;
    private final Path runtimeLibraries;
    private final Path taskRoot;
    private final Consumer<String> logs;
    private Environment current;
    private volatile boolean closed;

    /**
     * @param runtimeLibraries the runtime client's jars (infra/lambda-runtime/target/lib)
     * @param workDir          where the task root is laid out
     * @param logs             receives every line the function process prints
     */
    FunctionProcess(Spec spec, Path runtimeLibraries, Path workDir, Consumer<String> logs) {
        if (!Files.isRegularFile(spec.jar())) {
            throw new IllegalStateException(spec.logicalId() + ": its jar " + spec.jar()
                    + " is not built (mvn package builds it)");
        }
        this.spec = spec;
        this.runtimeLibraries = runtimeLibraries;
        this.logs = logs;
        this.taskRoot = taskRoot(spec, workDir);
    }

    /**
     * Lambda unpacks the deployment package into /var/task; the runtime client's class loader
     * reads /var/task and /var/task/lib/*.jar. A link to the shaded jar in lib/ gives it exactly
     * the jar's classes and resources, without an unzip per start.
     */
    private static Path taskRoot(Spec spec, Path workDir) {
        try {
            Path root = workDir.resolve(spec.logicalId());
            Path lib = Files.createDirectories(root.resolve("lib"));
            Path link = lib.resolve(spec.jar().getFileName());
            try (var old = Files.list(lib)) {
                for (Path p : old.toList()) {
                    Files.delete(p);
                }
            }
            Files.createSymbolicLink(link, spec.jar().toAbsolutePath());
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lay out the task root of " + spec.logicalId(), e);
        }
    }

    String logicalId() {
        return spec.logicalId();
    }

    /** Whether the environment starts as a SnapStart version does: init, CRaC hooks (priming), restore. */
    boolean snapStart() {
        return "snap-start".equals(spec.environment().get("AWS_LAMBDA_INITIALIZATION_TYPE"));
    }

    Spec spec() {
        return spec;
    }

    /** Starts an execution environment now (the init phase) instead of on the first invocation. */
    synchronized CompletableFuture<Init> prewarm() {
        return environment().ready;
    }

    /** The init of the environment that serves the next invocation; waits for it. */
    synchronized Init awaitInit() {
        return await(environment());
    }

    /**
     * Invokes the function with the event JSON and returns its response payload.
     *
     * @throws InvocationFailed when the function or its runtime reported an error, timed out or exited
     */
    synchronized byte[] invoke(byte[] event) {
        if (closed) {
            throw new InvocationFailed("Local.Closed", "the local stack is stopping", null);
        }
        Environment env = environment();
        await(env);
        Invocation invocation = new Invocation(UUID.randomUUID().toString(), event,
                System.currentTimeMillis() + spec.timeoutSeconds() * 1000L);
        env.next.add(invocation);
        try {
            return invocation.result.get(spec.timeoutSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            // Lambda stops the environment of an invocation that ran out of time
            discard(env);
            String message = String.format("Task timed out after %d.00 seconds", spec.timeoutSeconds());
            logs.accept(invocation.id + " " + message);
            throw new InvocationFailed("Sandbox.Timedout", message, errorJson("Sandbox.Timedout", message));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof InvocationFailed failed) {
                throw failed;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InvocationFailed("Local.Interrupted", "interrupted while waiting for the function", null);
        }
    }

    private Init await(Environment env) {
        try {
            return env.ready.get(INIT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            discard(env);
            throw new InvocationFailed("Runtime.InitTimeout", spec.logicalId() + " did not finish its init in "
                    + INIT_TIMEOUT_SECONDS + " s", null);
        } catch (ExecutionException e) {
            discard(env);
            if (e.getCause() instanceof InvocationFailed failed) {
                throw failed;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InvocationFailed("Local.Interrupted", "interrupted during init", null);
        }
    }

    private Environment environment() {
        if (current == null || !current.process.isAlive()) {
            if (current != null) {
                current.close();
            }
            current = new Environment();
        }
        return current;
    }

    private void discard(Environment env) {
        env.close();
        if (current == env) {
            current = null;
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (current != null) {
            current.close();
            current = null;
        }
    }

    /** The error document the runtime client posts, for failures the local runtime itself reports. */
    static String errorJson(String type, String message) {
        return Json.write(Json.object().put("errorMessage", message).put("errorType", type));
    }

    private static final class Invocation {
        final String id;
        final byte[] event;
        final long deadlineMs;
        final CompletableFuture<byte[]> result = new CompletableFuture<>();

        Invocation(String id, byte[] event, long deadlineMs) {
            this.id = id;
            this.event = event;
            this.deadlineMs = deadlineMs;
        }
    }

    /** One execution environment: a Runtime API server and the runtime client process using it. */
    private final class Environment implements AutoCloseable {
        final LinkedBlockingQueue<Invocation> next = new LinkedBlockingQueue<>();
        final CompletableFuture<Init> ready = new CompletableFuture<>();
        final HttpServer server;
        final ExecutorService threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, spec.logicalId() + "-runtime-api");
            t.setDaemon(true);
            return t;
        });
        final Process process;
        final long spawnedAt = System.nanoTime();
        final List<Thread> readers = new ArrayList<>();
        volatile Invocation inFlight;

        Environment() {
            try {
                server = HttpServers.bind(0, 16);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open a Runtime API port", e);
            }
            server.setExecutor(threads);
            server.createContext(API + "/", this::serve);
            server.start();
            try {
                process = command().start();
            } catch (IOException e) {
                server.stop(0);
                threads.shutdownNow();
                throw new UncheckedIOException("cannot start the runtime client for " + spec.logicalId(), e);
            }
            pipe(process.getInputStream());
            pipe(process.getErrorStream());
            process.onExit().thenAccept(p -> exited(p.exitValue()));
        }

        private ProcessBuilder command() {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            // what the managed runtime starts the JVM with: serial GC, class-data sharing, heap from the memory size
            command.add("-XX:+UseSerialGC");
            command.add("-Xshare:auto");
            command.add("-XX:MaxHeapSize=" + (spec.memoryMb() * 85 / 100) + "m");
            // the runtime client unpacks its native library to a fixed /tmp path unless told where it is:
            // processes starting at once would overwrite it under each other (each Lambda sandbox has its own /tmp)
            command.add("-D" + NATIVE_LIBRARY_PROPERTY + "=" + nativeLibrary(runtimeLibraries));
            if (snapStart()) {
                // SnapStart: the runtime client runs the CRaC hooks before its "checkpoint"; org.crac reaches
                // them through this compat name (here nothing is snapshotted: the primed JVM goes on serving)
                command.add("-Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac");
            }
            command.add("-cp");
            command.add(runtimeLibraries.toAbsolutePath() + "/*");
            command.add(RUNTIME_CLIENT_MAIN);
            command.add(spec.handler());
            ProcessBuilder builder = new ProcessBuilder(command).directory(taskRoot.toFile());
            Map<String, String> env = builder.environment();
            String path = env.getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
            // a Lambda environment has its own variables only, nothing of the caller's shell
            env.clear();
            env.put("PATH", path);
            env.put("LANG", "C.UTF-8");
            env.put("TZ", ":UTC");
            env.put("LAMBDA_TASK_ROOT", taskRoot.toAbsolutePath().toString());
            env.put("_HANDLER", spec.handler());
            env.put("AWS_EXECUTION_ENV", "AWS_Lambda_java21");
            env.put("AWS_LAMBDA_FUNCTION_NAME", spec.logicalId());
            env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(spec.memoryMb()));
            env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
            env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
            env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + spec.logicalId());
            env.put("AWS_LAMBDA_LOG_STREAM_NAME", "local/" + UUID.randomUUID());
            env.put("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:" + server.getAddress().getPort());
            env.putAll(spec.environment());
            return builder;
        }

        private void pipe(InputStream stream) {
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        logs.accept(line);
                    }
                } catch (IOException endedWithTheProcess) {
                    // the pipe closes when the process is stopped; its last lines were delivered
                }
            }, spec.logicalId() + "-logs");
            reader.setDaemon(true);
            reader.start();
            readers.add(reader);
        }

        private void exited(int status) {
            InvocationFailed failure = new InvocationFailed("Runtime.ExitError",
                    "RequestId: " + (inFlight == null ? "-" : inFlight.id) + " Error: Runtime exited with error: exit status "
                            + status, errorJson("Runtime.ExitError", "Runtime exited with error: exit status " + status));
            ready.completeExceptionally(failure);
            Invocation running = inFlight;
            if (running != null) {
                running.result.completeExceptionally(failure);
            }
            next.forEach(i -> i.result.completeExceptionally(failure));
        }

        private void serve(HttpExchange exchange) throws IOException {
            try (exchange) {
                String path = exchange.getRequestURI().getPath().substring(API.length());
                String method = exchange.getRequestMethod();
                if (method.equals("GET") && path.equals("/invocation/next")) {
                    nextInvocation(exchange);
                } else if (method.equals("GET") && path.equals("/restore/next")) {
                    // after the beforeCheckpoint hooks: Lambda would snapshot here and answer on restore
                    respond(exchange, 200, "");
                } else if (method.equals("POST") && (path.equals("/init/error") || path.equals("/restore/error"))) {
                    String error = body(exchange);
                    ready.completeExceptionally(failure(exchange, error));
                    accepted(exchange);
                } else if (method.equals("POST") && path.startsWith("/invocation/")) {
                    String[] parts = path.substring("/invocation/".length()).split("/");
                    Invocation running = inFlight;
                    if (parts.length != 2 || running == null || !running.id.equals(parts[0])) {
                        respond(exchange, 400, "{\"errorMessage\":\"unknown request id\",\"errorType\":\"InvalidRequestID\"}");
                        return;
                    }
                    byte[] payload = exchange.getRequestBody().readAllBytes();
                    inFlight = null;
                    switch (parts[1]) {
                        case "response" -> running.result.complete(payload);
                        case "error" -> running.result.completeExceptionally(
                                failure(exchange, new String(payload, StandardCharsets.UTF_8)));
                        default -> {
                            respond(exchange, 404, "{\"errorMessage\":\"not found\"}");
                            return;
                        }
                    }
                    accepted(exchange);
                } else {
                    respond(exchange, 404, "{\"errorMessage\":\"not found\",\"errorType\":\"NotFound\"}");
                }
            }
        }

        private void nextInvocation(HttpExchange exchange) throws IOException {
            ready.complete(new Init(spawnedAt, System.nanoTime()));
            Invocation invocation;
            try {
                invocation = next.take();
            } catch (InterruptedException e) {
                // the environment is being thrown away
                Thread.currentThread().interrupt();
                return;
            }
            inFlight = invocation;
            var headers = exchange.getResponseHeaders();
            headers.add("Content-Type", "application/json");
            headers.add("Lambda-Runtime-Aws-Request-Id", invocation.id);
            headers.add("Lambda-Runtime-Deadline-Ms", Long.toString(invocation.deadlineMs));
            headers.add("Lambda-Runtime-Invoked-Function-Arn", spec.functionArn());
            headers.add("Lambda-Runtime-Trace-Id", traceId());
            exchange.sendResponseHeaders(200, invocation.event.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(invocation.event);
            }
        }

        private InvocationFailed failure(HttpExchange exchange, String payload) {
            String type = exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type");
            return new InvocationFailed(type == null ? "Unhandled" : type, payload, payload);
        }

        @Override
        public void close() {
            process.destroyForcibly();
            try {
                process.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            server.stop(0);
            threads.shutdownNow();
            for (Thread reader : readers) {
                try {
                    // the pipes end with the process: after this every line it printed was delivered
                    reader.join(2_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** The runtime client's JNI library for this machine, unpacked once next to its jars. */
    static synchronized Path nativeLibrary(Path runtimeLibraries) {
        String arch = switch (System.getProperty("os.arch")) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch_64";
            default -> throw new IllegalStateException("the runtime client has no native library for " + System.getProperty("os.arch"));
        };
        String name = "libaws-lambda-jni.linux-" + arch + ".so";
        Path target = runtimeLibraries.resolveSibling("jni").resolve(name);
        if (Files.isRegularFile(target)) {
            return target;
        }
        try (var jars = Files.list(runtimeLibraries)) {
            Path client = jars.filter(p -> p.getFileName().toString().startsWith("aws-lambda-java-runtime-interface-client"))
                    .findFirst().orElseThrow(() -> new IllegalStateException("no runtime client jar in " + runtimeLibraries));
            try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(client.toFile())) {
                java.util.zip.ZipEntry entry = zip.getEntry("jni/" + name);
                if (entry == null) {
                    throw new IllegalStateException(client + " has no jni/" + name);
                }
                Files.createDirectories(target.getParent());
                Path partial = Files.createTempFile(target.getParent(), name, ".part");
                try (InputStream in = zip.getInputStream(entry)) {
                    Files.copy(in, partial, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
                Files.move(partial, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack the runtime client's native library", e);
        }
    }

    private static String body(HttpExchange exchange) throws IOException {
        return new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    }

    private static void accepted(HttpExchange exchange) throws IOException {
        respond(exchange, 202, "{\"status\":\"OK\"}");
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** X-Ray's format: {@code Root=1-<8 hex epoch seconds>-<24 hex>;Parent=<16 hex>;Sampled=0}. */
    private static String traceId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        byte[] root = new byte[12];
        byte[] parent = new byte[8];
        random.nextBytes(root);
        random.nextBytes(parent);
        return "Root=1-" + Long.toHexString(System.currentTimeMillis() / 1000) + "-" + HexFormat.of().formatHex(root)
                + ";Parent=" + HexFormat.of().formatHex(parent) + ";Sampled=0";
    }
}
