package ch.opsfabric.time;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * The nightly window in which a business sends nothing proactive and its SLA clock stands still,
 * by default 21:00–07:00. The window may wrap over midnight; start == end means "never quiet".
 * All decisions are taken in the tenant's local time, so DST switches move nothing.
 */
public record QuietHours(LocalTime start, LocalTime end) {

    public static final QuietHours DEFAULT = new QuietHours(LocalTime.of(21, 0), LocalTime.of(7, 0));

    public QuietHours {
        if (start == null || end == null) {
            throw new IllegalArgumentException("quiet hours need a start and an end");
        }
    }

    public static QuietHours parse(String start, String end) {
        return new QuietHours(LocalTime.parse(start), LocalTime.parse(end));
    }

    public boolean isNever() {
        return start.equals(end);
    }

    public boolean contains(LocalTime time) {
        if (isNever()) {
            return false;
        }
        if (start.isBefore(end)) {
            return !time.isBefore(start) && time.isBefore(end);
        }
        return !time.isBefore(start) || time.isBefore(end);
    }

    public boolean isQuiet(Instant at, ZoneId zone) {
        return contains(at.atZone(zone).toLocalTime());
    }

    /** When the quiet window that contains {@code at} ends; {@code at} itself when it is not quiet. */
    public Instant endOfQuiet(Instant at, ZoneId zone) {
        if (!isQuiet(at, zone)) {
            return at;
        }
        ZonedDateTime local = at.atZone(zone);
        LocalDate endDay = local.toLocalTime().isBefore(end) ? local.toLocalDate() : local.toLocalDate().plusDays(1);
        return ZonedDateTime.of(endDay, end, zone).toInstant();
    }

    /** The next moment strictly after {@code at} at which a quiet window begins. */
    public Instant nextStart(Instant at, ZoneId zone) {
        ZonedDateTime local = at.atZone(zone);
        ZonedDateTime candidate = ZonedDateTime.of(local.toLocalDate(), start, zone);
        if (!candidate.toInstant().isAfter(at)) {
            candidate = ZonedDateTime.of(local.toLocalDate().plusDays(1), start, zone);
        }
        return candidate.toInstant();
    }
}
