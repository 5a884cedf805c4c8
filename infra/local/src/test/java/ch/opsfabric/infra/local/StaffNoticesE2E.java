package ch.opsfabric.infra.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.opsfabric.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The owner's SMS notices over a day of local clock: an urgent wizard ticket at once, no second
 * SMS for an "1" the owner's alert already reported, new tickets and SLAs about to be missed by
 * the 15-minute cron, each once, and nothing in quiet hours until the morning.
 */
class StaffNoticesE2E extends AgainstLocalStack {

    static final String OWNER = "+41795550101";
    static final String LINE = "+41445550101";

    static List<String> noticesToOwner() {
        List<String> texts = new ArrayList<>();
        for (JsonNode sms : http.json(http.get("/_local/sms"))) {
            if (sms.path("to").asText().equals(OWNER) && sms.path("kind").asText().equals("staff_notice")) {
                texts.add(sms.path("text").asText());
            }
        }
        return texts;
    }

    static List<String> awaitNotices(int count) {
        http.await("/_local/sms", list -> noticesToOwner().size() >= count, Duration.ofSeconds(15));
        LocalHttp.sleep(1200);
        List<String> notices = noticesToOwner();
        assertEquals(count, notices.size(), notices.toString());
        return notices;
    }

    static HttpResponse<String> signed(String path, String body) {
        HttpResponse<String> r = http.signedJson(path, body);
        assertEquals(200, r.statusCode(), r.body());
        return r;
    }

    @Test
    void urgentAtOnceTheRestByTheCronOnceAndNotAtNight() throws Exception {
        clock("2026-12-03T09:00:00+01:00");
        String session = StaffSessions.signIn(stack.baseUrl(), http, OWNER);
        String team = http.get("/app/team", "cookie", session).body();
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(team);
        assertTrue(csrf.find());
        HttpResponse<String> saved = http.send("POST", "/app/team", "application/x-www-form-urlencoded",
                "_csrf=" + csrf.group(1) + "&action=notices&notice=urgent&notice=new_ticket&notice=sla_soon", "cookie", session);
        assertEquals(303, saved.statusCode(), saved.body());

        // an emergency from the wizard: at once
        HttpResponse<String> emergency = http.postJson("/api/ticket", Json.write(Json.object().put("slug", "sanitaer-keller")
                .put("flow", "notfall").put("phone", "079 555 07 02").put("message", "Wasser läuft aus der Decke")
                .put("address", "Seestrasse 4")));
        assertEquals(201, emergency.statusCode(), emergency.body());
        String urgentRef = http.json(emergency).path("reference").asText();
        List<String> first = awaitNotices(1);
        assertTrue(first.get(0).startsWith("Dringend: " + urgentRef) && first.get(0).contains("/app/tickets/"), first.get(0));

        // a missed call answered with "1": the owner's alert goes out, no notice on top of it
        signed("/api/webhook/missed-call", Json.write(Json.object().put("from", "+41795550701").put("to", LINE)
                .put("callId", "notice-call-1")));
        signed("/api/webhook/sms-reply", Json.write(Json.object().put("from", "+41795550701").put("to", LINE)
                .put("text", "1").put("messageId", "notice-sms-1")));
        awaitNotices(1);

        // the next quarter hour: both tickets are new to the staff, once
        clock("2026-12-03T09:15:00+01:00");
        List<String> news = awaitNotices(3);
        assertEquals(2, news.stream().filter(t -> t.startsWith("Neues Ticket")).count(), news.toString());
        clock("2026-12-03T09:30:00+01:00");
        awaitNotices(3);

        // 30 minutes before the SLA (2 hours) of each, without a first response
        clock("2026-12-03T10:35:00+01:00");
        List<String> soon = awaitNotices(5);
        assertEquals(2, soon.stream().filter(t -> t.startsWith("In 30 Minuten")).count(), soon.toString());
        clock("2026-12-03T10:45:00+01:00");
        awaitNotices(5);

        // at night a new ticket waits for the morning
        clock("2026-12-03T22:00:00+01:00");
        signed("/api/webhook/missed-call", Json.write(Json.object().put("from", "+41795550703").put("to", LINE)
                .put("callId", "notice-call-night")));
        clock("2026-12-03T22:15:00+01:00");
        awaitNotices(5);
        clock("2026-12-04T07:15:00+01:00");
        List<String> morning = awaitNotices(6);
        assertTrue(morning.get(5).startsWith("Neues Ticket") && morning.get(5).contains("079 555 07 03"), morning.toString());
    }
}
