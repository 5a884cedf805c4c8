package ch.opsfabric.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SitePagesTest {

    @Test
    void textColourFollowsTheBrandColour() {
        assertEquals("#fff", SitePages.readableOn("#0b5394"), "dark blue: white text");
        assertEquals("#fff", SitePages.readableOn("#7f1d1d"));
        assertEquals("#111827", SitePages.readableOn("#f1c232"), "yellow: dark text");
        assertEquals("#111827", SitePages.readableOn("#fff"));
        assertEquals("#fff", SitePages.readableOn("#15803d"), "dark green: white text");
    }

    @Test
    void etagMatchingFollowsTheHttpRules() {
        assertTrue(HtmlResponses.matches("\"abc\"", "\"abc\""));
        assertTrue(HtmlResponses.matches("\"x\", \"abc\"", "\"abc\""));
        assertTrue(HtmlResponses.matches("W/\"abc\"", "\"abc\""));
        assertTrue(HtmlResponses.matches("*", "\"abc\""));
        assertFalse(HtmlResponses.matches("\"abd\"", "\"abc\""));
        assertFalse(HtmlResponses.matches(null, "\"abc\""));
    }

    @Test
    void jsonLdCannotCloseItsScriptElement() {
        assertEquals("{\"a\":\"<\\/script>\"}", JsonLd.embed(ch.opsfabric.json.Json.object().put("a", "</script>")));
    }
}
