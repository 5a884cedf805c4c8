package ch.opsfabric.site;

import ch.opsfabric.testing.RequestCounter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.opsfabric.json.Json;
import ch.opsfabric.phone.PhoneNumbers;
import ch.opsfabric.store.DynamoTenantDirectory;
import ch.opsfabric.tenant.Module;
import ch.opsfabric.tenant.Modules;
import ch.opsfabric.tenant.Tenant;
import ch.opsfabric.testing.ApiGatewayEvents;
import ch.opsfabric.testing.MutableClock;
import ch.opsfabric.testing.TestAws;
import ch.opsfabric.testing.TestData;
import ch.opsfabric.ticket.NewContact;
import ch.opsfabric.ticket.Ticket;
import ch.opsfabric.ticket.TicketSource;
import ch.opsfabric.ticket.TicketStatus;
import ch.opsfabric.ticket.Urgency;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SiteRendererIT {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T09:00:00Z"));
    private final String queue = TestAws.freshQueues().get("OutboundSmsQueue");
    private final TestData app = TestAws.data();
    private final DynamoTenantDirectory directory = app.tenants();
    private final Tenant tenant = TestAws.newTenant(directory, """
            "contact":{"street":"Seestrasse 42","postalCode":"8002","city":"Zürich","phone":"+41445550101",
                       "email":"info@example.ch","openingHours":["Mo-Fr 07:00-18:00"]},
            "schemaType":"Plumber","heroText":"Schnell da.","heritageText":"Seit 1987.",
            "services":[{"name":"Notfalldienst","description":"Wir kommen."},{"name":"Bad","description":"Neu."}],
            "reviews":[{"author":"M. Huber","rating":5,"text":"Top </script> <b>!</b>"},{"author":"S. Meier","rating":4,"text":"Gut"}],
            "theme":{"primary":"#0b5394","accent":"red;}body{display:none","logoText":"Keller"}""");
    private final SiteRendererHandler handler = handler();

    private SiteRendererHandler handler() {
        return new SiteRendererHandler(new SiteRendererWiring(clock, TestAws.aws().dynamo(), TestAws.aws().tableName("OpsTable"),
                TestAws.aws().sqs(), queue, TestAws.SETTINGS));
    }

    private APIGatewayV2HTTPResponse get(String routePath, String rawPath, Map<String, String> params,
                                         Map<String, String> query, Map<String, String> headers) {
        APIGatewayV2HTTPEvent event = ApiGatewayEvents.request("GET", routePath, rawPath, headers, null);
        if (routePath.equals("$default")) {
            event.setRouteKey("$default");
        }
        event.setPathParameters(params);
        event.setQueryStringParameters(query);
        return handler.handle(event);
    }

    private APIGatewayV2HTTPResponse page(String page) {
        return get("/{slug}/{page}", "/" + tenant.slug() + "/" + page, Map.of("slug", tenant.slug(), "page", page),
                null, Map.of());
    }

    private APIGatewayV2HTTPResponse home(Map<String, String> headers) {
        return get("$default", "/" + tenant.slug() + "/", null, null, headers);
    }

    @Test
    void homeHasContentCachingAndAnEtagThatYields304() {
        APIGatewayV2HTTPResponse home = home(Map.of());
        assertEquals(200, home.getStatusCode());
        String html = home.getBody();
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertTrue(html.contains("<html lang=\"de-CH\">"));
        assertTrue(html.contains("Notfalldienst") && html.contains("Seit 1987.") && html.contains("M. Huber"));
        assertTrue(html.contains("★ 4,5 von 5 (2 Bewertungen)"), "rating in the trust bar");
        assertTrue(html.contains("Top &lt;/script&gt; &lt;b&gt;!&lt;/b&gt;"), "review text is escaped");
        assertTrue(html.contains("--accent:#f2c94c"), "an unsafe colour falls back to the default");
        assertFalse(html.contains("<link rel=\"stylesheet\"") || html.contains("<script src"), "no external resources");
        assertTrue(html.contains("href=\"tel:+41445550101\">Anrufen: 044 555 01 01"));
        String cache = home.getHeaders().get("cache-control");
        assertTrue(cache.contains("max-age=300") && cache.contains("s-maxage=3600") && cache.contains("stale-while-revalidate"), cache);
        String etag = home.getHeaders().get("etag");
        assertTrue(etag.matches("\"[0-9a-f]{32}\""), etag);
        assertFalse(home.getHeaders().containsKey("set-cookie"));
        assertEquals(304, home(Map.of("if-none-match", etag)).getStatusCode());
        assertEquals(304, home(Map.of("if-none-match", "\"other\", W/" + etag)).getStatusCode());
        assertEquals(200, home(Map.of("if-none-match", "\"other\"")).getStatusCode());
        assertEquals(etag, home(Map.of()).getHeaders().get("etag"), "same bytes, same tag");
    }

    @Test
    void homeWithoutSlashRedirects() {
        APIGatewayV2HTTPResponse response = get("/{slug}", "/" + tenant.slug(), Map.of("slug", tenant.slug()), null, Map.of());
        assertEquals(301, response.getStatusCode());
        assertEquals("/" + tenant.slug() + "/", response.getHeaders().get("location"));
    }

    @Test
    void jsonLdDescribesTheBusiness() {
        Matcher m = Pattern.compile("<script type=\"application/ld\\+json\">(.*?)</script>", Pattern.DOTALL)
                .matcher(home(Map.of()).getBody());
        assertTrue(m.find());
        JsonNode ld = Json.parse(m.group(1).replace("<\\/", "</"));
        assertEquals("https://schema.org", ld.get("@context").asText());
        assertEquals("Plumber", ld.get("@type").asText());
        assertEquals("PostalAddress", ld.get("address").get("@type").asText());
        assertEquals("8002", ld.get("address").get("postalCode").asText());
        assertEquals("AggregateRating", ld.get("aggregateRating").get("@type").asText());
        assertEquals("4.5", ld.get("aggregateRating").get("ratingValue").asText());
        assertEquals(2, ld.get("aggregateRating").get("reviewCount").asInt());
        assertEquals("OfferCatalog", ld.get("hasOfferCatalog").get("@type").asText());
        assertEquals("Notfalldienst", ld.get("hasOfferCatalog").get("itemListElement").get(0).get("itemOffered").get("name").asText());
        assertEquals("Mo-Fr 07:00-18:00", ld.get("openingHours").get(0).asText());
        assertFalse(m.group(1).contains("</script"), "no early end of the script element");
    }

    @Test
    void everyPageRendersAndUnknownOnesAreFriendly404s() {
        for (String p : List.of("leistungen", "kontakt", "impressum", "datenschutz", "anfrage")) {
            APIGatewayV2HTTPResponse response = page(p);
            assertEquals(200, response.getStatusCode(), p);
            assertEquals("text/html; charset=utf-8", response.getHeaders().get("content-type"));
        }
        assertTrue(page("datenschutz").getBody().contains("Zürich"));
        assertTrue(page("impressum").getBody().contains(tenant.name()));
        APIGatewayV2HTTPResponse missing = page("gibt-es-nicht");
        assertEquals(404, missing.getStatusCode());
        assertTrue(missing.getBody().contains("Seite nicht gefunden"));
        APIGatewayV2HTTPResponse unknownTenant = get("$default", "/niemand/", null, null, Map.of());
        assertEquals(404, unknownTenant.getStatusCode());
        assertTrue(unknownTenant.getBody().contains("<h1>Seite nicht gefunden</h1>"));
        APIGatewayV2HTTPResponse api = get("/{slug}/{page}", "/api/nothing", Map.of("slug", "api", "page", "nothing"), null, Map.of());
        assertEquals(404, api.getStatusCode());
        assertTrue(api.getHeaders().get("content-type").startsWith("application/json"));
    }

    @Test
    void websiteOffShowsTheLandingPageOnly() {
        directory.put(new Tenant(tenant.id(), tenant.slug(), tenant.name(), tenant.branch(),
                Modules.of(EnumSet.of(Module.WIZARD, Module.SMS)), tenant.config()), List.of());
        SiteRendererHandler fresh = handler();
        APIGatewayV2HTTPEvent event = ApiGatewayEvents.request("GET", "$default", "/" + tenant.slug() + "/", Map.of(), null);
        event.setRouteKey("$default");
        String landing = fresh.handle(event).getBody();
        assertTrue(landing.contains("Seestrasse 42") && landing.contains("Anfrage online stellen"));
        assertFalse(landing.contains("Notfalldienst"), "no website content");
        APIGatewayV2HTTPEvent services = ApiGatewayEvents.request("GET", "/{slug}/{page}", "/" + tenant.slug() + "/leistungen",
                Map.of(), null);
        services.setPathParameters(Map.of("slug", tenant.slug(), "page", "leistungen"));
        assertEquals(404, fresh.handle(services).getStatusCode());
    }

    @Test
    void wizardOffersTheBranchFlowsAndTheEmergencyNotice() {
        String choice = page("anfrage").getBody().replace("&#61;", "=");
        assertTrue(choice.contains("?flow=notfall") && choice.contains("?flow=standard") && choice.contains("?flow=offerte"));
        String emergency = get("/{slug}/{page}", "/" + tenant.slug() + "/anfrage", Map.of("slug", tenant.slug(), "page", "anfrage"),
                Map.of("flow", "notfall"), Map.of()).getBody();
        assertTrue(emergency.contains("Gasgeruch") && emergency.contains("tel:144") && emergency.contains("tel:118")
                && emergency.contains("tel:117"));
        assertTrue(emergency.contains("Jetzt anrufen: 044 555 01 01"));
        assertTrue(emergency.contains("name=\"website\""), "honeypot");
        assertFalse(emergency.contains("id=\"f-email\""), "an emergency asks only the minimum");
    }

    private APIGatewayV2HTTPResponse postForm(String form, String ip) {
        APIGatewayV2HTTPEvent event = ApiGatewayEvents.request("POST", "/{slug}/anfrage", "/" + tenant.slug() + "/anfrage",
                Map.of("content-type", "application/x-www-form-urlencoded"),
                java.util.Base64.getEncoder().encodeToString(form.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        event.setIsBase64Encoded(true);
        event.setPathParameters(Map.of("slug", tenant.slug()));
        event.getRequestContext().getHttp().setSourceIp(ip);
        return handler.handle(event);
    }

    @Test
    void plainFormPostCreatesTheTicketAndRedirectsToThanks() {
        APIGatewayV2HTTPResponse response = postForm("flow=notfall&message=Rohrbruch+im+Keller&address=Seestrasse+1"
                + "&phone=079+555+81+81&website=&elapsedMs=", "198.51.100.81");
        assertEquals(303, response.getStatusCode());
        String location = response.getHeaders().get("location");
        assertTrue(location.matches("/" + tenant.slug() + "/danke\\?ref=K-2511-[0-9A-Z]{4}"), location);
        Ticket ticket = app.tickets().list(tenant.id(), null, 10, null).tickets().get(0);
        assertEquals(Urgency.HIGH, ticket.urgency());
        assertEquals("Seestrasse 1", ticket.fields().get("address"));
        APIGatewayV2HTTPResponse thanks = get("/{slug}/{page}", "/" + tenant.slug() + "/danke",
                Map.of("slug", tenant.slug(), "page", "danke"), Map.of("ref", location.substring(location.indexOf('=') + 1)), Map.of());
        assertTrue(thanks.getBody().contains(ticket.reference()));
        assertEquals("private, no-store", thanks.getHeaders().get("cache-control"));
    }

    @Test
    void invalidPlainFormComesBackWithGermanErrorsAndStoresNothing() {
        APIGatewayV2HTTPResponse response = postForm("flow=standard&category=&message=&address=&name=A&phone=12", "198.51.100.82");
        assertEquals(400, response.getStatusCode());
        String html = response.getBody();
        assertTrue(html.contains("Bitte wählen Sie eine Kategorie."), html);
        assertTrue(html.contains("Bitte geben Sie eine gültige Telefonnummer an"));
        assertTrue(html.contains("aria-invalid=\"true\""));
        assertTrue(html.contains("value=\"12\""), "what the customer typed stays");
        assertEquals("private, no-store", response.getHeaders().get("cache-control"));
        assertTrue(app.tickets().list(tenant.id(), null, 10, null).tickets().isEmpty());
    }

    @Test
    void botsAreTrappedSilently() {
        APIGatewayV2HTTPResponse honeypot = postForm("flow=notfall&message=x&address=y&phone=0795558383"
                + "&website=http%3A%2F%2Fspam.example", "198.51.100.83");
        assertEquals(303, honeypot.getStatusCode());
        assertEquals("/" + tenant.slug() + "/danke", honeypot.getHeaders().get("location"));
        APIGatewayV2HTTPResponse tooFast = postForm("flow=notfall&message=x&address=y&phone=0795558383&elapsedMs=300",
                "198.51.100.83");
        assertEquals(303, tooFast.getStatusCode());
        assertTrue(app.tickets().list(tenant.id(), null, 10, null).tickets().isEmpty());
    }

    @Test
    void smsLinkPrefillsThePhoneJoinsTheTicketAndIsNeverCached() {
        Ticket missed = app.intake().record(tenant, new NewContact(tenant.id(), PhoneNumbers.require("079 555 84 84"),
                TicketSource.MISSED_CALL, Urgency.MEDIUM, TicketStatus.NEEDS_CALLBACK, null, null, null, null,
                "Verpasster Anruf", Map.of(), clock.instant(), "generic:" + UUID.randomUUID())).ticket();
        String token = app.formRefs().create(tenant.id(), missed.id(), clock.instant());
        APIGatewayV2HTTPResponse prefilled = get("/{slug}/{page}", "/" + tenant.slug() + "/anfrage",
                Map.of("slug", tenant.slug(), "page", "anfrage"), Map.of("flow", "standard", "ref", token), Map.of());
        assertTrue(prefilled.getBody().contains("value=\"079 555 84 84\""), "phone prefilled");
        assertTrue(prefilled.getBody().contains("name=\"ref\" value=\"" + token + "\""));
        assertEquals("private, no-store", prefilled.getHeaders().get("cache-control"));
        assertNull(prefilled.getHeaders().get("etag"));

        Map<String, String> form = new HashMap<>();
        APIGatewayV2HTTPResponse posted = postForm("flow=standard&category=Heizung&message=Radiator+kalt&address=Seestr.+1"
                + "&name=Anna+Muster&phone=&ref=" + token, "198.51.100.84");
        assertEquals(303, posted.getStatusCode(), posted.getBody());
        Ticket joined = app.tickets().find(tenant.id(), missed.id()).orElseThrow();
        assertEquals(2, joined.contactCount(), "the form joined the ticket the SMS link belongs to");
        assertEquals("Anna Muster", joined.name());
        assertNotNull(form);
    }

    /** SnapStart priming runs the request path but only reads: a snapshot is restored many times. */
    @org.junit.jupiter.api.Test
    void primingOnlyReads() {
        RequestCounter counter = new RequestCounter();
        new SiteRendererWiring(clock, counter.dynamo(), "OpsTable", counter.sqs(), queue, TestAws.SETTINGS).warmUp();
        assertTrue(!counter.operations().isEmpty(), "priming reached the table");
        assertTrue(java.util.Set.of("DynamoDb.GetItem", "DynamoDb.BatchGetItem", "DynamoDb.Query", "Sqs.GetQueueAttributes").containsAll(counter.operations()), "only reads: " + counter.operations());
    }
}
