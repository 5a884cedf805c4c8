package ch.opsfabric.smsreply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ReplyIntentTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "1|URGENT", "' 1 '|URGENT", "1.|URGENT", "Eins!|URGENT", "eins|URGENT",
            "2|CALLBACK", "Zwei|CALLBACK", "3|FORM", "drei.|FORM",
            "STOP|STOP", "Stop.|STOP", "stopp|STOP", "STOPP!|STOP", "Abmelden|STOP",
            "START|START", "start|START", "Anmelden|START",
            "1 bitte schnell|FREE_TEXT", "12|FREE_TEXT", "Stop bitte nicht|FREE_TEXT", "Hallo|FREE_TEXT", "''|FREE_TEXT"})
    void readsMenuAnswersTolerantly(String text, ReplyIntent expected) {
        assertEquals(expected, ReplyIntent.of(text));
    }

    @Test
    void nullIsFreeText() {
        assertEquals(ReplyIntent.FREE_TEXT, ReplyIntent.of(null));
    }

    @Test
    void recognisesAutoReplies() {
        assertTrue(ReplyIntent.looksAutomatic("Automatische Antwort: Ich bin bis 3.12. abwesend."));
        assertTrue(ReplyIntent.looksAutomatic("I'm driving right now, I'll get back to you."));
        assertTrue(ReplyIntent.looksAutomatic("Out of Office"));
        assertFalse(ReplyIntent.looksAutomatic("Bitte morgen ab 10 Uhr zurückrufen"));
    }
}
