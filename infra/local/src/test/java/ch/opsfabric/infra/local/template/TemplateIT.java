package ch.opsfabric.infra.local.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.opsfabric.infra.emulators.SamTemplate;
import ch.opsfabric.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * template.yaml would deploy: every resource type exists, its properties are ones SAM or
 * CloudFormation document (required ones present, types and enums right), every Ref/GetAtt/Sub
 * target exists, every handler class is in the jar its CodeUri names, and the HTTP routes are
 * exactly the designed ones, with nothing local-only among them. The schemas are copies of the
 * official SAM schema and CloudFormation registry schemas (src/test/resources/schemas).
 */
class TemplateIT {

    private static final Set<String> PSEUDO = Set.of("AWS::AccountId", "AWS::NotificationARNs", "AWS::NoValue",
            "AWS::Partition", "AWS::Region", "AWS::StackId", "AWS::StackName", "AWS::URLSuffix");

    private final SamTemplate template = SamTemplate.locate();
    private final JsonNode root = template.root();
    private final JsonNode sam = schema("/schemas/sam.schema.json");

    private static JsonNode schema(String path) {
        try (InputStream in = TemplateIT.class.getResourceAsStream(path)) {
            if (in == null) {
                return null;
            }
            return Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void everyResourceMatchesItsSchema() {
        List<String> errors = new ArrayList<>();
        SchemaCheck samCheck = new SchemaCheck(sam);
        errors.addAll(samCheck.check(root.path("Globals"), samCheck.resolve("#/definitions/__main____Globals"), "Globals"));
        root.path("Resources").fields().forEachRemaining(e -> {
            String type = e.getValue().path("Type").asText();
            String path = "Resources." + e.getKey();
            if (type.startsWith("AWS::Serverless::")) {
                String name = type.substring("AWS::Serverless::".length()).toLowerCase(Locale.ROOT);
                JsonNode definition = samCheck.resolve("#/definitions/samtranslator__internal__schema_source__aws_serverless_"
                        + name + "__Resource");
                if (definition.isMissingNode()) {
                    errors.add(path + ": SAM has no type " + type);
                } else {
                    errors.addAll(samCheck.check(e.getValue(), definition, path));
                }
            } else {
                JsonNode cfn = schema("/schemas/cloudformation/" + type.toLowerCase(Locale.ROOT).replace("::", "-") + ".json");
                if (cfn == null) {
                    errors.add(path + ": no CloudFormation schema for " + type + " (unknown type, or copy its schema)");
                    return;
                }
                assertEquals(type, cfn.get("typeName").asText());
                JsonNode properties = e.getValue().path("Properties");
                errors.addAll(new SchemaCheck(cfn).check(properties, cfn, path + ".Properties"));
                for (JsonNode readOnly : cfn.path("readOnlyProperties")) {
                    String property = readOnly.asText().replace("/properties/", "");
                    if (!property.contains("/") && properties.has(property)) {
                        errors.add(path + ": " + property + " is read-only");
                    }
                }
            }
        });
        assertTrue(errors.isEmpty(), String.join("\n", errors));
    }

    @Test
    void everyReferenceHasATarget() {
        Set<String> resources = new HashSet<>();
        root.path("Resources").fieldNames().forEachRemaining(resources::add);
        Set<String> parameters = new HashSet<>();
        root.path("Parameters").fieldNames().forEachRemaining(parameters::add);
        Set<String> conditions = new HashSet<>();
        root.path("Conditions").fieldNames().forEachRemaining(conditions::add);
        List<String> errors = new ArrayList<>();
        walk(root, "", (path, node) -> {
            if (node.has("Ref")) {
                String target = node.get("Ref").asText();
                if (!resources.contains(target) && !parameters.contains(target) && !PSEUDO.contains(target)) {
                    errors.add(path + ": Ref " + target + " has no target");
                }
            }
            if (node.has("Fn::GetAtt")) {
                String target = SamTemplate.referencedLogicalId(node);
                if (!resources.contains(target)) {
                    errors.add(path + ": GetAtt " + target + " has no target");
                }
            }
            if (node.has("Fn::If") && !conditions.contains(node.get("Fn::If").get(0).asText())) {
                errors.add(path + ": no condition " + node.get("Fn::If").get(0).asText());
            }
            if (node.has("Fn::Sub") && node.get("Fn::Sub").isTextual()) {
                Matcher m = Pattern.compile("\\$\\{([^!}][^}]*)}").matcher(node.get("Fn::Sub").asText());
                while (m.find()) {
                    String name = m.group(1).split("\\.")[0];
                    if (!resources.contains(name) && !parameters.contains(name) && !PSEUDO.contains(m.group(1))) {
                        errors.add(path + ": Sub ${" + m.group(1) + "} has no target");
                    }
                }
            }
        });
        assertTrue(errors.isEmpty(), String.join("\n", errors));
    }

    @Test
    void everyHandlerClassIsInTheJarItsCodeUriNames() throws IOException {
        Map<String, JsonNode> functions = template.resourcesOfType("AWS::Serverless::Function");
        assertEquals(11, functions.size());
        for (Map.Entry<String, JsonNode> f : functions.entrySet()) {
            JsonNode props = f.getValue().path("Properties");
            Path jar = SamTemplate.projectRoot().resolve(props.path("CodeUri").asText());
            assertTrue(Files.isRegularFile(jar), f.getKey() + ": " + jar + " is built by the function's module");
            String handler = props.path("Handler").asText();
            assertTrue(handler.endsWith("::handleRequest"), handler);
            String entry = handler.substring(0, handler.indexOf("::")).replace('.', '/') + ".class";
            try (JarFile file = new JarFile(jar.toFile())) {
                assertTrue(file.getEntry(entry) != null, f.getKey() + ": " + entry + " not in " + jar.getFileName());
                assertTrue(file.getEntry("ch/opsfabric/app/Cloud.class") != null, "shared code shaded in");
                assertTrue(file.getEntry("software/amazon/awssdk/http/urlconnection/UrlConnectionHttpClient.class") != null);
                file.stream().forEach(e -> assertFalse(e.getName().startsWith("io/netty/")
                        || e.getName().startsWith("org/apache/http") || e.getName().startsWith("org/apache/hc/"),
                        jar.getFileName() + " carries " + e.getName()));
            }
        }
    }

    /**
     * What each function ships, held where it is today (11.1-12.7 MiB; the staff app, with its pages and
     * every client, is the largest): the SDK's DynamoDB
     * client alone is 2.9 MB and cannot shrink while its client class links every operation; the
     * 8 MB aim needs fewer libraries (see the decisions). A function that picks up a module it does
     * not use fails here: sms-sender carries no queue or Scheduler client, and only ticket-intake,
     * review-cron and the staff app the Scheduler.
     */
    @Test
    void everyJarStaysWithinItsBoundAndCarriesOnlyWhatItUses() throws IOException {
        long bound = 13_500_000;
        Map<String, Set<String>> forbidden = Map.of(
                "SmsSenderFunction", Set.of("software/amazon/awssdk/services/sqs/", "software/amazon/awssdk/services/scheduler/",
                        "com/github/mustachejava/"),
                "MissedCallFunction", Set.of("software/amazon/awssdk/services/scheduler/"),
                "SmsReplyFunction", Set.of("software/amazon/awssdk/services/scheduler/"),
                "SiteRendererFunction", Set.of("software/amazon/awssdk/services/scheduler/"),
                // the operator API signs its one CloudFront call itself and sends no SMS
                "TenantAdminFunction", Set.of("software/amazon/awssdk/services/cloudfront/",
                        "software/amazon/awssdk/services/sqs/", "software/amazon/awssdk/services/scheduler/",
                        "com/github/mustachejava/"),
                // one signed PUT to S3, and its answers never wait for the night
                "EmailIntakeFunction", Set.of("software/amazon/awssdk/services/s3/",
                        "software/amazon/awssdk/services/scheduler/"),
                "WhatsAppIntakeFunction", Set.of("software/amazon/awssdk/services/s3/",
                        "software/amazon/awssdk/services/scheduler/"),
                // PostToConnection is signed by hand: no API Gateway management client
                "VoiceAgentFunction", Set.of("software/amazon/awssdk/services/apigatewaymanagementapi/",
                        "software/amazon/awssdk/services/scheduler/"));
        for (Map.Entry<String, JsonNode> f : template.resourcesOfType("AWS::Serverless::Function").entrySet()) {
            Path jar = SamTemplate.projectRoot().resolve(f.getValue().path("Properties").path("CodeUri").asText());
            assertTrue(Files.size(jar) <= bound, f.getKey() + ": " + Files.size(jar) + " B > " + bound + " B");
            try (JarFile file = new JarFile(jar.toFile())) {
                for (String prefix : forbidden.getOrDefault(f.getKey(), Set.of())) {
                    assertFalse(file.stream().anyMatch(e -> e.getName().startsWith(prefix)), f.getKey() + " carries " + prefix);
                }
            }
        }
    }

    @Test
    void routesAreExactlyTheDesignedOnesAndNothingLocal() {
        Set<String> routes = new TreeSet<>();
        template.resourcesOfType("AWS::Serverless::Function").values().forEach(f -> f.path("Properties").path("Events")
                .forEach(e -> {
                    if (e.path("Type").asText().equals("HttpApi")) {
                        routes.add(e.path("Properties").path("Method").asText() + " " + e.path("Properties").path("Path").asText());
                    }
                }));
        assertTrue(routes.stream().noneMatch(r -> r.contains("/_local")), routes.toString());
        assertEquals(new TreeSet<>(List.of(
                "POST /api/webhook/missed-call", "POST /api/webhook/missed-call/twilio", "POST /api/webhook/missed-call/sipgate",
                "POST /api/webhook/sms-reply", "POST /api/webhook/sms-reply/twilio",
                "POST /api/webhook/sms-reply/ecall/{token}", "GET /api/webhook/sms-reply/ecall/{token}",
                "POST /api/ticket", "GET /api/tickets", "POST /api/tickets", "GET /api/tickets/{id}", "PATCH /api/tickets/{id}",
                "POST /api/cron/review-request",
                "GET /{slug}", "GET /{slug}/{page}", "POST /{slug}/anfrage", "GET /r/{token}", "ANY $default",
                "POST /api/admin/tenants", "GET /api/admin/tenants", "GET /api/admin/tenants/{slug}",
                "PATCH /api/admin/tenants/{slug}", "DELETE /api/admin/tenants/{slug}",
                "POST /api/admin/tenants/{slug}/api-keys", "GET /api/admin/tenants/{slug}/api-keys",
                "DELETE /api/admin/tenants/{slug}/api-keys/{id}", "GET /api/admin/tenants/{slug}/audit",
                "POST /api/admin/tenants/{slug}/staff", "GET /api/admin/tenants/{slug}/staff",
                "DELETE /api/admin/tenants/{slug}/staff/{id}",
                "GET /app", "GET /app/login", "POST /app/login", "GET /app/login/code", "POST /app/login/code",
                "POST /app/logout", "GET /app/tickets", "GET /app/tickets/{id}", "POST /app/tickets/{id}",
                "GET /app/tickets/{id}/export",
                "GET /app/roi", "GET /app/roi/export", "GET /app/tickets/new", "POST /app/tickets/new",
                "GET /app/team", "POST /app/team", "POST /app/switch",
                "POST /api/webhook/email/postmark/{token}",
                "GET /api/contacts/{id}", "POST /api/contacts/{id}/merge",
                "GET /api/contacts/{id}/export", "POST /api/contacts/{id}/erase",
                "GET /api/webhook/whatsapp/meta", "POST /api/webhook/whatsapp/meta", "POST /api/webhook/whatsapp/twilio",
                "POST /api/webhook/voice/twilio", "POST /api/webhook/voice/twilio/after")), routes);
    }

    /** Customers' files: encrypted, never public, gone after 90 days, written only under tenants/ and only by the two intakes that get files. */
    @Test
    void theAttachmentBucketIsPrivateEncryptedAndShortLived() {
        JsonNode bucket = root.path("Resources").path("AttachmentBucket").path("Properties");
        assertEquals("AES256", bucket.path("BucketEncryption").path("ServerSideEncryptionConfiguration").get(0)
                .path("ServerSideEncryptionByDefault").path("SSEAlgorithm").asText());
        JsonNode block = bucket.path("PublicAccessBlockConfiguration");
        for (String flag : List.of("BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets")) {
            assertTrue(block.path(flag).asBoolean(), flag);
        }
        JsonNode rule = bucket.path("LifecycleConfiguration").path("Rules").get(0);
        assertEquals("Enabled", rule.path("Status").asText());
        assertEquals(90, rule.path("ExpirationInDays").asInt());
        List<String> writers = new java.util.ArrayList<>();
        template.resourcesOfType("AWS::Serverless::Function").forEach((id, f) -> walk(f.path("Properties").path("Policies"), id,
                (path, node) -> {
                    if (node.path("Action").toString().contains("s3:")) {
                        writers.add(id + " " + node.path("Action") + " " + node.path("Resource"));
                    }
                }));
        assertEquals(List.of("TicketIntakeFunction [\"s3:DeleteObject\"] [{\"Fn::Sub\":\"${AttachmentBucket.Arn}/tenants/*\"}]",
                "StaffAppFunction [\"s3:DeleteObject\"] [{\"Fn::Sub\":\"${AttachmentBucket.Arn}/tenants/*\"}]",
                "EmailIntakeFunction [\"s3:PutObject\"] [{\"Fn::Sub\":\"${AttachmentBucket.Arn}/tenants/*\"}]",
                "WhatsAppIntakeFunction [\"s3:PutObject\"] [{\"Fn::Sub\":\"${AttachmentBucket.Arn}/tenants/*\"}]"), writers,
                "two functions write attachments; ticket-intake and the staff app only delete them (an erasure)");
    }

    /**
     * The sender's concurrency is capped (ScalingConfig), so a backlog waits in the queue instead of
     * meeting the providers with as many instances as Lambda would start; the cap is a parameter.
     */
    @Test
    void theSenderSendsWithAtMostTheProvidersConcurrency() {
        JsonNode source = root.path("Resources").path("SmsSenderFunction").path("Properties").path("Events")
                .path("OutboundSms").path("Properties");
        assertEquals("SenderMaxConcurrency", source.path("ScalingConfig").path("MaximumConcurrency").path("Ref").asText());
        JsonNode parameter = root.path("Parameters").path("SenderMaxConcurrency");
        assertEquals(2, parameter.path("MinValue").asInt(), "Lambda's lowest MaximumConcurrency");
        assertEquals(1000, parameter.path("MaxValue").asInt(), "Lambda's highest MaximumConcurrency");
        assertEquals(10, parameter.path("Default").asInt());
        assertEquals("[\"ReportBatchItemFailures\"]", source.path("FunctionResponseTypes").toString());
    }

    /** The operator API is IAM-only, and nothing else is: a public route behind IAM would lock customers out. */
    @Test
    void exactlyTheOperatorRoutesRequireIam() {
        assertTrue(root.path("Resources").path("OpsApi").path("Properties").path("Auth").path("EnableIamAuthorizer").asBoolean());
        template.resourcesOfType("AWS::Serverless::Function").forEach((id, f) -> f.path("Properties").path("Events")
                .forEach(e -> {
                    if (e.path("Type").asText().equals("HttpApi")) {
                        boolean iam = "AWS_IAM".equals(e.path("Properties").path("Auth").path("Authorizer").asText());
                        boolean admin = e.path("Properties").path("Path").asText().startsWith("/api/admin/");
                        assertEquals(admin, iam, id + " " + e.path("Properties").path("Path").asText());
                    }
                }));
    }

    @Test
    void functionsAreJava21OnArm64WithSnapStart() {
        JsonNode globals = root.path("Globals").path("Function");
        assertEquals("java21", globals.path("Runtime").asText());
        assertEquals("arm64", globals.path("Architectures").get(0).asText());
        assertEquals("PublishedVersions", globals.path("SnapStart").path("ApplyOn").asText());
        assertFalse(globals.path("AutoPublishAlias").asText().isEmpty(), "SnapStart needs a published alias");
        template.resourcesOfType("AWS::Serverless::Function").forEach((id, f) -> {
            JsonNode policies = f.path("Properties").path("Policies");
            walk(policies, id, (path, node) -> {
                JsonNode resource = node.path("Resource");
                if (resource.isTextual()) {
                    assertFalse(resource.asText().equals("*"), path + ": no '*' resources");
                }
            });
        });
    }

    private interface Visitor {
        void visit(String path, JsonNode node);
    }

    private static void walk(JsonNode node, String path, Visitor visitor) {
        if (node.isObject()) {
            visitor.visit(path, node);
            node.fields().forEachRemaining(e -> walk(e.getValue(), path + "." + e.getKey(), visitor));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), path + "[" + i + "]", visitor);
            }
        }
    }
}
