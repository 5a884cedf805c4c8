package ch.opsfabric.infra.local;

import ch.opsfabric.infra.emulators.FreePort;
import ch.opsfabric.infra.emulators.LocalAws;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code infra/bench overhead [n]}: what running functions in their own runtime-client processes
 * costs per request. The hello-world handler (no work of its own) is invoked n times, warm:
 * once straight through the local Runtime API (event JSON out, answer JSON back), and once as an
 * HTTP request through the local API gateway as well. Prints p50, p90, p99 and max.
 */
public final class RuntimeOverheadBench {

    private RuntimeOverheadBench() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
        PrintStream terminal = System.out;
        System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        byte[] event = "{\"source\":\"bench\"}".getBytes(StandardCharsets.UTF_8);
        try (LocalEnvironment env = LocalEnvironment.start("http://localhost:3000");
             FunctionProcess hello = env.process(env.helloWorld(), line -> { })) {
            hello.awaitInit();
            for (int i = 0; i < Math.min(n, 2_000); i++) {
                hello.invoke(event);
            }
            long[] runtime = new long[n];
            for (int i = 0; i < n; i++) {
                long start = System.nanoTime();
                hello.invoke(event);
                runtime[i] = System.nanoTime() - start;
            }
            terminal.println(line("Runtime API round trip (invoke → /next → /response)", runtime));

            LocalFunctions.Function function = new LocalFunctions.Function("HelloWorld", hello);
            try (LocalApiGateway gateway = new LocalApiGateway(FreePort.find(), 0,
                    List.of(new LocalFunctions.HttpRoute("GET", "/hello", function, false)), (m, p, b) -> Optional.empty(),
                    new SigV4Verifier(Map.of(), LocalAws.REGION.id(), "execute-api", "000000000000", java.time.Clock.systemUTC()),
                    Map.of())) {
                gateway.start();
                HttpClient client = HttpClient.newHttpClient();
                HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + "/hello")).build();
                for (int i = 0; i < Math.min(n, 2_000); i++) {
                    client.send(request, HttpResponse.BodyHandlers.discarding());
                }
                long[] http = new long[n];
                for (int i = 0; i < n; i++) {
                    long start = System.nanoTime();
                    HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
                    http[i] = System.nanoTime() - start;
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException("hello answered " + response.statusCode());
                    }
                }
                terminal.println(line("HTTP through the local gateway and the Runtime API", http));
            }
        }
        System.setOut(terminal);
    }

    private static String line(String what, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return String.format("%-52s n=%d  p50 %.3f ms  p90 %.3f ms  p99 %.3f ms  max %.3f ms", what, sorted.length,
                ms(sorted, 0.50), ms(sorted, 0.90), ms(sorted, 0.99), sorted[sorted.length - 1] / 1e6);
    }

    private static double ms(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) (sorted.length * quantile))] / 1e6;
    }
}
