package ch.opsfabric.whatsapp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.opsfabric.contact.Contacts;
import ch.opsfabric.json.Json;
import ch.opsfabric.stats.DailyStats;
import ch.opsfabric.tenant.Tenant;
import ch.opsfabric.testing.Fixtures;
import ch.opsfabric.testing.MutableClock;
import ch.opsfabric.testing.fakes.InMemoryContactBook;
import ch.opsfabric.testing.fakes.InMemoryOptOuts;
import ch.opsfabric.testing.fakes.InMemoryTenants;
import ch.opsfabric.testing.fakes.InMemoryTicketStore;
import ch.opsfabric.ticket.Ticket;
import ch.opsfabric.ticket.TicketEvent;
import ch.opsfabric.ticket.TicketIntake;
import ch.opsfabric.ticket.TicketSource;
import ch.opsfabric.ticket.TicketWatcher;
import ch.opsfabric.ticket.Urgency;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The WhatsApp use case and its media worker on in-memory fakes, from Meta's fixtures and variants. */
class WhatsAppIntakeTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T09:00:00Z"));
    private final Tenant tenant = InMemoryTenants.handwerk("vista", "+41445550202", "{\"whatsapp\":true}",
            "\"whatsapp\":{\"phoneNumberId\":\"100000000000002\"}");
    private final Tenant off = InMemoryTenants.handwerk("off", "+41445550203", "{\"whatsapp\":false}",
            "\"whatsapp\":{\"phoneNumberId\":\"100000000000009\"}");
    private final InMemoryTicketStore tickets = new InMemoryTicketStore();
    private final InMemoryContactBook contacts = new InMemoryContactBook();
    private final InMemoryOptOuts optOuts = new InMemoryOptOuts();
    private final List<MediaJob> queued = new ArrayList<>();
    private final List<String> answered = new ArrayList<>();
    private final WhatsAppIntake intake = new WhatsAppIntake(new InMemoryTenants().add(tenant).add(off),
            new TicketIntake(tickets, DailyStats.NONE, TicketWatcher.NONE, new Contacts(contacts, tickets::reassignContact)),
            optOuts, queued::add, new ch.opsfabric.testing.fakes.InMemoryMessaging.WhatsAppWindowsFake(), null, tickets,
            new WhatsAppIntake.Answers() {
                @Override
                public void confirm(Tenant t, Ticket ticket, String wamid, Instant at) {
                    answered.add("confirm " + wamid);
                }

                @Override
                public void urgent(Tenant t, Ticket ticket, String wamid, Instant at) {
                    answered.add("urgent " + wamid);
                }

                @Override
                public void callback(Tenant t, Ticket ticket, String wamid, Instant at) {
                    answered.add("callback " + wamid);
                }

                @Override
                public void formLink(Tenant t, Ticket ticket, String wamid, Instant at) {
                    answered.add("form " + wamid);
                }
            });

    private static JsonNode fixture(String name) {
        return Json.parse(new String(Fixtures.bytes("whatsapp/" + name), StandardCharsets.UTF_8));
    }

    private List<WhatsAppIntake.Outcome> receive(JsonNode body) {
        return intake.receive(MetaWebhook.read(body).messages());
    }

    @Test
    void aTextBecomesATicketOfTheSendersContact() {
        WhatsAppIntake.Recorded r = assertInstanceOf(WhatsAppIntake.Recorded.class, receive(fixture("meta-text-message.json")).get(0));
        Ticket t = r.ticket();
        assertEquals(TicketSource.WHATSAPP, t.source());
        assertEquals("+41795550123", t.phone());
        assertEquals("Anna Beispiel", t.name());
        assertEquals("Grüezi, ich habe vorhin angerufen. Können Sie mich zurückrufen?", t.message());
        assertEquals(Instant.ofEpochSecond(1741681025), t.createdAt());
        assertTrue(contacts.find("vista", t.contactId()).orElseThrow().phones().contains("+41795550123"));
        assertTrue(queued.isEmpty());
    }

    @Test
    void theSameWebhookTwiceChangesNothing() {
        receive(fixture("meta-text-message.json"));
        WhatsAppIntake.Recorded again = assertInstanceOf(WhatsAppIntake.Recorded.class,
                receive(fixture("meta-text-message.json")).get(0));
        assertTrue(again.duplicate());
        assertEquals(1, tickets.all().size());
        assertEquals(1, tickets.all().get(0).contactCount());
    }

    @Test
    void anImageJoinsTheDaysTicketAndQueuesItsFile() {
        Ticket text = ((WhatsAppIntake.Recorded) receive(fixture("meta-text-message.json")).get(0)).ticket();
        WhatsAppIntake.Recorded image = assertInstanceOf(WhatsAppIntake.Recorded.class,
                receive(fixture("meta-image-message.json")).get(0));
        assertEquals(text.id(), image.ticket().id(), "same person, same day");
        assertEquals("[Foto] Wasserschaden im Keller", image.ticket().history().get(1).text());
        assertEquals(List.of(new MediaJob("vista", text.id(), "wamid.HBgLNDE3OTU1NTAxMjMVAgASGBQzQTAwMDAwMDAwMDAwMDAwMDAwMgA=",
                "1000000000000003", "image/jpeg", "fvb5mR0+hCvZ1E3oBQ3lDwD2lL0Xz6W5Xz0Ue8kqv4s=", null, null)), queued);
    }

    @Test
    void aBatchOfThreeMessagesAndEveryTypeIsRead() {
        JsonNode batch = Json.parse("""
                {"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{
                 "metadata":{"phone_number_id":"100000000000002"},
                 "contacts":[{"profile":{"name":"Marco"},"wa_id":"41795550124"}],
                 "messages":[
                  {"from":"41795550124","id":"wamid.a","timestamp":"1764579600","type":"location",
                   "location":{"latitude":47.37,"longitude":8.54,"name":"Ristorante","address":"Seestrasse 1"}},
                  {"from":"41795550124","id":"wamid.b","timestamp":"1764579601","type":"interactive",
                   "interactive":{"type":"button_reply","button_reply":{"id":"menu_urgent","title":"Dringend"}}},
                  {"from":"41795550124","id":"wamid.c","timestamp":"1764579602","type":"reaction",
                   "reaction":{"message_id":"wamid.x","emoji":"👍"}}]}}]},
                 {"id":"1","changes":[{"field":"messages","value":{"metadata":{"phone_number_id":"100000000000002"},
                  "statuses":[{"id":"wamid.out","status":"read","timestamp":"1764579603","recipient_id":"41795550124"}]}}]}]}""");
        MetaWebhook.Batch read = MetaWebhook.read(batch);
        assertEquals(3, read.messages().size());
        assertEquals(1, read.statuses().size());
        assertEquals(new MetaWebhook.StatusUpdate("wamid.out", "read", Instant.ofEpochSecond(1764579603), null),
                read.statuses().get(0));
        List<WhatsAppIntake.Outcome> outcomes = intake.receive(read.messages());
        Ticket ticket = ((WhatsAppIntake.Recorded) outcomes.get(2)).ticket();
        assertEquals(List.of("Standort: Ristorante, Seestrasse 1 (47.37, 8.54)", "Dringend",
                "[Nachricht vom Typ «reaction», hier nicht darstellbar]"),
                ticket.history().stream().filter(e -> e.type().equals("contact")).map(TicketEvent::text).toList());
        assertEquals(Urgency.HIGH, ticket.urgency(), "the Dringend button is SMS 1");
        assertEquals(3, ticket.contactCount());
        assertEquals(List.of("confirm wamid.a", "urgent wamid.b"), answered, "a new ticket is confirmed, 1 is answered as 1");
    }

    @Test
    void theMenuAnswersWorkAsForSmsAlsoAsButtonIds() {
        String body = fixture("meta-text-message.json").toString();
        String text = "Grüezi, ich habe vorhin angerufen. Können Sie mich zurückrufen?";
        receive(Json.parse(body.replace(text, "2")));
        receive(Json.parse(body.replace(text, "3").replace("MQA=\"", "MgA=\"")));
        assertEquals(List.of("callback wamid.HBgLNDE3OTU1NTAxMjMVAgASGBQzQTAwMDAwMDAwMDAwMDAwMDAwMQA=",
                "form wamid.HBgLNDE3OTU1NTAxMjMVAgASGBQzQTAwMDAwMDAwMDAwMDAwMDAwMgA="), answered);
        assertEquals(ch.opsfabric.ticket.TicketStatus.NEEDS_CALLBACK, tickets.all().get(0).status());
    }

    @Test
    void stopAndStartAreRecordedAsForSmsAndMakeNoTicket() {
        JsonNode stop = Json.parse(fixture("meta-text-message.json").toString().replace(
                "Gr\\u00fcezi, ich habe vorhin angerufen. K\\u00f6nnen Sie mich zur\\u00fcckrufen?", "STOP")
                .replace("Grüezi, ich habe vorhin angerufen. Können Sie mich zurückrufen?", "STOP"));
        assertEquals(new WhatsAppIntake.OptedOut(true), receive(stop).get(0));
        assertTrue(optOuts.isOptedOut("vista", "+41795550123"));
        assertTrue(tickets.all().isEmpty());
    }

    @Test
    void aNumberNoTenantHasOrAModuleSwitchedOffIsSkipped() {
        String body = fixture("meta-text-message.json").toString();
        assertEquals(new WhatsAppIntake.Skipped("unknown_number"),
                receive(Json.parse(body.replace("100000000000002", "999999999999999"))).get(0));
        assertEquals(new WhatsAppIntake.Skipped("unknown_number"),
                receive(Json.parse(body.replace("100000000000002", "100000000000009"))).get(0));
        assertTrue(tickets.all().isEmpty());
    }

    @Test
    void malformedWebhooksAreRefusedWhole() {
        for (String body : List.of("[]", "{}", "{\"object\":\"page\",\"entry\":[]}",
                "{\"object\":\"whatsapp_business_account\",\"entry\":{}}",
                "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"changes\":[{\"field\":\"messages\",\"value\":"
                        + "{\"metadata\":{\"phone_number_id\":\"1\"},\"messages\":[{\"from\":\"x\",\"id\":\"w\",\"timestamp\":\"1\","
                        + "\"type\":\"text\",\"text\":{\"body\":\"a\"}}]}}]}]}",
                "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"changes\":[{\"field\":\"messages\",\"value\":"
                        + "{\"metadata\":{\"phone_number_id\":\"1\"},\"messages\":[{\"from\":\"41795550123\",\"id\":\"w\","
                        + "\"timestamp\":\"soon\",\"type\":\"text\",\"text\":{\"body\":\"a\"}}]}}]}]}")) {
            assertThrows(IllegalArgumentException.class, () -> MetaWebhook.read(Json.parse(body)), body);
        }
    }

    @Test
    void theMediaWorkerStoresTheFileOnceWhenItsHashIsTheWebhooks() throws Exception {
        Ticket ticket = ((WhatsAppIntake.Recorded) receive(fixture("meta-text-message.json")).get(0)).ticket();
        byte[] photo = "jpeg bytes".getBytes(StandardCharsets.UTF_8);
        String sha = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(photo));
        Map<String, byte[]> stored = new HashMap<>();
        FakeGraph graph = new FakeGraph(photo);
        MediaWorker worker = new MediaWorker(graph, (key, type, content) -> stored.put(key + " " + type, content), tickets, clock);
        MediaJob job = new MediaJob("vista", ticket.id(), "wamid.1", "1000000000000003", "image/jpeg", sha, null);
        assertEquals(MediaWorker.Result.STORED, worker.handle(job));
        assertEquals(MediaWorker.Result.ALREADY_STORED, worker.handle(job), "a redelivered job writes nothing");
        assertEquals(1, stored.size());
        String key = stored.keySet().iterator().next();
        assertTrue(key.startsWith("tenants/vista/whatsapp/") && key.endsWith("/1000000000000003.jpg image/jpeg"), key);
        assertArrayEquals(photo, stored.values().iterator().next());
        TicketEvent line = tickets.find("vista", ticket.id()).orElseThrow().history().get(1);
        assertEquals("WhatsApp-Foto 1000000000000003 (image/jpeg, 10 B)", line.text());
        assertEquals(1, graph.infos);

        MediaJob tampered = new MediaJob("vista", ticket.id(), "wamid.2", "1000000000000004", "image/jpeg",
                Base64.getEncoder().encodeToString(new byte[32]), null);
        assertEquals(MediaWorker.Result.REFUSED, worker.handle(tampered));
        MediaJob video = new MediaJob("vista", ticket.id(), "wamid.3", "1000000000000005", "video/mp4", null, null);
        assertEquals(MediaWorker.Result.REFUSED, worker.handle(video));
        List<String> lines = tickets.find("vista", ticket.id()).orElseThrow().history().stream()
                .filter(e -> e.type().equals("attachment")).map(TicketEvent::text).toList();
        assertEquals(List.of("WhatsApp-Foto 1000000000000003 (image/jpeg, 10 B)",
                "WhatsApp-Foto 1000000000000004: nicht gespeichert, die Datei stimmt nicht mit ihrer Prüfsumme überein",
                "WhatsApp-Datei 1000000000000005: nicht gespeichert, dieser Dateityp wird nicht angenommen (video/mp4)"), lines);
        assertEquals(1, stored.size());

        graph.failing = true;
        MediaJob later = new MediaJob("vista", ticket.id(), "wamid.4", "1000000000000006", "image/jpeg", sha, null);
        assertEquals(MediaWorker.Result.RETRY, worker.handle(later), "Meta down: the queue retries");
        assertNull(tickets.find("vista", ticket.id()).orElseThrow().history().stream()
                .filter(e -> e.text() != null && e.text().contains("1000000000000006")).findFirst().orElse(null));
    }

    /** Graph in memory: one file for every id, or a transient failure. */
    private static final class FakeGraph implements GraphMedia {
        private final byte[] file;
        int infos;
        boolean failing;

        FakeGraph(byte[] file) {
            this.file = file;
        }

        @Override
        public Info info(String mediaId) throws FetchException {
            if (failing) {
                throw new FetchException("HTTP 503", false);
            }
            infos++;
            return new Info("https://lookaside.fbsbx.example/" + mediaId, "image/jpeg", file.length, null);
        }

        @Override
        public byte[] download(String url, long maxBytes) {
            return file;
        }
    }
}
