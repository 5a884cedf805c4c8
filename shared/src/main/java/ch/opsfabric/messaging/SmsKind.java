package ch.opsfabric.messaging;

import java.util.Locale;

/**
 * Why an SMS is sent. Proactive kinds are what the business sends on its own initiative; they
 * respect quiet hours. Answers to a contact the customer just made go out at once.
 */
public enum SmsKind {
    TICKET_CONFIRMATION(false, true),
    MISSED_CALL_MENU(false, true),
    URGENT_ALERT(false, false),
    REPLY_ACKNOWLEDGEMENT(false, true),
    OPT_OUT_CONFIRMATION(false, true),
    OPT_IN_CONFIRMATION(false, true),
    STATUS_UPDATE(true, true),
    REVIEW_REQUEST(true, true),
    /** A staff member's sign-in code: at once, at any hour, under the short sender name. */
    LOGIN_CODE(false, false),
    /** A staff member writing to the customer from the ticket: from the business line, so the answer comes back. */
    STAFF_REPLY(false, true),
    /**
     * A notice to a staff member about a ticket, under the short sender name. Proactive: an
     * urgent one (HIGH) goes at any hour, the others wait for the end of quiet hours.
     */
    STAFF_NOTICE(true, false);

    private final boolean proactive;
    private final boolean twoWay;

    SmsKind(boolean proactive, boolean twoWay) {
        this.proactive = proactive;
        this.twoWay = twoWay;
    }

    public boolean proactive() {
        return proactive;
    }

    /**
     * Sent from the tenant's business line, so the customer's answer (1/2/3, STOP) reaches us.
     * An alert to the owner goes out under the short sender name instead.
     */
    public boolean twoWay() {
        return twoWay;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SmsKind fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
