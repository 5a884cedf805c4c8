package ch.opsfabric.smsreply;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a customer's SMS means. Answers to the menu are read tolerantly: case, spaces and
 * punctuation around them do not matter ("1", " 1 ", "1.", "Eins!"), and the digit may be
 * spelled out in German. Anything longer is free text for the ticket; "1 bitte rasch" is free
 * text too, since guessing wrong would alarm the owner.
 */
enum ReplyIntent {
    URGENT, CALLBACK, FORM, STOP, START, FREE_TEXT;

    private static final Pattern EDGES = Pattern.compile("^[\\p{Punct}\\p{IsWhite_Space}]+|[\\p{Punct}\\p{IsWhite_Space}]+$");

    static ReplyIntent of(String text) {
        if (text == null) {
            return FREE_TEXT;
        }
        String word = EDGES.matcher(text).replaceAll("").toLowerCase(Locale.ROOT);
        return switch (word) {
            case "1", "eins" -> URGENT;
            case "2", "zwei" -> CALLBACK;
            case "3", "drei" -> FORM;
            case "stop", "stopp", "abmelden" -> STOP;
            case "start", "anmelden" -> START;
            default -> FREE_TEXT;
        };
    }

    private static final Pattern AUTO_REPLY = Pattern.compile(
            "automatische antwort|abwesenheit|bin abwesend|auto-?reply|automatic reply|out of office"
                    + "|ich fahre gerade|i'?m driving|réponse automatique|risposta automatica",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    /** Messages a phone or a system wrote by itself: stored, never answered. */
    static boolean looksAutomatic(String text) {
        return text != null && AUTO_REPLY.matcher(text).find();
    }
}
