package ch.opsfabric.ticket;

import java.util.Locale;

public enum Urgency {
    LOW, MEDIUM, HIGH;

    public boolean isMoreUrgentThan(Urgency other) {
        return other == null || compareTo(other) > 0;
    }

    public static Urgency max(Urgency a, Urgency b) {
        return a.isMoreUrgentThan(b) ? a : b;
    }

    public static Urgency parse(String value) {
        return valueOf(value.strip().toUpperCase(Locale.ROOT));
    }
}
