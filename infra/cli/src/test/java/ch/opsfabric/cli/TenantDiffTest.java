package ch.opsfabric.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code tenants apply}'s diff and patch, and the command line's own rules. */
class TenantDiffTest {

    static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void theFileIsTheTruthForConfigAndNamedModules() throws Exception {
        JsonNode current = json("""
                {"name":"Maler","branch":"handwerk","lines":["+41445550404"],"ownerMobile":"+41795550404",
                 "modules":{"sms":true,"whatsapp":false,"website":true},
                 "config":{"heroText":"Alt","contact":{"city":"Winterthur","phone":"+41445550404"},"slaResponseMinutes":90}}""");
        JsonNode desired = json("""
                {"name":"Maler","lines":["+41445550404","+41445550405"],"modules":{"whatsapp":true},
                 "config":{"heroText":"Neu","contact":{"city":"Winterthur"},"theme":{"primary":"#0b5394"}}}""");
        TenantDiff diff = TenantDiff.between(current, desired);
        assertEquals(json("""
                {"lines":["+41445550404","+41445550405"],"modules":{"whatsapp":true},
                 "config":{"heroText":"Neu","contact":{"phone":null},"slaResponseMinutes":null,"theme":{"primary":"#0b5394"}}}"""),
                diff.patch());
        List<String> lines = diff.lines().stream().map(Object::toString).toList();
        assertTrue(lines.contains("~ config.heroText: \"Alt\" → \"Neu\""), lines.toString());
        assertTrue(lines.contains("- config.contact.phone: \"+41445550404\""), lines.toString());
        assertTrue(lines.contains("+ config.theme: {\"primary\":\"#0b5394\"}"), lines.toString());
        assertTrue(lines.contains("~ modules.whatsapp: false → true"), lines.toString());
        assertEquals(6, lines.size(), lines.toString());
    }

    @Test
    void anUnchangedTenantHasNoDiff() throws Exception {
        JsonNode tenant = json("{\"name\":\"Maler\",\"modules\":{\"sms\":true},\"config\":{\"heroText\":\"x\"}}");
        assertTrue(TenantDiff.between(tenant, tenant).isEmpty());
    }

    @Test
    void setValuesAreJsonWhenTheyParseAndTextOtherwise() {
        assertEquals(true, OpsFabric.value("on").asBoolean());
        assertEquals(90, OpsFabric.value("90").asInt());
        assertTrue(OpsFabric.value("Malerei Huber").isTextual());
        assertTrue(OpsFabric.value("+41445550404").isTextual(), "a phone number stays text");
        assertTrue(OpsFabric.value("{\"start\":\"20:00\"}").isObject());
    }

    @Test
    void unknownOptionsAndMissingValuesAreUsageErrors() {
        assertEquals(ExitCode.USAGE, assertThrows(CliException.class, () -> OpsFabric.Args.parse(new String[] {"--frob"})).exitCode());
        assertEquals(ExitCode.USAGE, assertThrows(CliException.class,
                () -> OpsFabric.Args.parse(new String[] {"tenants", "create", "--file"})).exitCode());
        OpsFabric.Args args = OpsFabric.Args.parse(new String[] {"--endpoint=http://localhost:3000", "--json", "tenants", "list"});
        assertEquals(List.of("tenants", "list"), args.words());
        assertTrue(args.flag("json"));
    }

    @Test
    void statusesMapToExitCodes() {
        assertEquals(ExitCode.INVALID, ExitCode.forStatus(400));
        assertEquals(ExitCode.UNAUTHORIZED, ExitCode.forStatus(403));
        assertEquals(ExitCode.NOT_FOUND, ExitCode.forStatus(404));
        assertEquals(ExitCode.CONFLICT, ExitCode.forStatus(409));
        assertEquals(ExitCode.UNAVAILABLE, ExitCode.forStatus(503));
        assertEquals(ExitCode.REFUSED, ExitCode.forStatus(429));
    }
}
