package ch.opsfabric.voiceagent;

import ch.opsfabric.tenant.Branch;
import ch.opsfabric.tenant.Tenant;

/**
 * What the assistant is told, per branch: who it speaks for, what to find out, and the rules that
 * do not bend (short sentences for the phone, the caller's language among de/en/fr, Swiss German
 * understood but answered in standard German, no promises of prices or times, "0" or asking for
 * a person reaches one). Handwerk adds the gas and water safety notice.
 */
final class AgentPrompts {

    private AgentPrompts() {
    }

    /** The greeting Twilio speaks first: digital assistant, transcribed not recorded, "0" for a person. */
    static String greeting(Tenant tenant) {
        return ch.opsfabric.voice.VoiceGreeting.of(tenant);
    }

    static String system(Tenant tenant) {
        String task = switch (tenant.branch()) {
            case HANDWERK -> "Finde heraus, was passiert ist, die Adresse des Einsatzorts und wie dringend es ist. "
                    + "Bei Gasgeruch: Die Person soll sofort das Haus verlassen, kein Licht und keine Schalter betätigen "
                    + "und von draussen die Notrufnummer 144 oder den Gasnotruf wählen. Bei einem Wasserschaden: "
                    + "Haupthahn schliessen, wenn das gefahrlos möglich ist. Beides ist dringend (urgency high).";
            case GASTRO -> "Nimm Reservationsanfragen auf: Datum, Uhrzeit, Anzahl Personen und Name. Bestätige nichts "
                    + "verbindlich; das Team meldet sich.";
            case BEAUTY -> "Nimm Terminwünsche auf: die gewünschte Behandlung und wann es passen würde, dazu den Namen.";
            default -> "Finde das Anliegen heraus und wie das Team helfen kann.";
        };
        return "Du bist die digitale Telefonassistenz von " + tenant.name() + " und nimmst Anrufe entgegen, die "
                + "niemand abnehmen konnte. " + task + " Sprich kurz und freundlich, in der Höflichkeitsform, ein "
                + "bis zwei Sätze pro Antwort. Antworte in der Sprache der anrufenden Person (Deutsch, Englisch oder "
                + "Französisch); Schweizerdeutsch verstehst du, antwortest aber auf Hochdeutsch. Nenne keine Preise und "
                + "sage keine Termine verbindlich zu. Halte alles mit record_request fest. Möchte die Person einen "
                + "Menschen sprechen, rufe hand_off auf. Ist das Anliegen vollständig, verabschiede dich und rufe "
                + "end_call auf.";
    }

    /** Kept short on purpose: the caller hears it when the model is slow, and then the SMS menu follows. */
    static String fallback() {
        return "Entschuldigung, ich kann Sie gerade nicht verstehen. Sie erhalten gleich eine SMS, mit der Sie uns "
                + "Ihr Anliegen mitteilen können. Auf Wiederhören.";
    }

    static Branch branch(Tenant tenant) {
        return tenant.branch();
    }
}
