package ch.opsfabric.time;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * The response deadline of a ticket: the tenant's response budget counted only outside quiet
 * hours. Created 20:30 with 120 minutes and quiet hours 21:00–07:00 → 30 minutes before 21:00,
 * the clock stands still overnight, 90 minutes from 07:00 → due 08:30.
 * Minutes are real elapsed minutes, so a DST night changes the wall-clock result, not the budget.
 */
public final class SlaCalculator {

    private SlaCalculator() {
    }

    public static Instant due(Instant created, Duration budget, QuietHours quiet, ZoneId zone) {
        if (budget.isNegative()) {
            throw new IllegalArgumentException("SLA budget must not be negative");
        }
        if (quiet.isNever()) {
            return created.plus(budget);
        }
        Instant cursor = quiet.endOfQuiet(created, zone);
        Duration remaining = budget;
        // each pass consumes one open (non-quiet) stretch; a budget of days needs a few passes
        while (true) {
            Instant nextQuiet = quiet.nextStart(cursor, zone);
            Duration open = Duration.between(cursor, nextQuiet);
            if (remaining.compareTo(open) <= 0) {
                return cursor.plus(remaining);
            }
            remaining = remaining.minus(open);
            cursor = quiet.endOfQuiet(nextQuiet, zone);
        }
    }
}
