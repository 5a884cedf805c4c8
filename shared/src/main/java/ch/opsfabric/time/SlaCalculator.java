package ch.opsfabric.time;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * The response deadline of a ticket: the tenant's response budget counted only outside quiet
 * hours. Created 20:30 with 120 minutes and quiet hours 21:00–07:00 → 30 minutes before 21:00,
 * the clock stands still overnight, 90 minutes from 07:00 → due 08:30.
 * Minutes are real elapsed minutes, so a DST night changes the wall-clock result, not the budget.
 * A closed day (a public holiday, when the tenant lets holidays pause the SLA) stands still from
 * midnight to midnight, local time.
 */
public final class SlaCalculator {

    private SlaCalculator() {
    }

    public static Instant due(Instant created, Duration budget, QuietHours quiet, ZoneId zone) {
        return due(created, budget, quiet, zone, day -> false);
    }

    public static Instant due(Instant created, Duration budget, QuietHours quiet, ZoneId zone,
                              java.util.function.Predicate<java.time.LocalDate> closed) {
        if (budget.isNegative()) {
            throw new IllegalArgumentException("SLA budget must not be negative");
        }
        Instant cursor = open(created, quiet, zone, closed);
        Duration remaining = budget;
        // each pass consumes one open stretch (until quiet hours or a closed day begin)
        for (int pass = 0; pass < 10_000; pass++) {
            Instant end = quiet.isNever() ? Instant.MAX : quiet.nextStart(cursor, zone);
            Instant midnight = cursor.atZone(zone).toLocalDate().plusDays(1).atStartOfDay(zone).toInstant();
            if (closed.test(midnight.atZone(zone).toLocalDate()) && midnight.isBefore(end)) {
                end = midnight;
            }
            if (end == Instant.MAX) {
                // no quiet hours: only closed days interrupt; walk day by day
                end = midnight;
            }
            Duration open = Duration.between(cursor, end);
            if (remaining.compareTo(open) <= 0) {
                return cursor.plus(remaining);
            }
            remaining = remaining.minus(open);
            cursor = open(end, quiet, zone, closed);
        }
        throw new IllegalStateException("no open time within 10,000 stretches");
    }

    /** The first open instant at or after {@code at}: past quiet hours and closed days. */
    private static Instant open(Instant at, QuietHours quiet, ZoneId zone, java.util.function.Predicate<java.time.LocalDate> closed) {
        Instant cursor = at;
        for (int i = 0; i < 400; i++) {
            java.time.LocalDate day = cursor.atZone(zone).toLocalDate();
            if (closed.test(day)) {
                cursor = day.plusDays(1).atStartOfDay(zone).toInstant();
                continue;
            }
            Instant afterQuiet = quiet.isNever() ? cursor : quiet.endOfQuiet(cursor, zone);
            if (afterQuiet.equals(cursor)) {
                return cursor;
            }
            cursor = afterQuiet;
        }
        throw new IllegalStateException("closed for more than a year");
    }
}
