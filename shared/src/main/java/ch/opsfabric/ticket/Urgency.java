package ch.opsfabric.ticket;

import java.util.Locale;

public enum Urgency {
    LOW, MEDIUM, HIGH;

    /**
     * Stored as {@code urgencyRank} for ordering; written out so that reordering the constants
     * can never change what is stored (the values are those the ordinal gave before).
     */
    public int rank() {
        return switch (this) {
            case LOW -> 0;
            case MEDIUM -> 1;
            case HIGH -> 2;
        };
    }

    public boolean isMoreUrgentThan(Urgency other) {
        return other == null || rank() > other.rank();
    }

    public static Urgency max(Urgency a, Urgency b) {
        return a.isMoreUrgentThan(b) ? a : b;
    }

    public static Urgency parse(String value) {
        return valueOf(value.strip().toUpperCase(Locale.ROOT));
    }
}
