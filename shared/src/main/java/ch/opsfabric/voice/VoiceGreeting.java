package ch.opsfabric.voice;

import ch.opsfabric.tenant.Tenant;

/**
 * What a caller hears first from the digital assistant (the ConversationRelay
 * {@code welcomeGreeting}): whose assistant it is, that the call is transcribed and not recorded
 * (revDSG), and that 0 reaches a person. One text for the TwiML and the transcript alike.
 */
public final class VoiceGreeting {

    private VoiceGreeting() {
    }

    public static String of(Tenant tenant) {
        return "Grüezi, hier ist die digitale Assistenz von " + tenant.name() + ". Das Gespräch wird nur als Text "
                + "mitgeschrieben, nicht aufgenommen. Mit der Taste 0 erreichen Sie einen Menschen. Wie kann ich helfen?";
    }
}
