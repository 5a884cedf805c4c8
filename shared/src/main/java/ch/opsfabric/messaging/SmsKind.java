package ch.opsfabric.messaging;

import java.util.Locale;

/**
 * Why an SMS is sent. Proactive kinds are what the business sends on its own initiative; they
 * respect quiet hours. Answers to a contact the customer just made go out at once.
 */
public enum SmsKind {
    TICKET_CONFIRMATION(false),
    MISSED_CALL_MENU(false),
    URGENT_ALERT(false),
    REPLY_ACKNOWLEDGEMENT(false),
    OPT_OUT_CONFIRMATION(false),
    OPT_IN_CONFIRMATION(false),
    STATUS_UPDATE(true),
    REVIEW_REQUEST(true);

    private final boolean proactive;

    SmsKind(boolean proactive) {
        this.proactive = proactive;
    }

    public boolean proactive() {
        return proactive;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SmsKind fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
