package ch.opsfabric.infra.emulators;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.GetQueueAttributesRequest;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * dynalite + ElasticMQ + s3rver with the DynamoDB tables, SQS queues and S3 buckets declared in
 * template.yaml.
 * Tables are named by their logical id; queues by an optional prefix plus the logical id, so a
 * test can get its own copy of the queues ({@link #createQueues}) in the shared emulator.
 */
public final class LocalAws implements AutoCloseable {

    public static final Region REGION = Region.of("eu-central-2");

    private static LocalAws shared;

    private final AwsBackend backend;
    private final SamTemplate template;
    private final DynamoDbClient dynamo;
    private final SqsClient sqs;
    private final Map<String, String> queueUrls;

    private LocalAws(AwsBackend backend, SamTemplate template, Integer visibilityTimeoutSeconds) {
        this.backend = backend;
        this.template = template;
        this.dynamo = DynamoDbClient.builder()
                .endpointOverride(backend.dynamoEndpoint())
                .region(REGION)
                .credentialsProvider(credentials())
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        this.sqs = SqsClient.builder()
                .endpointOverride(backend.sqsEndpoint())
                .region(REGION)
                .credentialsProvider(credentials())
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        createTables("");
        this.queueUrls = createQueues("", visibilityTimeoutSeconds);
    }

    public static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
    }

    /**
     * @param visibilityTimeoutSeconds overrides the template's queue visibility timeouts (null: as declared),
     *                                 so a failed message comes back in seconds, not minutes
     */
    public static LocalAws start(Path dynaliteHome, SamTemplate template, int dynamoPort, int sqsPort,
                                 Integer visibilityTimeoutSeconds) {
        Dynalite dynalite = Dynalite.start(dynaliteHome, dynamoPort);
        ElasticMq elasticMq;
        S3rver s3;
        try {
            elasticMq = ElasticMq.start(sqsPort);
        } catch (RuntimeException e) {
            dynalite.close();
            throw e;
        }
        try {
            s3 = S3rver.start(dynaliteHome, FreePort.find(), template.resourcesOfType("AWS::S3::Bucket").keySet().stream()
                    .map(LocalAws::bucketName).toList());
        } catch (RuntimeException e) {
            elasticMq.close();
            dynalite.close();
            throw e;
        }
        return start(new EmbeddedBackend(dynalite, elasticMq, s3), template, visibilityTimeoutSeconds);
    }

    public static LocalAws start(AwsBackend backend, SamTemplate template, Integer visibilityTimeoutSeconds) {
        try {
            return new LocalAws(backend, template, visibilityTimeoutSeconds);
        } catch (RuntimeException e) {
            backend.close();
            throw e;
        }
    }

    /** The default: the emulators on this machine, no Docker. */
    private record EmbeddedBackend(Dynalite dynalite, ElasticMq elasticMq, S3rver s3) implements AwsBackend {
        @Override
        public String name() {
            return "embedded";
        }

        @Override
        public URI dynamoEndpoint() {
            return dynalite.endpoint();
        }

        @Override
        public URI sqsEndpoint() {
            return elasticMq.endpoint();
        }

        @Override
        public URI s3Endpoint() {
            return s3.endpoint();
        }

        @Override
        public void close() {
            s3.close();
            elasticMq.close();
            dynalite.close();
        }
    }

    /** One emulator pair per test JVM, started on first use and stopped when the JVM exits. */
    public static synchronized LocalAws shared() {
        if (shared == null) {
            String selected = System.getProperty("opsfabric.aws.backend", "");
            if (selected.isBlank() || selected.equals("embedded")) {
                shared = start(dynaliteHome(), SamTemplate.locate(), FreePort.find(), FreePort.find(), null);
            } else {
                AwsBackend backend = java.util.ServiceLoader.load(AwsBackend.class).stream()
                        .map(java.util.ServiceLoader.Provider::get)
                        .filter(b -> b.name().equals(selected))
                        .findFirst()
                        .orElseThrow(() -> new IllegalStateException("no AWS backend named " + selected
                                + " on the test classpath (the localstack profile adds one)"));
                shared = start(backend, SamTemplate.locate(), null);
            }
            LocalAws started = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "local-aws-stop"));
        }
        return shared;
    }

    public static Path dynaliteHome() {
        String configured = System.getProperty("opsfabric.dynalite.home");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return SamTemplate.projectRoot().resolve("infra/emulators/node");
    }

    public DynamoDbClient dynamo() {
        return dynamo;
    }

    public SqsClient sqs() {
        return sqs;
    }

    public URI dynamoEndpoint() {
        return backend.dynamoEndpoint();
    }

    public URI sqsEndpoint() {
        return backend.sqsEndpoint();
    }

    public URI s3Endpoint() {
        return backend.s3Endpoint();
    }

    /** Local bucket names are the template's logical ids in lower case (S3 allows no capitals). */
    public static String bucketName(String logicalId) {
        return logicalId.toLowerCase(java.util.Locale.ROOT);
    }

    public SamTemplate template() {
        return template;
    }

    /** Local table names are the template's logical ids. */
    public String tableName(String logicalId) {
        return logicalId;
    }

    public String queueUrl(String logicalId) {
        String url = queueUrls.get(logicalId);
        if (url == null) {
            throw new IllegalArgumentException("template.yaml declares no queue " + logicalId);
        }
        return url;
    }

    /**
     * Creates every table of the template under {@code prefix} (empty: the stack's own tables).
     * A test that counts what a whole-table operation sees takes its own copy. Returns logical id → name.
     */
    public Map<String, String> createTables(String prefix) {
        Map<String, String> names = new LinkedHashMap<>();
        template.resourcesOfType("AWS::DynamoDB::Table").forEach((logicalId, resource) -> {
            JsonNode props = resource.path("Properties");
            List<AttributeDefinition> attributes = new ArrayList<>();
            props.path("AttributeDefinitions").forEach(a -> attributes.add(AttributeDefinition.builder()
                    .attributeName(a.path("AttributeName").asText())
                    .attributeType(a.path("AttributeType").asText())
                    .build()));
            List<GlobalSecondaryIndex> indexes = new ArrayList<>();
            props.path("GlobalSecondaryIndexes").forEach(gsi -> indexes.add(GlobalSecondaryIndex.builder()
                    .indexName(gsi.path("IndexName").asText())
                    .keySchema(keySchema(gsi.path("KeySchema")))
                    .projection(Projection.builder()
                            .projectionType(gsi.path("Projection").path("ProjectionType").asText("ALL"))
                            .build())
                    .build()));
            String name = prefix + tableName(logicalId);
            names.put(logicalId, name);
            CreateTableRequest.Builder request = CreateTableRequest.builder()
                    .tableName(name)
                    .attributeDefinitions(attributes)
                    .keySchema(keySchema(props.path("KeySchema")))
                    .billingMode(BillingMode.PAY_PER_REQUEST);
            if (!indexes.isEmpty()) {
                request.globalSecondaryIndexes(indexes);
            }
            // dynalite has no UpdateTimeToLive: expired items simply stay, so code never relies on TTL deletion
            dynamo.createTable(request.build());
        });
        return names;
    }

    private static List<KeySchemaElement> keySchema(JsonNode node) {
        List<KeySchemaElement> keys = new ArrayList<>();
        node.forEach(k -> keys.add(KeySchemaElement.builder()
                .attributeName(k.path("AttributeName").asText())
                .keyType(k.path("KeyType").asText())
                .build()));
        return keys;
    }

    /**
     * Creates every queue of the template under {@code prefix}, dead-letter queues first, with
     * their redrive policies. {@code visibilityTimeoutSeconds} overrides the template's value
     * (tests want retries in seconds, not minutes). Returns logical id → queue URL.
     */
    public Map<String, String> createQueues(String prefix, Integer visibilityTimeoutSeconds) {
        Map<String, JsonNode> queues = template.resourcesOfType("AWS::SQS::Queue");
        Map<String, String> urls = new LinkedHashMap<>();
        List<String> ordered = new ArrayList<>();
        queues.forEach((id, q) -> {
            if (!q.path("Properties").has("RedrivePolicy")) {
                ordered.add(id);
            }
        });
        queues.forEach((id, q) -> {
            if (q.path("Properties").has("RedrivePolicy")) {
                ordered.add(id);
            }
        });
        for (String id : ordered) {
            JsonNode props = queues.get(id).path("Properties");
            Map<String, String> attributes = new LinkedHashMap<>();
            int visibility = visibilityTimeoutSeconds != null
                    ? visibilityTimeoutSeconds
                    : props.path("VisibilityTimeout").asInt(30);
            attributes.put("VisibilityTimeout", Integer.toString(visibility));
            JsonNode redrive = props.path("RedrivePolicy");
            if (!redrive.isMissingNode()) {
                String dlqId = SamTemplate.referencedLogicalId(redrive.path("deadLetterTargetArn"));
                String dlqUrl = urls.get(dlqId);
                if (dlqUrl == null) {
                    throw new IllegalStateException(id + " redrives to unknown queue " + dlqId);
                }
                String dlqArn = sqs.getQueueAttributes(GetQueueAttributesRequest.builder()
                                .queueUrl(dlqUrl).attributeNames(QueueAttributeName.QUEUE_ARN).build())
                        .attributes().get(QueueAttributeName.QUEUE_ARN);
                attributes.put("RedrivePolicy", "{\"deadLetterTargetArn\":\"" + dlqArn
                        + "\",\"maxReceiveCount\":\"" + redrive.path("maxReceiveCount").asInt(5) + "\"}");
            }
            String url = sqs.createQueue(b -> b.queueName(prefix + id).attributesWithStrings(attributes)).queueUrl();
            urls.put(id, url);
        }
        return urls;
    }

    @Override
    public void close() {
        dynamo.close();
        sqs.close();
        backend.close();
    }
}
