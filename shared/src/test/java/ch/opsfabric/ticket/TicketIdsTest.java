package ch.opsfabric.ticket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class TicketIdsTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 26);

    @Test
    void sameContactSameDaySameId() {
        assertEquals(TicketIds.forContact("t1", "+41795551234", DAY, 0),
                TicketIds.forContact("t1", "+41795551234", DAY, 0));
    }

    @Test
    void tenantDayNumberAndGenerationEachChangeTheId() {
        String base = TicketIds.forContact("t1", "+41795551234", DAY, 0);
        assertNotEquals(base, TicketIds.forContact("t2", "+41795551234", DAY, 0));
        assertNotEquals(base, TicketIds.forContact("t1", "+41795551235", DAY, 0));
        assertNotEquals(base, TicketIds.forContact("t1", "+41795551234", DAY.plusDays(1), 0));
        assertNotEquals(base, TicketIds.forContact("t1", "+41795551234", DAY, 1));
    }

    @Test
    void idStartsWithTheDayAndHidesTheNumber() {
        String id = TicketIds.forContact("t1", "+41795551234", DAY, 0);
        assertTrue(id.matches("20261126-[0-9A-HJKMNP-TV-Z]{12}"), id);
        assertTrue(!id.contains("5551234"));
    }

    @Test
    void referenceIsReadableOnThePhone() {
        String id = TicketIds.forContact("t1", "+41795551234", DAY, 0);
        String reference = TicketIds.reference(id, DAY);
        assertTrue(reference.matches("K-2611-[0-9A-HJKMNP-TV-Z]{4}"), reference);
        assertEquals(id.substring(9, 13), reference.substring(7));
    }

    @Test
    void randomIdsDiffer() {
        assertNotEquals(TicketIds.random(DAY), TicketIds.random(DAY));
    }
}
