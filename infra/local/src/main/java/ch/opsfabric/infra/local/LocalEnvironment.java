package ch.opsfabric.infra.local;

import ch.opsfabric.app.Secrets;
import ch.opsfabric.infra.emulators.FreePort;
import ch.opsfabric.infra.emulators.LocalAws;
import ch.opsfabric.infra.emulators.SamTemplate;
import ch.opsfabric.onboarding.TenantAdmin;
import ch.opsfabric.store.DynamoTenantDirectory;
import ch.opsfabric.store.DynamoTenantRegistry;
import ch.opsfabric.store.DynamoTicketStore;
import ch.opsfabric.store.SingleTable;
import ch.opsfabric.tenant.Tenant;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * What every function needs locally, and what a deployment gives it: the emulators with the
 * template's table and queues, a local EventBridge Scheduler endpoint, the settable clock, the
 * console SMS sink, the demo tenants, and each function's environment as template.yaml resolves
 * it here. Functions get all of it through environment variables only, as in Lambda. The local
 * stack adds a gateway, pollers and the cron on top; the invoke tool uses it for one function.
 */
final class LocalEnvironment implements AutoCloseable {

    /** The dev secrets, as listed in the README; never used outside the local stack. */
    static final Secrets DEV_SECRETS = new Secrets("dev-webhook-secret", "dev-twilio-token", "dev-ecall-token",
            "dev-cron-secret", Secrets.bundledSipgateKey(), "dev-origin-secret");
    /** The Secrets Manager keys of template.yaml's dynamic references, with their local values. */
    static final Map<String, String> DEV_SECRET_VALUES = Map.ofEntries(
            Map.entry("webhookSecret", DEV_SECRETS.webhookSecret()),
            Map.entry("twilioAuthToken", DEV_SECRETS.twilioAuthToken()),
            Map.entry("ecallPathToken", DEV_SECRETS.ecallPathToken()),
            Map.entry("cronSecret", DEV_SECRETS.cronSecret()),
            Map.entry("originVerifySecret", DEV_SECRETS.originVerifySecret()),
            Map.entry("postmarkInboundUser", "postmark"),
            Map.entry("postmarkInboundPassword", "dev-postmark-password"),
            Map.entry("emailWebhookToken", "dev-email-token"),
            Map.entry("whatsappVerifyToken", "dev-whatsapp-verify-token"),
            Map.entry("metaAppSecret", "dev-meta-app-secret"),
            Map.entry("metaAccessToken", LocalGraphApi.ACCESS_TOKEN),
            Map.entry("openAiApiKey", LocalModelServer.API_KEY));
    /** Template parameters that differ here from their defaults: e-mail is recorded, not sent. */
    static final Map<String, String> LOCAL_PARAMETERS = Map.of("EmailProvider", "console", "WhatsAppProvider", "console",
            // retries within seconds here (the local queue's visibility is 5 s): 1, 2, 2, 2 s between tries
            "RetryBaseSeconds", "1", "RetryMaxSeconds", "2");
    /** The operator's dev credentials (SigV4, region eu-central-2, service execute-api), as listed in the README. */
    static final String OPERATOR_ACCESS_KEY = "AKIALOCALOPERATOR0001";
    static final String OPERATOR_SECRET = "dev-operator-secret";
    /** What {@code Ref: SiteDistribution} is here: the local CloudFront records invalidations for it. */
    static final String LOCAL_DISTRIBUTION_ID = "ELOCALSITES01";
    /** The secret every function process signs with; its access key is its logical id (see {@link LocalIamDynamo}). */
    static final String FUNCTION_SECRET = "local";
    /** Generous, so end-to-end suites from one address pass; production uses the template's value. */
    static final int LOCAL_INTAKE_RATE_PER_MINUTE = 600;
    /** A failed SMS comes back after seconds instead of the deployed 90 s. */
    static final int LOCAL_VISIBILITY_TIMEOUT_SECONDS = 5;
    /** The runtime client's jars, laid out by the infra/lambda-runtime module. */
    static final String RUNTIME_LIBRARIES = "infra/lambda-runtime/target/lib";

    final SamTemplate template;
    final LocalAws aws;
    final LocalClock clock = new LocalClock();
    final LocalSmsSink smsSink = new LocalSmsSink(clock);
    final LocalEmailSink emailSink = new LocalEmailSink();
    /** What the console WhatsApp provider "sent", as JSON (same shape of sink as the e-mails'). */
    final LocalEmailSink whatsappSink = new LocalEmailSink("text");
    final LocalGraphApi graphApi = new LocalGraphApi();
    final LocalModelServer model = new LocalModelServer();
    /** The port of the local WebSocket API (the voice assistant's ConversationRelay socket), known before the functions start. */
    final int voiceSocketPort = FreePort.find();
    final LocalCloudFront cloudFront;
    /** What tests inject between the functions' SDKs and the emulators ({@code /_local/faults}). */
    final LocalFaults faults = new LocalFaults();
    /** SQS as the functions reach it: ElasticMQ behind the fault injector. */
    final LocalSqsProxy sqsProxy;
    /** DynamoDB as the functions reach it: through their IAM policies of template.yaml. */
    final LocalIamDynamo iam;
    final LocalScheduler scheduler;
    /** The stack's own view of the table, for the dev routes and the demo seed; functions build their own. */
    final DynamoTenantDirectory tenantDirectory;
    final DynamoTicketStore tickets;
    final List<Tenant> tenants;
    private final String publicBaseUrl;
    private final Map<String, String> queueArns = new HashMap<>();
    private final HttpServer services;
    private final ExecutorService serviceThreads = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "local-services");
        t.setDaemon(true);
        return t;
    });

    private LocalEnvironment(String publicBaseUrl) {
        this.publicBaseUrl = publicBaseUrl;
        this.template = SamTemplate.locate();
        this.aws = LocalAws.start(LocalAws.dynaliteHome(), template, FreePort.find(), FreePort.find(),
                LOCAL_VISIBILITY_TIMEOUT_SECONDS);
        Map<String, String> functionKeys = new HashMap<>();
        template.resourcesOfType("AWS::Serverless::Function").keySet().forEach(id -> functionKeys.put(id, FUNCTION_SECRET));
        this.cloudFront = new LocalCloudFront(functionKeys, clock);
        try {
            this.iam = new LocalIamDynamo(template, logicalId -> template.resourcesOfType("AWS::DynamoDB::Table").containsKey(logicalId)
                    ? "arn:aws:dynamodb:eu-central-2:000000000000:table/" + aws.tableName(logicalId) : null, aws.dynamoEndpoint(),
                    faults);
            this.sqsProxy = new LocalSqsProxy(aws.sqsEndpoint(), faults);
        } catch (IOException e) {
            aws.close();
            throw new UncheckedIOException("cannot open the local IAM proxy", e);
        }
        try {
            Map<String, String> urlByArn = new HashMap<>();
            for (String queue : template.resourcesOfType("AWS::SQS::Queue").keySet()) {
                String url = aws.queueUrl(queue);
                String arn = aws.sqs().getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                        .attributes().get(QueueAttributeName.QUEUE_ARN);
                queueArns.put(queue, arn);
                urlByArn.put(arn, url);
            }
            this.scheduler = new LocalScheduler(aws.sqs(), urlByArn::get, clock);
            this.services = HttpServers.bind(0, 64);
            services.setExecutor(serviceThreads);
            services.createContext("/schedules/", scheduler::serve);
            services.createContext("/sms", smsSink::serve);
            services.createContext("/email", emailSink::serve);
            services.createContext("/whatsapp", whatsappSink::serve);
            services.createContext("/2020-05-31/", cloudFront::serve);
            services.createContext("/graph/", graphApi::serve);
            services.createContext("/openai/", model::serve);
            LocalS3 s3 = new LocalS3(template, functionKeys, LocalAws::bucketName, aws.s3Endpoint());
            template.resourcesOfType("AWS::S3::Bucket").keySet()
                    .forEach(bucket -> services.createContext("/" + LocalAws.bucketName(bucket) + "/", s3::serve));
            services.start();
            SingleTable table = SingleTable.of(aws.dynamo(), aws.tableName("OpsTable"));
            // no cache: the dev routes show what the functions just wrote
            this.tenantDirectory = new DynamoTenantDirectory(table, 0);
            this.tickets = new DynamoTicketStore(table);
            // the sites did not exist before: nothing at the edge to empty
            ch.opsfabric.store.DynamoStaffDirectory staff = new ch.opsfabric.store.DynamoStaffDirectory(table);
            this.tenants = DemoTenants.seed(new TenantAdmin(clock, new DynamoTenantRegistry(table), slug -> { },
                    DemoTenants::demoId, staff));
            DemoTenants.seedStaff(staff, tenants);
        } catch (IOException e) {
            aws.close();
            throw new UncheckedIOException("cannot open the local services port", e);
        } catch (RuntimeException e) {
            aws.close();
            throw e;
        }
    }

    static LocalEnvironment start(String publicBaseUrl) {
        return new LocalEnvironment(publicBaseUrl);
    }

    /** PostToConnection of the local WebSocket API, on the services port where the functions reach it. */
    void serveVoice(LocalVoiceSocket socket) {
        services.createContext("/voice/", socket::serve);
    }

    /** The function the template's WebSocket integration invokes ({@code ${X.Alias}} in its URI), or null. */
    String voiceFunction() {
        for (JsonNode integration : template.resourcesOfType("AWS::ApiGatewayV2::Integration").values()) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\$\\{([A-Za-z0-9]+)\\.(Alias|Arn)}")
                    .matcher(integration.path("Properties").path("IntegrationUri").path("Fn::Sub").asText(""));
            if (m.find()) {
                return m.group(1);
            }
        }
        return null;
    }

    String servicesUrl() {
        return "http://127.0.0.1:" + services.getAddress().getPort();
    }

    /** The logical ids of the template's functions, in template order. */
    List<String> functionIds() {
        return List.copyOf(template.resourcesOfType("AWS::Serverless::Function").keySet());
    }

    /** A function of the template as it runs here: handler, jar, memory, timeout and resolved environment. */
    FunctionProcess.Spec spec(String logicalId) {
        JsonNode function = template.resource(logicalId);
        if (!"AWS::Serverless::Function".equals(function.path("Type").asText())) {
            throw new IllegalArgumentException("template.yaml has no function " + logicalId);
        }
        JsonNode props = function.path("Properties");
        JsonNode globals = template.root().path("Globals").path("Function");
        String handler = props.path("Handler").asText();
        return new FunctionProcess.Spec(logicalId, handler.contains("::") ? handler.substring(0, handler.indexOf("::")) : handler,
                SamTemplate.projectRoot().resolve(props.path("CodeUri").asText()),
                props.path("MemorySize").asInt(globals.path("MemorySize").asInt(128)),
                props.path("Timeout").asInt(globals.path("Timeout").asInt(3)),
                environment(logicalId, function));
    }

    /** A spec for a bare handler in a jar of its own, for comparisons. */
    FunctionProcess.Spec helloWorld() {
        return new FunctionProcess.Spec("HelloWorld", HelloWorldHandler.class.getName(), HelloWorldHandler.jar(),
                1024, 15, Map.of("AWS_REGION", LocalAws.REGION.id()));
    }

    FunctionProcess process(FunctionProcess.Spec spec, java.util.function.Consumer<String> logs) {
        Path work = SamTemplate.projectRoot().resolve("infra/local/target/lambda-tasks");
        try {
            Files.createDirectories(work);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path runtime = SamTemplate.projectRoot().resolve(RUNTIME_LIBRARIES);
        if (!Files.isDirectory(runtime)) {
            throw new IllegalStateException(runtime + " is missing: mvn package lays out the runtime client there");
        }
        return new FunctionProcess(spec, runtime, work, logs);
    }

    /**
     * Globals plus the function's own variables with references resolved to the local resources,
     * then what Lambda and the SDK read: region, credentials, endpoints (the SDK's standard
     * {@code AWS_ENDPOINT_URL_<SERVICE>}), and the local clock and SMS sink.
     */
    Map<String, String> environment(String logicalId, JsonNode function) {
        Map<String, String> resolved = new TreeMap<>();
        List<JsonNode> sources = List.of(template.root().path("Globals").path("Function").path("Environment").path("Variables"),
                function.path("Properties").path("Environment").path("Variables"));
        for (JsonNode variables : sources) {
            variables.fields().forEachRemaining(e -> resolved.put(e.getKey(), resolve(e.getValue())));
        }
        Map<String, String> local = new LinkedHashMap<>();
        local.put("AWS_REGION", LocalAws.REGION.id());
        local.put("AWS_DEFAULT_REGION", LocalAws.REGION.id());
        // its own key, so that the local IAM proxy knows whose policy applies
        local.put("AWS_ACCESS_KEY_ID", logicalId);
        local.put("AWS_SECRET_ACCESS_KEY", FUNCTION_SECRET);
        local.put("AWS_ENDPOINT_URL_DYNAMODB", iam.endpoint().toString());
        local.put("AWS_ENDPOINT_URL_SQS", sqsProxy.endpoint().toString());
        local.put("AWS_ENDPOINT_URL_SCHEDULER", servicesUrl());
        local.put("AWS_ENDPOINT_URL_CLOUDFRONT", servicesUrl());
        local.put("OPSFABRIC_LOCAL_CLOCK", clock.file().toString());
        local.put("OPSFABRIC_LOCAL_SMS_SINK", servicesUrl() + "/sms");
        local.put("OPSFABRIC_LOCAL_EMAIL_SINK", servicesUrl() + "/email");
        local.put("OPSFABRIC_LOCAL_WHATSAPP_SINK", servicesUrl() + "/whatsapp");
        local.put("META_GRAPH_BASE_URL", servicesUrl() + "/graph");
        local.put("OPENAI_BASE_URL", servicesUrl() + "/openai");
        // S3 through the checks S3 and IAM would make (LocalS3), then s3rver
        local.put("AWS_ENDPOINT_URL_S3", servicesUrl());
        // the template's SnapStart: every start runs the priming hooks, as a published version's init does
        String applyOn = function.path("Properties").path("SnapStart").path("ApplyOn")
                .asText(template.root().path("Globals").path("Function").path("SnapStart").path("ApplyOn").asText("None"));
        local.put("AWS_LAMBDA_INITIALIZATION_TYPE", "PublishedVersions".equals(applyOn) ? "snap-start" : "on-demand");
        resolved.putAll(local);
        return resolved;
    }

    /** The variables whose values are deploy-time secrets, so tools can leave their values out. */
    java.util.Set<String> secretVariables(String logicalId) {
        java.util.Set<String> names = new java.util.TreeSet<>();
        if (!template.resourcesOfType("AWS::Serverless::Function").containsKey(logicalId)) {
            return names;
        }
        template.resource(logicalId).path("Properties").path("Environment").path("Variables").fields()
                .forEachRemaining(e -> {
                    if (e.getValue().path("Fn::Sub").asText("").startsWith("{{resolve:secretsmanager:")) {
                        names.add(e.getKey());
                    }
                });
        return names;
    }

    /** The headers the distribution's origins add (template.yaml's OriginCustomHeaders), resolved here. */
    Map<String, String> originHeaders() {
        Map<String, String> headers = new LinkedHashMap<>();
        template.resourcesOfType("AWS::CloudFront::Distribution").values().forEach(distribution ->
                distribution.path("Properties").path("DistributionConfig").path("Origins").forEach(origin ->
                        origin.path("OriginCustomHeaders").forEach(h ->
                                headers.put(h.path("HeaderName").asText(), resolve(h.path("HeaderValue"))))));
        return headers;
    }

    private String resolve(JsonNode value) {
        if (value.isValueNode()) {
            return value.asText();
        }
        String target = SamTemplate.referencedLogicalId(value);
        if (target != null) {
            String type = template.resource(target).path("Type").asText();
            boolean arn = value.has("Fn::GetAtt");
            return switch (type) {
                case "AWS::DynamoDB::Table" -> aws.tableName(target);
                case "AWS::SQS::Queue" -> arn ? queueArns.get(target) : aws.queueUrl(target);
                case "AWS::IAM::Role" -> "arn:aws:iam::000000000000:role/" + target;
                case "AWS::CloudFront::Distribution" -> LOCAL_DISTRIBUTION_ID;
                case "AWS::S3::Bucket" -> LocalAws.bucketName(target);
                default -> switch (target) {
                    case "PublicBaseUrl" -> publicBaseUrl;
                    // infra/bench load lifts it: all its clients are one address
                    case "IntakeRateLimitPerMinute" -> System.getProperty("opsfabric.local.intakeRatePerMinute",
                            Integer.toString(LOCAL_INTAKE_RATE_PER_MINUTE));
                    // an operator's change shows at once here; a deployment waits up to a minute
                    case "TenantCacheSeconds" -> "0";
                    default -> parameter(target, value);
                };
            };
        }
        String sub = value.path("Fn::Sub").asText("");
        if (sub.contains("${VoiceSocketApi}")) {
            // the WebSocket API: Twilio's side is the local socket, the functions' side PostToConnection on the services port
            return sub.startsWith("wss://") ? "ws://127.0.0.1:" + voiceSocketPort + "/live" : servicesUrl() + "/voice";
        }
        if (sub.startsWith("{{resolve:secretsmanager:")) {
            // a deploy-time secret: locally the dev secret of that key, or unset (e.g. provider credentials)
            return DEV_SECRET_VALUES.getOrDefault(sub.replaceAll(".*SecretString:([^}]+)}}", "$1"), "");
        }
        throw new IllegalStateException("the local stack cannot resolve " + value);
    }

    /** A template parameter: its local value, else its default; one without either cannot run here. */
    private String parameter(String name, JsonNode reference) {
        if (LOCAL_PARAMETERS.containsKey(name)) {
            return LOCAL_PARAMETERS.get(name);
        }
        JsonNode declared = template.root().path("Parameters").path(name).path("Default");
        if (declared.isMissingNode()) {
            throw new IllegalStateException("the local stack cannot resolve " + reference);
        }
        return declared.asText();
    }

    @Override
    public void close() {
        services.stop(0);
        serviceThreads.shutdownNow();
        iam.close();
        sqsProxy.close();
        scheduler.close();
        aws.close();
        clock.close();
    }
}
