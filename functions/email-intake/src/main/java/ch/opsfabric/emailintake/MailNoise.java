package ch.opsfabric.emailintake;

import java.util.Locale;
import java.util.Set;

/**
 * Mail no person wrote to us: auto-replies (RFC 3834 {@code Auto-Submitted}, the
 * {@code X-Autoreply}/{@code X-Autorespond} of older responders), bulk and list mail
 * ({@code Precedence}), bounces (mailer-daemon, postmaster) and our own sender's mail coming
 * back. Answering any of them could start a loop; none becomes a ticket.
 */
enum MailNoise {
    NONE, AUTO_REPLY, BULK, BOUNCE, OWN;

    private static final Set<String> BOUNCERS = Set.of("mailer-daemon", "postmaster");
    private static final Set<String> BULK_PRECEDENCE = Set.of("bulk", "junk", "list");

    static MailNoise of(InboundEmail mail, String ownSender) {
        if (ownSender != null && ownSender.equalsIgnoreCase(mail.from())) {
            return OWN;
        }
        String local = mail.from().substring(0, mail.from().indexOf('@'));
        if (BOUNCERS.contains(local)) {
            return BOUNCE;
        }
        String auto = mail.header("Auto-Submitted");
        if (auto != null && !auto.strip().toLowerCase(Locale.ROOT).startsWith("no")) {
            return AUTO_REPLY;
        }
        if (mail.header("X-Autoreply") != null || mail.header("X-Autorespond") != null) {
            return AUTO_REPLY;
        }
        String precedence = mail.header("Precedence");
        if (precedence != null && BULK_PRECEDENCE.contains(precedence.strip().toLowerCase(Locale.ROOT))) {
            return BULK;
        }
        return NONE;
    }

    /** What the ticket's note says about it. */
    String label() {
        return switch (this) {
            case AUTO_REPLY -> "Automatische Antwort";
            case BULK -> "Massen- oder Listenmail";
            case BOUNCE -> "Unzustellbarkeitsmeldung";
            case OWN -> "Eigene E-Mail zurück";
            case NONE -> "E-Mail";
        };
    }
}
