package ch.opsfabric.infra.local;

import ch.opsfabric.app.AppContext;
import ch.opsfabric.app.Settings;
import ch.opsfabric.infra.emulators.LocalAws;
import ch.opsfabric.messaging.ConsoleSmsProvider;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * One cold start in this fresh JVM, as Lambda would do it without SnapStart: build the SDK
 * clients and the handler, then serve one event, against emulators that already run. Started
 * by {@code infra/invoke --cold}; prints one line of timings.
 * Arguments: handler class, event file, DynamoDB endpoint, SQS endpoint, table, queue URL.
 */
public final class ColdStart {

    private ColdStart() {
    }

    @SuppressWarnings("unchecked")
    public static void main(String[] args) throws Exception {
        PrintStream terminal = System.out;
        System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        Class<?> type = Class.forName(args[0]);
        // the runtime turns the JSON into the event object; that is not the handler's time
        Object event = Invoke.EVENTS.readValue(Files.readString(Path.of(args[1])), Invoke.inputType(type));
        long start = System.nanoTime();
        RequestHandler<Object, Object> handler;
        if (type == HelloWorldHandler.class) {
            handler = (RequestHandler<Object, Object>) type.getConstructor().newInstance();
        } else {
            DynamoDbClient dynamo = DynamoDbClient.builder().endpointOverride(URI.create(args[2])).region(LocalAws.REGION)
                    .credentialsProvider(LocalAws.credentials()).httpClient(UrlConnectionHttpClient.create()).build();
            SqsClient sqs = SqsClient.builder().endpointOverride(URI.create(args[3])).region(LocalAws.REGION)
                    .credentialsProvider(LocalAws.credentials()).httpClient(UrlConnectionHttpClient.create()).build();
            Clock clock = Clock.systemUTC();
            AppContext app = new AppContext(clock, dynamo, args[4], sqs, args[5], (sms, at, zone) -> { },
                    List.of(new ConsoleSmsProvider(clock)),
                    new Settings("http://localhost:3000", 600, LocalEnvironment.DEV_SECRETS));
            handler = (RequestHandler<Object, Object>) type.getConstructor(AppContext.class).newInstance(app);
        }
        long initialized = System.nanoTime();
        Object response = handler.handleRequest(event, new LocalContext(type.getSimpleName(), 1024, 15));
        long done = System.nanoTime();
        long sinceJvmStart = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
        terminal.printf("cold start %-22s init %4d ms  first invoke %4d ms  JVM start to answer %4d ms  %s%n",
                type.getSimpleName(), (initialized - start) / 1_000_000, (done - initialized) / 1_000_000, sinceJvmStart,
                Invoke.outcome(response));
    }
}
