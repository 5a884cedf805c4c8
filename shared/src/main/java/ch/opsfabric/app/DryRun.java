package ch.opsfabric.app;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * For priming the writes a function makes without making them: clients that build, marshal and
 * sign every request like the real ones (the same classes, so the same warm-up) and stop each one
 * before it is sent. Nothing they do can reach AWS: the endpoint is a placeholder and the
 * request never leaves the JVM.
 */
public final class DryRun {

    /** Thrown where the request would go on the wire. */
    public static final class Stopped extends RuntimeException {
        Stopped() {
            super("dry run: stopped before sending", null, false, false);
        }
    }

    private static final ExecutionInterceptor STOP = new ExecutionInterceptor() {
        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            throw new Stopped();
        }
    };

    /** Never contacted: every request stops before transmission. */
    static final URI NOWHERE = URI.create("https://dry-run.invalid");

    private DryRun() {
    }

    public static ClientOverrideConfiguration stopBeforeSending() {
        return ClientOverrideConfiguration.builder().addExecutionInterceptor(STOP).build();
    }

    public static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("DRYRUNPRIMING", "dry-run-priming"));
    }

    public static URI endpoint() {
        return NOWHERE;
    }

    public static Region region() {
        return Region.EU_CENTRAL_2;
    }

    public static DynamoDbClient dynamo() {
        return DynamoDbClient.builder().region(region()).credentialsProvider(credentials()).endpointOverride(endpoint())
                .httpClient(UrlConnectionHttpClient.create()).overrideConfiguration(stopBeforeSending()).build();
    }

    /** Runs a write through a dry-run client: it must end at the wire and nowhere else. */
    public static void attempt(Runnable write) {
        try {
            write.run();
            throw new IllegalStateException("a dry-run write completed: it was not made through a dry-run client");
        } catch (Stopped stopped) {
            // the request was built, marshalled and signed: that was the point
        } catch (SdkClientException e) {
            if (!(rootCause(e) instanceof Stopped)) {
                throw e;
            }
        }
    }

    private static Throwable rootCause(Throwable t) {
        Throwable cause = t;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }
}
