package ch.opsfabric.infra.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.opsfabric.cli.OpsFabric;
import ch.opsfabric.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An operator's day against the local stack, with the opsfabric CLI itself (signing with the
 * SDK's SigV4 signer, checked by the local gateway): onboard a business, see its site and its
 * missed-call SMS, switch a module off, rotate a key, apply a file, offboard, and reuse the line.
 */
class OperatorE2E extends AgainstLocalStack {

    static final String SLUG = "maler-huber";
    static final String LINE = "+41445550404";

    record Run(int exit, String out, String err) {
        JsonNode json() {
            return Json.parse(out);
        }
    }

    static Run cliWithInput(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> argv = new ArrayList<>(List.of("--endpoint", stack.baseUrl()));
        argv.addAll(List.of(args));
        int exit = OpsFabric.run(argv.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), new BufferedReader(new StringReader(stdin)), Map.of());
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static Run cli(String... args) {
        return cliWithInput("", args);
    }

    static Path file(String json) throws IOException {
        Path file = Files.createTempFile("tenant", ".json");
        Files.writeString(file, json);
        file.toFile().deleteOnExit();
        return file;
    }

    static String tenantJson(String slug, String heroText) {
        return """
                {"slug":"%s","name":"Malerei Huber GmbH","branch":"handwerk","lines":["%s"],"ownerMobile":"+41795550404",
                 "config":{"sms":{"provider":"console","sender":"Huber"},"heroText":"%s",
                           "contact":{"city":"Winterthur","phone":"%s","email":"info@maler-huber.example"}}}"""
                .formatted(slug, LINE, heroText, LINE);
    }

    static HttpResponse<String> missedCall(String from, String callId) {
        String body = Json.write(Json.object().put("from", from).put("to", LINE).put("callId", callId));
        return http.signedJson("/api/webhook/missed-call", body);
    }

    static long smsTo(String to) {
        long n = 0;
        for (JsonNode sms : http.json(http.get("/_local/sms"))) {
            n += sms.path("to").asText().equals(to) ? 1 : 0;
        }
        return n;
    }

    static int ticketsOf(String slug) {
        HttpResponse<String> response = http.get("/_local/tickets/" + slug);
        return response.statusCode() == 404 ? -1 : http.json(response).size();
    }

    @Test
    void anOperatorOnboardsRunsAndOffboardsABusiness() throws Exception {
        // onboard
        Run created = cli("--json", "tenants", "create", "--file", file(tenantJson(SLUG, "Farbe für Winterthur.")).toString());
        assertEquals(0, created.exit(), created.err());
        assertEquals(1, created.json().path("version").asInt());
        assertEquals(4, cli("tenants", "create", "--file", file(tenantJson(SLUG, "x")).toString()).exit(), "slug taken → 4");
        Run table = cli("tenants", "list");
        assertEquals(0, table.exit());
        assertTrue(table.out().lines().anyMatch(l -> l.startsWith(SLUG + " ") && l.contains("Malerei Huber GmbH")), table.out());

        // its site renders, and a missed call on its line gets the menu SMS
        HttpResponse<String> home = http.get("/" + SLUG + "/");
        assertEquals(200, home.statusCode());
        assertTrue(home.body().contains("Farbe für Winterthur."));
        assertEquals(200, missedCall("+41795550901", "op-call-1").statusCode());
        http.await("/_local/sms", list -> smsTo("+41795550901") == 1, Duration.ofSeconds(15));
        assertEquals(1, ticketsOf(SLUG));

        // missed_call off: its webhook answers 404 and nothing is stored or sent
        Run off = cli("tenants", "set", SLUG, "modules.missed_call=off", "config.slaResponseMinutes=90");
        assertEquals(0, off.exit(), off.err());
        assertTrue(off.out().contains("modules.missed_call"), off.out());
        assertEquals(404, missedCall("+41795550902", "op-call-2").statusCode());
        LocalHttp.sleep(1200);
        assertEquals(0, smsTo("+41795550902"));
        assertEquals(1, ticketsOf(SLUG));
        assertTrue(invalidated(SLUG), "a module switch changes the site: its edge cache was emptied");

        // a stale version loses; an unsigned or wrongly signed request changes nothing
        HttpClient client = HttpClient.newHttpClient();
        URI tenantUri = URI.create(stack.baseUrl() + "/api/admin/tenants/" + SLUG);
        assertEquals(409, client.send(OperatorRequests.signed("PATCH", tenantUri, "{\"version\":1,\"name\":\"Alt\"}"),
                HttpResponse.BodyHandlers.ofString()).statusCode());
        assertEquals(403, http.send("PATCH", "/api/admin/tenants/" + SLUG, "application/json", "{\"version\":2,\"name\":\"X\"}")
                .statusCode());
        assertEquals(403, client.send(OperatorRequests.signed("PATCH", tenantUri, "{\"version\":2,\"name\":\"X\"}", "wrong-secret"),
                HttpResponse.BodyHandlers.ofString()).statusCode());
        assertEquals("Malerei Huber GmbH", cli("--json", "tenants", "show", SLUG).json().path("name").asText());

        // a new staff key works; revoked, it is refused
        Run key = cli("--json", "keys", "create", SLUG, "--label", "Büro");
        assertEquals(0, key.exit(), key.err());
        String secret = key.json().path("key").asText();
        assertEquals(200, http.get("/api/tickets", "Authorization", "Bearer " + secret).statusCode());
        assertTrue(cli("keys", "list", SLUG).out().contains("Büro"));
        assertEquals(0, cli("keys", "revoke", SLUG, key.json().path("id").asText()).exit());
        assertEquals(401, http.get("/api/tickets", "Authorization", "Bearer " + secret).statusCode());

        // apply a file: the diff is shown; without an answer nothing changes, with --yes it is applied
        Path desired = file(tenantJson(SLUG, "Farbe seit 1990."));
        Run unanswered = cliWithInput("", "tenants", "apply", SLUG, "--file", desired.toString());
        assertEquals(8, unanswered.exit(), unanswered.out());
        assertTrue(unanswered.out().contains("~ config.heroText: \"Farbe für Winterthur.\" → \"Farbe seit 1990.\""), unanswered.out());
        assertTrue(unanswered.out().contains("- config.slaResponseMinutes: 90"), unanswered.out());
        assertTrue(http.get("/" + SLUG + "/").body().contains("Farbe für Winterthur."));
        Run applied = cliWithInput("y\n", "tenants", "apply", SLUG, "--file", desired.toString());
        assertEquals(0, applied.exit(), applied.out() + applied.err());
        assertTrue(http.get("/" + SLUG + "/").body().contains("Farbe seit 1990."), "the change shows at once locally");
        assertTrue(cli("tenants", "apply", SLUG, "--file", desired.toString()).out().contains("No changes"));

        // the staff app's first member comes from the operator; she then adds the others herself
        Run staff = cli("--json", "staff", "add", SLUG, "--name", "Hanna Huber", "--mobile", "+41795550440", "--role", "owner");
        assertEquals(0, staff.exit(), staff.err());
        assertTrue(cli("staff", "list", SLUG).out().contains("Hanna Huber"));
        assertEquals(5, cli("staff", "add", SLUG, "--name", "X", "--mobile", "044 555 04 04").exit(), "a landline cannot get a code");
        assertEquals(4, cli("staff", "add", SLUG, "--name", "Hanna Huber", "--mobile", "+41795550440").exit(), "already a member");
        assertEquals(0, cli("staff", "remove", SLUG, staff.json().path("id").asText()).exit());
        assertFalse(cli("staff", "list", SLUG).out().contains("Hanna Huber"));

        Run audit = cli("audit", SLUG);
        assertEquals(0, audit.exit());
        assertTrue(audit.out().contains("arn:aws:iam::000000000000:user/local-operator"), audit.out());
        assertTrue(audit.out().contains("key.revoke") && audit.out().contains("modules.missed_call"), audit.out());

        // offboard: the site is gone, the data is gone, the line is free for the next business
        Run deleted = cli("tenants", "delete", SLUG, "--yes");
        assertEquals(0, deleted.exit(), deleted.err());
        assertEquals(404, http.get("/" + SLUG + "/").statusCode());
        assertEquals(-1, ticketsOf(SLUG));
        assertEquals(3, cli("tenants", "show", SLUG).exit(), "not found → 3");
        Run next = cli("tenants", "create", "--file", file(tenantJson("maler-meier", "Neu hier.")).toString());
        assertEquals(0, next.exit(), next.err());
        assertEquals(200, missedCall("+41795550903", "op-call-3").statusCode());
        http.await("/_local/sms", list -> smsTo("+41795550903") == 1, Duration.ofSeconds(15));
        assertEquals(1, ticketsOf("maler-meier"));
        assertEquals(0, cli("tenants", "delete", "maler-meier", "--yes").exit());
    }

    @Test
    void mistakesAreExplainedWithMeaningfulExitCodes() throws IOException {
        Run invalid = cli("tenants", "create", "--file", file("""
                {"slug":"api","name":"X","branch":"bäckerei","lines":["044 555"],"ownerMobile":"+41795550404",
                 "config":{"sms":{"provider":"console"}}}""").toString());
        assertEquals(5, invalid.exit());
        assertTrue(invalid.err().contains("slug:") && invalid.err().contains("branch:") && invalid.err().contains("lines[0]:"),
                invalid.err());
        assertEquals(2, cli("tenants", "frobnicate").exit());
        assertEquals(2, cli("tenants", "create").exit(), "no --file");
        Run notJson = cli("tenants", "create", "--file", file("{\"slug\": ").toString());
        assertEquals(2, notJson.exit());
        assertTrue(notJson.err().contains("not valid JSON"), notJson.err());
        assertEquals(3, cli("keys", "list", "gibt-es-nicht").exit());
        assertEquals(2, OpsFabric.run(new String[] {"tenants", "list"}, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(new ByteArrayOutputStream()), new BufferedReader(new StringReader("")), Map.of()),
                "no endpoint → usage");
        assertFalse(cli("tenants", "list").out().contains("maler-huber-x"));
    }

    /** Signed, so they reach the function: malformed bodies are 4xx JSON and change nothing. */
    @Test
    void malformedSignedRequestsAre4xxAndChangeNothing() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        String before = cli("--json", "tenants", "show", "nur-kontakt").out();
        List<String[]> requests = List.of(
                new String[] {"POST", "/api/admin/tenants", ""}, new String[] {"POST", "/api/admin/tenants", "[]"},
                new String[] {"POST", "/api/admin/tenants", "{"}, new String[] {"POST", "/api/admin/tenants", "{\"slug\":1}"},
                new String[] {"POST", "/api/admin/tenants", "{\"slug\":\"neu-ok\",\"config\":[1],\"lines\":\"x\"}"},
                new String[] {"PATCH", "/api/admin/tenants/nur-kontakt", "{\"version\":\"1\"}"},
                new String[] {"PATCH", "/api/admin/tenants/nur-kontakt", "{\"version\":1,\"config\":[]}"},
                new String[] {"PATCH", "/api/admin/tenants/nur-kontakt", "{\"version\":1,\"lines\":{\"add\":[1,{}],\"remove\":[null]}}"},
                new String[] {"PATCH", "/api/admin/tenants/nur-kontakt", "{\"version\":1,\"modules\":[],\"name\":{}}"},
                new String[] {"PATCH", "/api/admin/tenants/nur-kontakt", "{\"version\":1,\"config\":{\"contact\":{\"phone\":{}},\"timeZone\":\"Mars/Olympus\"}}"},
                new String[] {"PATCH", "/api/admin/tenants/nur-kontakt", "{\"version\":1,\"slug\":\"anders\"}"},
                new String[] {"POST", "/api/admin/tenants/nur-kontakt/api-keys", "{\"key\":123,\"label\":[]}"},
                new String[] {"POST", "/api/admin/tenants/nur-kontakt/staff", "{\"name\":1,\"mobile\":true}"},
                new String[] {"DELETE", "/api/admin/tenants/nur-kontakt/api-keys/..", null},
                new String[] {"GET", "/api/admin/tenants?limit=abc&cursor=%25%25", null},
                new String[] {"GET", "/api/admin/tenants?cursor=bm9wZQ", null},
                new String[] {"GET", "/api/admin/tenants/NUR_KONTAKT", null});
        for (String[] r : requests) {
            HttpResponse<String> response = client.send(OperatorRequests.signed(r[0], URI.create(stack.baseUrl() + r[1]), r[2]),
                    HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            assertTrue(status >= 400 && status < 500, r[0] + " " + r[1] + " " + r[2] + " → " + status + " " + response.body());
            assertTrue(response.body().startsWith("{") && !response.body().contains("Exception"), response.body());
        }
        assertEquals(before, cli("--json", "tenants", "show", "nur-kontakt").out(), "nothing changed");
    }

    static boolean invalidated(String slug) {
        for (JsonNode i : http.json(http.get("/_local/invalidations"))) {
            if (i.path("paths").toString().contains("\"/" + slug + "/*\"")) {
                return true;
            }
        }
        return false;
    }
}
