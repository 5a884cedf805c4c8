package ch.opsfabric.tenantadmin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.opsfabric.json.Json;
import ch.opsfabric.store.DynamoTenantDirectory;
import ch.opsfabric.testing.RequestCounter;
import ch.opsfabric.testing.TestAws;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The operator API as Lambda runs it: payload-2.0 JSON through the stream handler, the table on
 * dynalite, CloudFront as a small local server that checks each CreateInvalidation request as
 * CloudFront's API reference describes it (path, XML body, SigV4 scope for cloudfront/us-east-1).
 */
class TenantAdminIT {

    static final Instant NOW = Instant.parse("2026-12-01T09:00:00Z");

    final List<String> cloudFrontRequests = new CopyOnWriteArrayList<>();
    final List<String> cloudFrontProblems = new CopyOnWriteArrayList<>();
    final HttpServer cloudFront = fakeCloudFront();
    // a running clock: audit entries sort by their time, as in a deployment
    final TenantAdminHandler handler = new TenantAdminHandler(new TenantAdminWiring(Clock.systemUTC(),
            TestAws.aws().dynamo(), TestAws.aws().tableName("OpsTable"), new CloudFrontSiteCache(
                    URI.create("http://127.0.0.1:" + cloudFront.getAddress().getPort()), "E2QWRUHAPOMQZL",
                    StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDLAMBDA", "lambda-secret")))));
    final DynamoTenantDirectory directory = new DynamoTenantDirectory(TestAws.table(), 0);
    final String slug = "maler-" + UUID.randomUUID().toString().substring(0, 8);
    final String line = "+41445" + String.format("%06d", Math.floorMod(slug.hashCode(), 1_000_000));

    @AfterEach
    void stop() {
        cloudFront.stop(0);
    }

    private HttpServer fakeCloudFront() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                try (exchange) {
                    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                    String auth = exchange.getRequestHeaders().getFirst("Authorization");
                    String path = exchange.getRequestURI().getPath();
                    if (!exchange.getRequestMethod().equals("POST")
                            || !path.equals("/2020-05-31/distribution/E2QWRUHAPOMQZL/invalidation")
                            || auth == null || !auth.matches("AWS4-HMAC-SHA256 Credential=AKIDLAMBDA/\\d{8}/us-east-1/cloudfront/aws4_request, "
                            + "SignedHeaders=[a-z0-9;-]*host;[a-z0-9;-]*x-amz-date[a-z0-9;-]*, Signature=[0-9a-f]{64}")
                            || !body.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<InvalidationBatch xmlns=\"http://cloudfront.amazonaws.com/doc/2020-05-31/\">")
                            || !body.matches("(?s).*<Paths><Quantity>2</Quantity><Items><Path>/[a-z0-9-]+</Path><Path>/[a-z0-9-]+/\\*</Path></Items></Paths>"
                            + "<CallerReference>[a-z0-9-]+</CallerReference></InvalidationBatch>")) {
                        cloudFrontProblems.add(exchange.getRequestMethod() + " " + path + " " + auth + "\n" + body);
                        exchange.sendResponseHeaders(400, -1);
                        return;
                    }
                    cloudFrontRequests.add(body);
                    byte[] answer = ("<?xml version=\"1.0\"?><Invalidation xmlns=\"http://cloudfront.amazonaws.com/doc/2020-05-31/\">"
                            + "<Id>I2J0I21PCUYOIK</Id><Status>InProgress</Status></Invalidation>").getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(201, answer.length);
                    exchange.getResponseBody().write(answer);
                }
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The fixture event, changed to this request, through the handler's stream entry as Lambda calls it. */
    private JsonNode call(String method, String routePath, String rawPath, Map<String, String> pathParams, String body,
                          boolean signed, String query) throws IOException {
        ObjectNode event;
        try (InputStream in = getClass().getResourceAsStream("/events/create-tenant.json")) {
            event = (ObjectNode) Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        event.put("routeKey", method + " " + routePath).put("rawPath", rawPath);
        ObjectNode context = (ObjectNode) event.get("requestContext");
        context.put("routeKey", method + " " + routePath);
        ((ObjectNode) context.get("http")).put("method", method).put("path", rawPath);
        if (!signed) {
            context.remove("authorizer");
        }
        if (!pathParams.isEmpty()) {
            ObjectNode params = event.putObject("pathParameters");
            pathParams.forEach(params::put);
        }
        if (query != null) {
            ObjectNode q = event.putObject("queryStringParameters");
            for (String pair : query.split("&")) {
                q.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
            }
        }
        if (body == null) {
            event.remove("body");
        } else {
            event.put("body", body);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event.toString().getBytes(StandardCharsets.UTF_8)), out, null);
        ObjectNode response = (ObjectNode) Json.parse(out.toString(StandardCharsets.UTF_8));
        if (response.hasNonNull("body")) {
            response.set("json", Json.parse(response.get("body").asText()));
        }
        return response;
    }

    private String tenantJson() {
        return """
                {"slug":"%s","name":"Malerei Huber GmbH","branch":"handwerk","lines":["%s"],"ownerMobile":"+41795550404",
                 "config":{"sms":{"provider":"ecall","sender":"Huber"},"heroText":"Farbe für Winterthur."}}""".formatted(slug, line);
    }

    private JsonNode create() throws IOException {
        return call("POST", "/api/admin/tenants", "/api/admin/tenants", Map.of(), tenantJson(), true, null);
    }

    private JsonNode onTenant(String method, String suffix, String body) throws IOException {
        String route = "/api/admin/tenants/{slug}" + suffix.replaceAll("/api-keys/[a-z2-7]+$", "/api-keys/{id}");
        Map<String, String> params = new java.util.HashMap<>(Map.of("slug", slug));
        if (suffix.startsWith("/api-keys/")) {
            params.put("id", suffix.substring("/api-keys/".length()));
        }
        return call(method, route, "/api/admin/tenants/" + slug + suffix, params, body, true, null);
    }

    @Test
    void withoutTheVerifiedIamCallerNothingHappens() throws IOException {
        JsonNode refused = call("POST", "/api/admin/tenants", "/api/admin/tenants", Map.of(), tenantJson(), false, null);
        assertEquals(403, refused.path("statusCode").asInt());
        assertTrue(directory.bySlug(slug).isEmpty(), "nothing stored");
        assertEquals(List.of(), cloudFrontRequests);
    }

    @Test
    void onboardChangeKeyAuditAndOffboardATenant() throws IOException {
        JsonNode created = create();
        assertEquals(201, created.path("statusCode").asInt(), created.toString());
        assertEquals(1, created.path("json").path("version").asInt());
        assertEquals("/api/admin/tenants/" + slug, created.path("headers").path("location").asText());
        assertTrue(created.path("json").path("modules").path("missed_call").asBoolean());
        assertEquals(directory.bySlug(slug).orElseThrow().id(), created.path("json").path("id").asText());
        assertEquals(409, create().path("statusCode").asInt());

        JsonNode invalid = onTenant("PATCH", "", "{\"version\":1,\"config\":{\"slaResponseMinutes\":-5,\"fax\":true}}");
        assertEquals(400, invalid.path("statusCode").asInt());
        assertTrue(invalid.path("json").path("errors").has("config.slaResponseMinutes"), invalid.toString());
        assertTrue(invalid.path("json").path("errors").has("config.fax"));

        JsonNode changed = onTenant("PATCH", "", "{\"version\":1,\"modules\":{\"missed_call\":false},\"config\":{\"heroText\":\"Neu\"}}");
        assertEquals(200, changed.path("statusCode").asInt(), changed.toString());
        assertEquals(2, changed.path("json").path("version").asInt());
        assertFalse(directory.bySlug(slug).orElseThrow().has(ch.opsfabric.tenant.Module.MISSED_CALL));
        assertEquals(409, onTenant("PATCH", "", "{\"version\":1,\"name\":\"Zu spät\"}").path("statusCode").asInt());
        assertEquals(2, cloudFrontRequests.size(), "create and the site change emptied the cache: " + cloudFrontProblems);
        assertTrue(cloudFrontRequests.get(1).contains("<Path>/" + slug + "/*</Path>"));

        JsonNode key = onTenant("POST", "/api-keys", "{\"label\":\"Büro\"}");
        assertEquals(201, key.path("statusCode").asInt(), key.toString());
        String secret = key.path("json").path("key").asText();
        assertEquals(slug, directory.byApiKey(secret).orElseThrow().slug());
        JsonNode keys = onTenant("GET", "/api-keys", null);
        assertEquals(1, keys.path("json").path("keys").size());
        assertFalse(keys.path("body").asText().contains(secret), "a listed key never shows its secret");
        String keyId = key.path("json").path("id").asText();
        assertEquals(204, onTenant("DELETE", "/api-keys/" + keyId, null).path("statusCode").asInt());
        assertTrue(directory.byApiKey(secret).isEmpty());
        assertEquals(404, onTenant("DELETE", "/api-keys/" + keyId, null).path("statusCode").asInt());

        JsonNode audit = onTenant("GET", "/audit", null);
        List<String> actions = new ArrayList<>();
        audit.path("json").path("entries").forEach(e -> actions.add(e.path("action").asText()));
        assertEquals(List.of("key.revoke", "key.create", "tenant.update", "tenant.create"), actions);
        assertEquals("arn:aws:iam::123456789012:user/agentur-ops", audit.path("json").path("entries").get(2).path("principal").asText());
        assertFalse(audit.path("body").asText().contains(secret));

        JsonNode deleted = onTenant("DELETE", "", null);
        assertEquals(200, deleted.path("statusCode").asInt(), deleted.toString());
        assertTrue(deleted.path("json").path("done").asBoolean());
        assertEquals(404, onTenant("GET", "", null).path("statusCode").asInt());
        assertTrue(directory.byPhoneLine(line).isEmpty());
    }

    @Test
    void twentyConcurrentCreatesThroughTheApiGiveOne201() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(20);
        CountDownLatch gate = new CountDownLatch(1);
        try {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                statuses.add(pool.submit(() -> {
                    gate.await();
                    return create().path("statusCode").asInt();
                }));
            }
            gate.countDown();
            List<Integer> got = new ArrayList<>();
            for (Future<Integer> f : statuses) {
                got.add(f.get());
            }
            assertEquals(1, got.stream().filter(s -> s == 201).count(), got.toString());
            assertEquals(19, got.stream().filter(s -> s == 409).count(), got.toString());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theListPagesWithACursorAndRefusesAForgedOne() throws IOException {
        create();
        JsonNode first = call("GET", "/api/admin/tenants", "/api/admin/tenants", Map.of(), null, true, "limit=1");
        assertEquals(200, first.path("statusCode").asInt());
        assertEquals(1, first.path("json").path("tenants").size());
        assertTrue(first.path("json").path("cursor").isTextual(), "more than one tenant in the shared table");
        JsonNode forged = call("GET", "/api/admin/tenants", "/api/admin/tenants", Map.of(), null, true, "cursor=bm9wZQ");
        assertEquals(400, forged.path("statusCode").asInt());
        assertEquals(400, call("GET", "/api/admin/tenants", "/api/admin/tenants", Map.of(), null, true, "limit=1000")
                .path("statusCode").asInt());
    }

    @Test
    void primingOnlyReads() {
        RequestCounter counter = new RequestCounter();
        new TenantAdminWiring(Clock.fixed(NOW, ZoneOffset.UTC), counter.dynamo(), "OpsTable", s -> {
            throw new AssertionError("priming empties no cache");
        }).warmUp();
        assertTrue(!counter.operations().isEmpty(), "priming reached the table");
        assertTrue(java.util.Set.of("DynamoDb.GetItem").containsAll(counter.operations()), "only reads: " + counter.operations());
    }
}
