package ch.opsfabric.whatsapp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.opsfabric.http.ApiException;
import ch.opsfabric.http.ApiRequest;
import ch.opsfabric.stats.DailyStats;
import ch.opsfabric.testing.ApiGatewayEvents;
import ch.opsfabric.testing.Fixtures;
import ch.opsfabric.testing.MutableClock;
import ch.opsfabric.testing.fakes.InMemoryMessaging;
import ch.opsfabric.testing.fakes.InMemoryOptOuts;
import ch.opsfabric.testing.fakes.InMemoryTenants;
import ch.opsfabric.testing.fakes.InMemoryTicketStore;
import ch.opsfabric.ticket.Ticket;
import ch.opsfabric.ticket.TicketIntake;
import ch.opsfabric.ticket.TicketWatcher;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Twilio's WhatsApp webhook from its fixture, with the fixture's documented signature, into the same intake. */
class TwilioWhatsAppRouteTest {

    private static final String AUTH_TOKEN = "test-auth-token-0123456789abcdef";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T09:00:00Z"));
    private final InMemoryTicketStore tickets = new InMemoryTicketStore();
    private final List<MediaJob> queued = new ArrayList<>();
    private final WhatsAppIntake intake = new WhatsAppIntake(new InMemoryTenants().add(InMemoryTenants.handwerk("praxis",
            "+41445550100", "{\"whatsapp\":true}", "")), new TicketIntake(tickets, DailyStats.NONE, TicketWatcher.NONE),
            new InMemoryOptOuts(), queued::add, new InMemoryMessaging.WhatsAppWindowsFake(), null, tickets,
            WhatsAppIntake.Answers.NONE);
    private final TwilioWhatsAppRoute route = new TwilioWhatsAppRoute(AUTH_TOKEN, "https://hooks.opsfabric.example",
            new InMemoryTenants().add(InMemoryTenants.handwerk("praxis", "+41445550100", "{\"whatsapp\":true}", "")),
            intake, clock);

    private int status(String form, String signature) {
        Map<String, String> headers = new HashMap<>(Map.of("content-type", "application/x-www-form-urlencoded"));
        if (signature != null) {
            headers.put("x-twilio-signature", signature);
        }
        APIGatewayV2HTTPEvent event = ApiGatewayEvents.request("POST", "/api/webhook/whatsapp/twilio",
                "/twilio/whatsapp/inbound", headers, form);
        event.setRawQueryString("t=praxis-muster");
        try {
            return route.handle(new ApiRequest(event)).getStatusCode();
        } catch (ApiException e) {
            return e.status();
        }
    }

    @Test
    void theFixtureWithItsSignatureBecomesATicketAndItsPhotoAJob() {
        String form = Fixtures.text("twilio/whatsapp-inbound.form");
        assertEquals(200, status(form, "18TKcRiW/yzhdeyqusVEEfytDPY="));
        Ticket ticket = tickets.all().get(0);
        assertEquals("+41795550123", ticket.phone());
        assertEquals("Anna Beispiel", ticket.name());
        assertEquals("[Foto] Hier das Foto vom tropfenden Wasserhahn in der Küche.", ticket.message());
        assertEquals(1, queued.size());
        assertEquals("https://api.twilio.com/2010-04-01/Accounts/AC0123456789abcdef0123456789abcdef/Messages/"
                + "MM0123456789abcdef0123456789abcdef/Media/ME0123456789abcdef0123456789abcdef", queued.get(0).url());
        assertEquals(200, status(form, "18TKcRiW/yzhdeyqusVEEfytDPY="), "Twilio's retry");
        assertEquals(1, tickets.all().get(0).contactCount());
    }

    @Test
    void aMissingOrWrongSignatureIsRefused() {
        String form = Fixtures.text("twilio/whatsapp-inbound.form");
        assertEquals(401, status(form, null));
        assertEquals(403, status(form, "bm90IGEgc2lnbmF0dXJl"));
        assertTrue(tickets.all().isEmpty());
    }

    @Test
    void twilioMediaIsFetchedWithBasicAuthAndOnlyFromTheAccount() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        List<String> authorizations = new ArrayList<>();
        byte[] photo = {1, 2, 3, 4};
        server.createContext("/", exchange -> {
            authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
            exchange.sendResponseHeaders(200, photo.length);
            exchange.getResponseBody().write(photo);
            exchange.close();
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            TwilioMedia media = new TwilioMedia(base, "AC01", "tok");
            assertArrayEquals(photo, media.download(base + "/2010-04-01/Accounts/AC01/Messages/MM1/Media/ME1", 100));
            assertEquals("Basic " + java.util.Base64.getEncoder().encodeToString("AC01:tok".getBytes()), authorizations.get(0));
            GraphMedia.FetchException elsewhere = org.junit.jupiter.api.Assertions.assertThrows(GraphMedia.FetchException.class,
                    () -> media.download("http://attacker.example/2010-04-01/Accounts/AC01/x", 100));
            assertTrue(elsewhere.permanent());
            assertEquals(1, authorizations.size(), "our credentials went nowhere else");
        } finally {
            server.stop(0);
        }
    }
}
