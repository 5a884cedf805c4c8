package ch.opsfabric.tenant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.opsfabric.json.Json;
import ch.opsfabric.ticket.Urgency;
import ch.opsfabric.time.QuietHours;
import java.time.Duration;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class TenantJsonTest {

    @Test
    void defaultsFromTheDesign() {
        Tenant t = TenantJson.read(Json.parse("""
                {"id":"t1","slug":"muster","name":"Muster AG","branch":"handwerk",
                 "config":{"phoneLines":["044 555 01 01"]}}"""));
        assertEquals(Branch.HANDWERK, t.branch());
        assertEquals("+41445550101", t.config().phoneLines().get(0));
        assertEquals(Duration.ofMinutes(120), t.config().slaResponse());
        assertEquals(QuietHours.DEFAULT, t.config().quietHours());
        assertEquals(ZoneId.of("Europe/Zurich"), t.config().zone());
        assertEquals(Duration.ofHours(2), t.config().reviewDelay());
        assertEquals("console", t.config().smsProvider());
        assertTrue(t.config().googleReview().isEmpty());
        assertTrue(t.has(Module.WIZARD));
        assertFalse(t.has(Module.WHATSAPP), "handwerk: WhatsApp optional, off");
    }

    @Test
    void switchesOverrideBranchDefaultsButTicketsStayOn() {
        Tenant t = TenantJson.read(Json.parse("""
                {"id":"t2","slug":"bella","name":"Bella","branch":"gastro",
                 "modules":{"website":false,"tickets":false,"unknown_module":true},"config":{}}"""));
        assertFalse(t.has(Module.WEBSITE));
        assertTrue(t.has(Module.TICKETS));
        assertTrue(t.has(Module.WHATSAPP), "gastro: WhatsApp on by default");
    }

    @Test
    void branchProfilesCarryTheirFlows() {
        assertEquals(Urgency.HIGH, Branch.HANDWERK.flow("notfall").orElseThrow().urgency());
        assertEquals(3, Branch.GASTRO.flows().size());
        assertEquals(2, Branch.BEAUTY.flows().size());
        assertTrue(Branch.ALLGEMEIN.flow("notfall").isEmpty());
    }

    @Test
    void refusesBadSlugsAndNumbers() {
        assertThrows(IllegalArgumentException.class, () -> TenantJson.read(Json.parse(
                "{\"id\":\"x\",\"slug\":\"Bad Slug\",\"name\":\"x\",\"config\":{}}")));
        assertThrows(IllegalArgumentException.class, () -> TenantJson.read(Json.parse(
                "{\"id\":\"x\",\"slug\":\"ok\",\"name\":\"x\",\"config\":{\"phoneLines\":[\"12\"]}}")));
    }
}
