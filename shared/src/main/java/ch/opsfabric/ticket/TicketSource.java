package ch.opsfabric.ticket;

import java.util.Locale;

public enum TicketSource {
    WIZARD, MISSED_CALL, SMS_REPLY, WHATSAPP, EMAIL, MANUAL, VOICE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static TicketSource fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
