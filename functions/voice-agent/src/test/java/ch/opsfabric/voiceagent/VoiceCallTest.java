package ch.opsfabric.voiceagent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.opsfabric.json.Json;
import ch.opsfabric.phone.Phone;
import ch.opsfabric.stats.DailyStats;
import ch.opsfabric.tenant.Tenant;
import ch.opsfabric.testing.Fixtures;
import ch.opsfabric.testing.MutableClock;
import ch.opsfabric.testing.fakes.InMemoryTenants;
import ch.opsfabric.testing.fakes.InMemoryTicketStore;
import ch.opsfabric.ticket.Ticket;
import ch.opsfabric.ticket.TicketIntake;
import ch.opsfabric.ticket.TicketSource;
import ch.opsfabric.ticket.TicketWatcher;
import ch.opsfabric.ticket.Urgency;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Whole ConversationRelay exchanges against a scripted model server that speaks OpenAI's wire format. */
class VoiceCallTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T19:30:00Z"));
    private final Tenant keller = InMemoryTenants.handwerk("keller", "+41445550100", "{\"voice_agent\":true}", "");
    private final Tenant vista = ch.opsfabric.tenant.TenantJson.read(Json.parse("""
            {"id":"vista","slug":"vista","name":"Ristorante Bella Vista","branch":"gastro","modules":{"voice_agent":true},
             "config":{"phoneLines":["+41445550202"],"ownerMobile":"+41795550202","sms":{"provider":"console","sender":"Vista"}}}"""));
    private final InMemoryTicketStore tickets = new InMemoryTicketStore();
    private final Map<String, CallState> calls = new ConcurrentHashMap<>();
    private final List<String> followUps = new ArrayList<>();
    private final ScriptedModelServer model;
    private final VoiceCall call;

    VoiceCallTest() throws Exception {
        model = new ScriptedModelServer();
        call = new VoiceCall(new InMemoryTenants().add(keller).add(vista), new CallStore() {
            @Override
            public Optional<CallState> find(String connectionId) {
                return Optional.ofNullable(calls.get(connectionId));
            }

            @Override
            public void save(String connectionId, CallState state) {
                calls.put(connectionId, state);
            }
        }, new OpenAiVoiceModel(model.baseUrl(), "sk-test", "gpt-4o-mini", Duration.ofMillis(800)),
                new TicketIntake(tickets, DailyStats.NONE, TicketWatcher.NONE), new VoiceCall.FollowUp() {
                    @Override
                    public void urgent(Tenant tenant, Ticket ticket, Instant at) {
                        followUps.add("urgent " + ticket.reference());
                    }

                    @Override
                    public void smsMenu(Tenant tenant, Phone.Number caller, Ticket ticket, Instant at) {
                        followUps.add("sms menu " + caller.e164());
                    }
                }, clock);
    }

    @AfterEach
    void stop() {
        model.close();
    }

    private static String fixture(String name) {
        return new String(Fixtures.bytes("twilio/conversationrelay/" + name), StandardCharsets.UTF_8);
    }

    private List<JsonNode> send(String sid, String json) {
        List<JsonNode> out = new ArrayList<>();
        call.handle(sid, RelayMessage.read(json)).forEach(m -> out.add(Json.parse(m)));
        return out;
    }

    private static String prompt(String text, String lang) {
        return Json.write(Json.object().put("type", "prompt").put("voicePrompt", text).put("lang", lang).put("last", true));
    }

    @Test
    void aHandwerkEmergencyInGermanEndsWithAnUrgentTicketAndItsTranscript() {
        model.then(ScriptedModelServer.Turn.say("Das klingt dringend. Schliessen Sie wenn möglich den Haupthahn. An welcher Adresse ist das?",
                        new String[] {"record_request", "{\"concern\":\"Wasser läuft aus der Decke\",\"urgency\":\"high\"}"}))
                .then(ScriptedModelServer.Turn.say("Danke. Ein Techniker ruft Sie sofort zurück. Auf Wiederhören.",
                        new String[] {"record_request", "{\"address\":\"Seestrasse 12, 8002 Zürich\",\"summary\":"
                                + "\"Wasser läuft aus der Decke.\\nSeestrasse 12, 8002 Zürich.\\nHaupthahn empfohlen.\"}"},
                        new String[] {"end_call"}));
        assertEquals(List.of(), send("CA00000000000000000000000000000001", fixture("setup.json")));
        List<JsonNode> first = send("CA00000000000000000000000000000001", fixture("prompt.json"));
        assertEquals(1, first.size());
        assertEquals("text", first.get(0).get("type").asText());
        assertTrue(first.get(0).get("token").asText().contains("Haupthahn"));
        assertTrue(first.get(0).get("last").asBoolean());

        JsonNode request = model.requests.get(0);
        assertEquals("gpt-4o-mini", request.get("model").asText());
        assertEquals("Bearer sk-test", model.authorizations.get(0));
        String system = request.get("messages").get(0).get("content").asText();
        assertTrue(system.contains("Gasgeruch") && system.contains("Haupthahn"), "the Handwerk safety notice");
        assertEquals("assistant", request.get("messages").get(1).get("role").asText(), "the greeting is the first line");
        assertEquals("Grüezi, bei mir läuft Wasser aus der Decke.", request.get("messages").get(2).get("content").asText());
        assertEquals(List.of("record_request", "hand_off", "end_call"),
                java.util.stream.StreamSupport.stream(request.get("tools").spliterator(), false)
                        .map(t -> t.path("function").path("name").asText()).toList());

        List<JsonNode> second = send("CA00000000000000000000000000000001", prompt("Seestrasse 12 in Zürich", "de-CH"));
        assertEquals(List.of("text", "end"), second.stream().map(m -> m.get("type").asText()).toList());
        JsonNode handoff = Json.parse(second.get(1).get("handoffData").asText());
        assertEquals("completed", handoff.get("reason").asText());
        Ticket ticket = tickets.all().get(0);
        assertEquals(handoff.get("ticket").asText(), ticket.reference());
        assertEquals(TicketSource.VOICE, ticket.source());
        assertEquals(Urgency.HIGH, ticket.urgency());
        assertEquals("+41795550123", ticket.phone());
        assertEquals("Seestrasse 12, 8002 Zürich", ticket.fields().get("address"));
        assertTrue(ticket.message().startsWith("Wasser läuft aus der Decke.\nSeestrasse 12, 8002 Zürich.\nHaupthahn empfohlen."));
        assertTrue(ticket.message().contains("Anrufer: Seestrasse 12 in Zürich"), ticket.message());
        assertEquals(List.of("urgent " + ticket.reference()), followUps);
        assertEquals(List.of(), send("CA00000000000000000000000000000001", prompt("Hallo?", "de-CH")), "an ended call says nothing");
    }

    @Test
    void anEnglishReservationSwitchesTheLanguageAndFillsTheBooking() {
        model.then(ScriptedModelServer.Turn.say("Of course. For how many people, and when?",
                        new String[] {"record_request", "{\"concern\":\"table reservation\"}"}))
                .then(ScriptedModelServer.Turn.say("Thank you, the team will confirm shortly. Goodbye.",
                        new String[] {"record_request", "{\"persons\":\"4\",\"date\":\"2026-12-05\",\"time\":\"19:30\","
                                + "\"name\":\"John Miller\",\"summary\":\"Tisch für 4 am 5.12. um 19:30, John Miller.\"}"},
                        new String[] {"end_call"}));
        send("CA2", fixture("setup.json").replace("+41445550100", "+41445550202").replace("CA00000000000000000000000000000001", "CA2"));
        List<JsonNode> first = send("CA2", prompt("Hello, I'd like to book a table.", "en-US"));
        assertEquals("language", first.get(0).get("type").asText());
        assertEquals("en-US", first.get(0).get("ttsLanguage").asText());
        assertEquals("text", first.get(1).get("type").asText());
        List<JsonNode> second = send("CA2", prompt("Four people, Saturday at half past seven, John Miller.", "en-US"));
        assertEquals(List.of("text", "end"), second.stream().map(m -> m.get("type").asText()).toList(), "no second language switch");
        Ticket ticket = tickets.all().get(0);
        assertEquals(Map.of("persons", "4", "date", "2026-12-05", "time", "19:30"), ticket.fields());
        assertEquals("John Miller", ticket.name());
        assertTrue(AgentPrompts.system(vista).contains("Reservationsanfragen"));
    }

    @Test
    void zeroOrAskingForAPersonHandsOffWithTheTicketMade() {
        send("CA3", fixture("setup.json").replace("CA00000000000000000000000000000001", "CA3"));
        List<JsonNode> out = send("CA3", fixture("dtmf-0.json"));
        assertEquals("end", out.get(0).get("type").asText());
        JsonNode handoff = Json.parse(out.get(0).get("handoffData").asText());
        assertEquals("caller_pressed_0", handoff.get("reason").asText());
        assertEquals(tickets.all().get(0).reference(), handoff.get("ticket").asText());
        assertTrue(model.requests.isEmpty(), "no model call for 0");

        send("CA4", fixture("setup.json").replace("CA00000000000000000000000000000001", "CA4")
                .replace("+41795550123", "+41795550124"));
        List<JsonNode> asked = send("CA4", prompt("Chönd Sie mich bitte mit öpper verbinde?", "de-CH"));
        assertEquals("caller_asked_for_person", Json.parse(asked.get(0).get("handoffData").asText()).get("reason").asText());
    }

    @Test
    void aModelThatTimesOutGetsTheCallerAnApologyTheSmsMenuAndStillATicket() {
        model.then(new ScriptedModelServer.Turn("zu spät", List.of(), 2_000));
        send("CA5", fixture("setup.json").replace("CA00000000000000000000000000000001", "CA5"));
        List<JsonNode> out = send("CA5", fixture("prompt.json"));
        assertEquals(List.of("text", "end"), out.stream().map(m -> m.get("type").asText()).toList());
        assertEquals(AgentPrompts.fallback(), out.get(0).get("token").asText());
        JsonNode handoff = Json.parse(out.get(1).get("handoffData").asText());
        assertEquals("model_unavailable", handoff.get("reason").asText());
        assertEquals("sms_menu", handoff.get("fallback").asText());
        assertEquals(1, tickets.all().size());
        assertTrue(tickets.all().get(0).message().contains("Anrufer: Grüezi, bei mir läuft Wasser aus der Decke."));
        assertEquals(List.of("sms menu +41795550123"), followUps);
    }

    @Test
    void theGreetingDisclosesTheAssistantTheTranscriptAndTheWayToAPerson() {
        String greeting = AgentPrompts.greeting(keller);
        assertTrue(greeting.contains("digitale Assistenz von Sanitär keller"), greeting);
        assertTrue(greeting.contains("nur als Text mitgeschrieben, nicht aufgenommen"), greeting);
        assertTrue(greeting.contains("Taste 0 erreichen Sie einen Menschen"), greeting);
    }

    @Test
    void aCallToALineWithoutTheAssistantIsEndedAtOnceAndUnknownMessagesAreRefused() {
        Tenant off = InMemoryTenants.handwerk("off", "+41445550999", "{\"voice_agent\":false}", "");
        VoiceCall withOff = new VoiceCall(new InMemoryTenants().add(off), new CallStore() {
            @Override
            public Optional<CallState> find(String connectionId) {
                return Optional.empty();
            }

            @Override
            public void save(String connectionId, CallState state) {
                throw new AssertionError("nothing stored");
            }
        }, conversation -> {
            throw new AssertionError("no model call");
        }, new TicketIntake(tickets), null, clock);
        List<String> out = withOff.handle("CA6", RelayMessage.read(fixture("setup.json").replace("+41445550100", "+41445550999")));
        assertEquals("no_assistant", Json.parse(Json.parse(out.get(0)).get("handoffData").asText()).get("reason").asText());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> RelayMessage.read("{\"type\":\"surprise\"}"));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> RelayMessage.read("{\"type\":\"setup\",\"to\":\"+41\"}"));
    }

    @Test
    void ourOutgoingMessagesAreTheFixturesShapes() {
        assertEquals(Json.parse(fixture("out-text.json")), Json.parse(RelayMessage.text("Danke. An welcher Adresse ist das?", true)));
        JsonNode end = Json.parse(RelayMessage.end(Json.object().put("reason", "caller_pressed_0").put("ticket", "K-0112-BFQP")));
        assertEquals(Json.parse(fixture("out-end.json")).get("type"), end.get("type"));
        assertEquals(Json.parse(Json.parse(fixture("out-end.json")).get("handoffData").asText()),
                Json.parse(end.get("handoffData").asText()));
    }
}
