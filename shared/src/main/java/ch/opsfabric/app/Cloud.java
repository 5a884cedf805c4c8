package ch.opsfabric.app;

import ch.opsfabric.time.FileOffsetClock;
import java.nio.file.Path;
import java.time.Clock;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * What a function reads from its Lambda environment, built the same way for every function:
 * region from {@code AWS_REGION}, the url-connection HTTP client, and the clock. Each function's
 * wiring class calls only what it uses, once per JVM. Locally the SDK finds the emulators through
 * its standard {@code AWS_ENDPOINT_URL_<SERVICE>} variables, set only by the local stack.
 */
public final class Cloud {

    private Cloud() {
    }

    public static Region region() {
        return Region.of(Env.require("AWS_REGION"));
    }

    /**
     * Where Lambda puts the function's credentials, without probing the default chain (system
     * properties, web identity, profiles, …): the container endpoint when it is set (SnapStart
     * versions, whose keys must outlive the snapshot), else the environment's keys.
     */
    public static AwsCredentialsProvider credentials() {
        if (Env.optional("AWS_CONTAINER_CREDENTIALS_FULL_URI") != null) {
            return ContainerCredentialsProvider.builder().build();
        }
        return EnvironmentVariableCredentialsProvider.create();
    }

    public static DynamoDbClient dynamo() {
        return DynamoDbClient.builder()
                .region(region())
                .credentialsProvider(credentials())
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(Cloud::boundedRetries)
                .build();
    }

    public static SqsClient sqs() {
        return SqsClient.builder()
                .region(region())
                .credentialsProvider(credentials())
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(Cloud::boundedRetries)
                .build();
    }

    /**
     * Three attempts (the standard retry mode; DynamoDB's legacy default is nine, with throttling
     * backoffs that outlast the function's 15 s) and at most 5 s per call: a throttled or hanging
     * dependency turns into a 503 the caller retries, well before the function times out.
     */
    static void boundedRetries(software.amazon.awssdk.core.client.config.ClientOverrideConfiguration.Builder config) {
        config.retryStrategy(software.amazon.awssdk.core.retry.RetryMode.STANDARD)
                .apiCallAttemptTimeout(java.time.Duration.ofSeconds(2))
                .apiCallTimeout(java.time.Duration.ofSeconds(5));
    }

    /**
     * The system clock; in a function process of the local stack, the stack's settable clock
     * (the only deployment that sets {@code OPSFABRIC_LOCAL_CLOCK}).
     */
    public static Clock clock() {
        String file = Env.optional("OPSFABRIC_LOCAL_CLOCK");
        return file == null ? Clock.systemUTC() : FileOffsetClock.open(Path.of(file));
    }

    /**
     * How long a function serves a tenant from memory: {@code TENANT_CACHE_SECONDS} (template
     * parameter TenantCacheSeconds, 60 by default; 0 in the local stack, where an operator's
     * change must show at once).
     */
    public static long tenantCacheNanos() {
        return java.util.concurrent.TimeUnit.SECONDS.toNanos(Env.integer("TENANT_CACHE_SECONDS", 60));
    }

    /**
     * The deployment's inbound address and Message-ID domain ({@code EMAIL_INBOUND_ADDRESS},
     * {@code EMAIL_MESSAGE_ID_DOMAIN}, from template parameters); the defaults are the local stack's.
     */
    public static ch.opsfabric.mail.MailSettings mailSettings() {
        String inbound = Env.optional("EMAIL_INBOUND_ADDRESS");
        String domain = Env.optional("EMAIL_MESSAGE_ID_DOMAIN");
        return new ch.opsfabric.mail.MailSettings(inbound == null ? "inbound@inbound.postmarkapp.com" : inbound,
                domain == null ? "mail.opsfabric.ch" : domain);
    }

    /** Public base URL, intake rate limit and the webhook secrets, as template.yaml sets them. */
    public static Settings settings() {
        Secrets secrets = new Secrets(Env.optional("WEBHOOK_SECRET"), Env.optional("TWILIO_AUTH_TOKEN"),
                Env.optional("ECALL_PATH_TOKEN"), Env.optional("CRON_SECRET"), Secrets.bundledSipgateKey(),
                Env.require("ORIGIN_VERIFY_SECRET"));
        return new Settings(Env.require("PUBLIC_BASE_URL"), Env.integer("INTAKE_RATE_LIMIT_PER_MINUTE", 20), secrets);
    }
}
