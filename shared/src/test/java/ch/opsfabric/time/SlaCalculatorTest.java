package ch.opsfabric.time;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class SlaCalculatorTest {

    private static final ZoneId ZURICH = ZoneId.of("Europe/Zurich");
    private static final Duration TWO_HOURS = Duration.ofMinutes(120);

    private static Instant local(String dateTime) {
        return ZonedDateTime.of(java.time.LocalDateTime.parse(dateTime), ZURICH).toInstant();
    }

    @Test
    void pausesOverNightAsDesigned() {
        // 20:30 + 120 min: 30 min before 21:00, pause, 90 min from 07:00 → 08:30
        assertEquals(local("2026-11-26T08:30"),
                SlaCalculator.due(local("2026-11-25T20:30"), TWO_HOURS, QuietHours.DEFAULT, ZURICH));
    }

    /** Holidays pause the clock all day when the tenant says so: Good Friday and Easter Monday 2026 in Zürich. */
    @Test
    void aHolidayStandsStillAllDayWhenTheTenantLetsHolidaysPause() {
        java.util.function.Predicate<java.time.LocalDate> zurich = day -> SwissHolidays.isHoliday("zh", day);
        // Thursday 20:00, 2 h: 1 h before 21:00; Good Friday closed; Saturday 07:00 + 1 h
        assertEquals(local("2026-04-04T08:00"),
                SlaCalculator.due(local("2026-04-02T20:00"), TWO_HOURS, QuietHours.DEFAULT, ZURICH, zurich));
        assertEquals(local("2026-04-03T08:00"),
                SlaCalculator.due(local("2026-04-02T20:00"), TWO_HOURS, QuietHours.DEFAULT, ZURICH, day -> false),
                "without the option only the night pauses: 1 h before 21:00, 1 h from 07:00");
        // created on the holiday itself, without quiet hours: the clock starts at midnight
        assertEquals(local("2026-04-07T02:00"),
                SlaCalculator.due(local("2026-04-06T10:00"), TWO_HOURS, QuietHours.parse("00:00", "00:00"), ZURICH, zurich));
    }

    @Test
    void daytimeIsPlainAddition() {
        assertEquals(local("2026-11-25T12:00"),
                SlaCalculator.due(local("2026-11-25T10:00"), TWO_HOURS, QuietHours.DEFAULT, ZURICH));
    }

    @Test
    void endsExactlyAtQuietStart() {
        assertEquals(local("2026-11-25T21:00"),
                SlaCalculator.due(local("2026-11-25T19:00"), TWO_HOURS, QuietHours.DEFAULT, ZURICH));
    }

    @Test
    void createdDuringTheNightStartsCountingAtSeven() {
        assertEquals(local("2026-11-26T09:00"),
                SlaCalculator.due(local("2026-11-25T23:40"), TWO_HOURS, QuietHours.DEFAULT, ZURICH));
        assertEquals(local("2026-11-26T09:00"),
                SlaCalculator.due(local("2026-11-26T03:10"), TWO_HOURS, QuietHours.DEFAULT, ZURICH));
    }

    @Test
    void budgetLongerThanADaySpansSeveralNights() {
        // 14 open hours a day: Monday 07:00 + 24 h = 14 h Monday + 10 h Tuesday → Tuesday 17:00
        assertEquals(local("2026-11-24T17:00"),
                SlaCalculator.due(local("2026-11-23T07:00"), Duration.ofHours(24), QuietHours.DEFAULT, ZURICH));
    }

    @Test
    void springForwardNightWithDefaultQuietHours() {
        // 28.3. 20:30 CET; quiet ends 29.3. 07:00 CEST; 90 min later 08:30 CEST = 06:30Z
        Instant due = SlaCalculator.due(local("2026-03-28T20:30"), TWO_HOURS, QuietHours.DEFAULT, ZURICH);
        assertEquals(Instant.parse("2026-03-29T06:30:00Z"), due);
        assertEquals(LocalTime.of(8, 30), due.atZone(ZURICH).toLocalTime());
    }

    @Test
    void fallBackNightWithDefaultQuietHours() {
        // 24.10. 20:30 CEST; quiet ends 25.10. 07:00 CET; 90 min later 08:30 CET = 07:30Z
        Instant due = SlaCalculator.due(local("2026-10-24T20:30"), TWO_HOURS, QuietHours.DEFAULT, ZURICH);
        assertEquals(Instant.parse("2026-10-25T07:30:00Z"), due);
        assertEquals(LocalTime.of(8, 30), due.atZone(ZURICH).toLocalTime());
    }

    @Test
    void countsRealMinutesThroughTheSpringGap() {
        // quiet 22:00–23:00 only: 01:30 CET + 120 real minutes crosses 02:00→03:00 → 04:30 CEST
        QuietHours evening = new QuietHours(LocalTime.of(22, 0), LocalTime.of(23, 0));
        Instant due = SlaCalculator.due(local("2026-03-29T01:30"), TWO_HOURS, evening, ZURICH);
        assertEquals(Instant.parse("2026-03-29T02:30:00Z"), due);
        assertEquals(LocalTime.of(4, 30), due.atZone(ZURICH).toLocalTime());
    }

    @Test
    void countsRealMinutesThroughTheRepeatedAutumnHour() {
        // 01:30 CEST (23:30Z) + 120 real minutes = 01:30Z = 02:30 CET (the second 02:30 of the night)
        QuietHours evening = new QuietHours(LocalTime.of(22, 0), LocalTime.of(23, 0));
        Instant created = Instant.parse("2026-10-24T23:30:00Z");
        Instant due = SlaCalculator.due(created, TWO_HOURS, evening, ZURICH);
        assertEquals(Instant.parse("2026-10-25T01:30:00Z"), due);
        assertEquals(LocalTime.of(2, 30), due.atZone(ZURICH).toLocalTime());
    }

    @Test
    void neverQuietMeansWallClock() {
        QuietHours never = new QuietHours(LocalTime.NOON, LocalTime.NOON);
        assertEquals(local("2026-11-25T22:30"),
                SlaCalculator.due(local("2026-11-25T20:30"), TWO_HOURS, never, ZURICH));
    }
}
