package ch.opsfabric.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class QuietHoursTest {

    private static final ZoneId ZURICH = ZoneId.of("Europe/Zurich");

    @Test
    void overnightWindowWrapsMidnight() {
        QuietHours quiet = QuietHours.DEFAULT;
        assertTrue(quiet.contains(LocalTime.of(21, 0)));
        assertTrue(quiet.contains(LocalTime.of(23, 59)));
        assertTrue(quiet.contains(LocalTime.MIDNIGHT));
        assertTrue(quiet.contains(LocalTime.of(6, 59)));
        assertFalse(quiet.contains(LocalTime.of(7, 0)));
        assertFalse(quiet.contains(LocalTime.of(20, 59)));
    }

    @Test
    void daytimeWindow() {
        QuietHours lunch = new QuietHours(LocalTime.of(12, 0), LocalTime.of(13, 30));
        assertTrue(lunch.contains(LocalTime.of(12, 45)));
        assertFalse(lunch.contains(LocalTime.of(13, 30)));
        assertFalse(lunch.contains(LocalTime.of(22, 0)));
    }

    @Test
    void endOfQuietIsSevenInTheTenantZone() {
        // 22:30 Zurich in winter is 21:30Z; the window ends next day 07:00 CET = 06:00Z
        assertEquals(Instant.parse("2026-11-28T06:00:00Z"),
                QuietHours.DEFAULT.endOfQuiet(Instant.parse("2026-11-27T21:30:00Z"), ZURICH));
        // 05:00 local: ends the same morning
        assertEquals(Instant.parse("2026-11-28T06:00:00Z"),
                QuietHours.DEFAULT.endOfQuiet(Instant.parse("2026-11-28T04:00:00Z"), ZURICH));
    }

    @Test
    void notQuietEndsAtOnce() {
        Instant noon = Instant.parse("2026-11-27T11:00:00Z");
        assertEquals(noon, QuietHours.DEFAULT.endOfQuiet(noon, ZURICH));
        assertFalse(QuietHours.DEFAULT.isQuiet(noon, ZURICH));
    }
}
