package ch.opsfabric.infra.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * A person's rights through the local stack: a caller who said STOP and then filled the wizard
 * asks what is held about them (the export names the call, the answer and the form) and to be
 * erased; afterwards the ticket holds nothing personal, and a new call from that number still
 * gets no SMS, because the opt-out survives as a hash.
 */
class PersonalDataE2E extends AgainstLocalStack {

    private static final String KEY = "Bearer dev-key-sanitaer-keller";
    private static final String NUMBER = "+41795558801";

    @Test
    void aCallerIsExportedThenErasedAndStopStillHolds() {
        assertEquals(200, http.signedJson("/api/webhook/missed-call",
                "{\"from\":\"079 555 88 01\",\"to\":\"+41445550101\",\"callId\":\"dsr-call-1\"}").statusCode());
        assertEquals(200, http.signedJson("/api/webhook/sms-reply",
                "{\"from\":\"" + NUMBER + "\",\"to\":\"+41445550101\",\"text\":\"STOP\",\"messageId\":\"dsr-stop-1\"}").statusCode());
        HttpResponse<String> form = http.postJson("/api/ticket", "{\"slug\":\"sanitaer-keller\",\"flow\":\"standard\","
                + "\"name\":\"Vera Muster\",\"phone\":\"079 555 88 01\",\"email\":\"vera.muster@example.ch\","
                + "\"category\":\"Boiler\",\"message\":\"Der Boiler tropft\",\"address\":\"Seeweg 3, Zürich\"}");
        assertTrue(form.statusCode() == 200 || form.statusCode() == 201, form.body());
        String ticketId = http.json(form).get("ticketId").asText();
        String contactId = http.json(http.get("/api/tickets/" + ticketId, "Authorization", KEY)).get("contactId").asText();
        LocalHttp.sleep(800);
        int smsToNumber = sentTo(NUMBER);

        HttpResponse<String> exported = http.get("/api/contacts/" + contactId + "/export", "Authorization", KEY);
        assertEquals(200, exported.statusCode(), exported.body());
        JsonNode export = http.json(exported);
        assertEquals(NUMBER, export.path("contact").path("phones").get(0).asText());
        assertEquals("vera.muster@example.ch", export.path("contact").path("emails").get(0).asText());
        assertEquals("Vera Muster", export.path("tickets").get(0).path("name").asText());
        assertTrue(export.path("optedOut").path(NUMBER).asBoolean(), export.toString());
        assertTrue(export.path("messages").size() >= 1, "the menu SMS sent to the caller: " + export);
        assertEquals(404, http.get("/api/contacts/" + contactId + "/export", "Authorization", "Bearer dev-key-bella-vista")
                .statusCode(), "another business does not see the person");

        assertEquals(400, http.send("POST", "/api/contacts/" + contactId + "/erase", "application/json", "{}",
                "Authorization", KEY).statusCode(), "an erasure needs the contact's id as confirmation");
        HttpResponse<String> erased = http.send("POST", "/api/contacts/" + contactId + "/erase", "application/json",
                "{\"confirm\":\"" + contactId + "\"}", "Authorization", KEY);
        assertEquals(200, erased.statusCode(), erased.body());
        assertEquals(1, http.json(erased).path("optOutsKept").asInt());

        JsonNode ticket = http.json(http.get("/api/tickets/" + ticketId, "Authorization", KEY));
        for (String field : new String[] {"phone", "name", "email", "message"}) {
            assertFalse(ticket.hasNonNull(field) && !ticket.get(field).asText().isEmpty(), field + " is gone: " + ticket);
        }
        assertFalse(ticket.toString().contains("Boiler tropft") || ticket.toString().contains("Seeweg"), ticket.toString());
        JsonNode again = http.json(http.get("/api/contacts/" + contactId + "/export", "Authorization", KEY));
        assertEquals(0, again.path("contact").path("phones").size());
        assertEquals(0, again.path("messages").path(0).path("attributes").path("to").asText("").length());

        assertEquals(200, http.signedJson("/api/webhook/missed-call",
                "{\"from\":\"079 555 88 01\",\"to\":\"+41445550101\",\"callId\":\"dsr-call-2\"}").statusCode());
        LocalHttp.sleep(1500);
        assertEquals(smsToNumber, sentTo(NUMBER), "after the erasure STOP still holds: no menu SMS");
    }

    private static int sentTo(String number) {
        int n = 0;
        for (JsonNode sms : http.json(http.get("/_local/sms"))) {
            n += number.equals(sms.path("to").asText()) ? 1 : 0;
        }
        return n;
    }
}
