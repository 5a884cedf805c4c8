package ch.opsfabric.infra.local;

import ch.opsfabric.infra.emulators.SamTemplate;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The functions' IAM policies for DynamoDB, enforced locally: every function process signs with
 * its own access key (its logical id), and this proxy in front of dynalite lets a request through
 * only when the function's {@code Policies} in template.yaml allow that action on that table or
 * index — otherwise it answers as DynamoDB does, {@code AccessDeniedException}. A permission the
 * template forgot fails here, in every end-to-end test, not first in the cloud.
 */
final class LocalIamDynamo implements AutoCloseable {

    record Statement(Set<String> actions, List<String> resources) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CREDENTIAL = Pattern.compile("Credential=([^/]+)/");

    private final Map<String, List<Statement>> policies;
    private final URI dynalite;
    private final HttpServers.Service service;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<String> denied = new CopyOnWriteArrayList<>();
    private final LocalFaults faults;

    /**
     * @param tableArn a table's logical id → its ARN here
     * @param faults   what tests inject between the functions and dynalite
     */
    LocalIamDynamo(SamTemplate template, UnaryOperator<String> tableArn, URI dynalite, LocalFaults faults) throws IOException {
        this.faults = faults;
        this.policies = policies(template, tableArn);
        this.dynalite = dynalite;
        this.service = new HttpServers.Service("local-iam-dynamodb", 16, this::serve);
    }

    URI endpoint() {
        return service.endpoint();
    }

    /** What was refused so far, for a test to show. */
    List<String> denied() {
        return List.copyOf(denied);
    }

    static Map<String, List<Statement>> policies(SamTemplate template, UnaryOperator<String> tableArn) {
        Map<String, List<Statement>> byFunction = new LinkedHashMap<>();
        template.resourcesOfType("AWS::Serverless::Function").forEach((id, function) -> {
            List<Statement> statements = new ArrayList<>();
            for (JsonNode policy : function.path("Properties").path("Policies")) {
                for (JsonNode statement : policy.path("Statement")) {
                    if (!"Allow".equals(statement.path("Effect").asText())) {
                        continue;
                    }
                    Set<String> actions = new java.util.HashSet<>();
                    statement.path("Action").forEach(a -> actions.add(a.asText()));
                    List<String> resources = new ArrayList<>();
                    JsonNode resource = statement.path("Resource");
                    if (resource.isArray()) {
                        resource.forEach(r -> resources.add(resolve(r, tableArn)));
                    } else {
                        resources.add(resolve(resource, tableArn));
                    }
                    statements.add(new Statement(actions, resources));
                }
            }
            byFunction.put(id, statements);
        });
        return byFunction;
    }

    /** The table references this proxy needs: {@code GetAtt [T, Arn]} and {@code Sub "${T.Arn}/index/…"}. */
    private static String resolve(JsonNode resource, UnaryOperator<String> tableArn) {
        JsonNode getAtt = resource.path("Fn::GetAtt");
        if (getAtt.isArray() && "Arn".equals(getAtt.path(1).asText())) {
            String arn = tableArn.apply(getAtt.path(0).asText());
            return arn == null ? "other:" + getAtt.path(0).asText() : arn;
        }
        String sub = resource.path("Fn::Sub").asText(null);
        if (sub != null) {
            Matcher m = Pattern.compile("\\$\\{([A-Za-z0-9]+)\\.Arn}").matcher(sub);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String arn = tableArn.apply(m.group(1));
                m.appendReplacement(out, Matcher.quoteReplacement(arn == null ? "other:" + m.group(1) : arn));
            }
            m.appendTail(out);
            return out.toString();
        }
        return resource.asText("other");
    }

    /** Whether the function may do {@code action} on {@code resource}; {@code *} in a policy matches anything. */
    boolean allowed(String function, String action, String resource) {
        return allowed(policies, function, action, resource);
    }

    static boolean allowed(Map<String, List<Statement>> policies, String function, String action, String resource) {
        for (Statement s : policies.getOrDefault(function, List.of())) {
            if (!s.actions().contains(action) && !s.actions().contains("dynamodb:*")) {
                continue;
            }
            for (String pattern : s.resources()) {
                if (resource.matches(Pattern.quote(pattern).replace("*", "\\E.*\\Q"))) {
                    return true;
                }
            }
        }
        return false;
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            Matcher credential = CREDENTIAL.matcher(authorization == null ? "" : authorization);
            String function = credential.find() ? credential.group(1) : "";
            if (policies.containsKey(function) && target != null && target.startsWith("DynamoDB_20120810.")) {
                String action = "dynamodb:" + target.substring("DynamoDB_20120810.".length());
                for (String resource : resources(JSON.readTree(body), action)) {
                    if (!allowed(function, action, resource)) {
                        String message = "User: arn:aws:sts::000000000000:assumed-role/" + function + "/local is not authorized to perform: "
                                + action + " on resource: " + resource + " because no identity-based policy allows the " + action + " action";
                        denied.add(function + " " + action + " " + resource);
                        System.err.println("local IAM: denied " + function + " " + action + " on " + resource);
                        answer(exchange, 400, JSON.createObjectNode()
                                .put("__type", "com.amazon.coral.service#AccessDeniedException").put("Message", message).toString());
                        return;
                    }
                }
            }
            if (!faults.intercept("dynamodb", target, exchange)) {
                forward(exchange, body);
            }
        }
    }

    /** The table (and index) ARNs a request touches; batch requests touch every table they name. */
    private List<String> resources(JsonNode request, String action) {
        List<String> names = new ArrayList<>();
        if (request.has("TableName")) {
            String table = "arn:aws:dynamodb:eu-central-2:000000000000:table/" + request.get("TableName").asText();
            names.add(request.hasNonNull("IndexName") ? table + "/index/" + request.get("IndexName").asText() : table);
        }
        request.path("RequestItems").fieldNames().forEachRemaining(t -> names.add("arn:aws:dynamodb:eu-central-2:000000000000:table/" + t));
        return names;
    }

    private void forward(HttpExchange exchange, byte[] body) throws IOException {
        HttpForward.forward(http, dynalite, exchange, body);
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("content-type", "application/x-amz-json-1.0");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        service.close();
    }
}
