package ch.opsfabric.ticket;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class TicketTest {

    private static final Instant DUE = Instant.parse("2026-11-26T10:00:00Z");

    private static Ticket ticket(Instant firstResponse) {
        return new Ticket("t", "id", "K-2611-ABCD", TicketSource.WIZARD, TicketStatus.NEW, Urgency.MEDIUM,
                "+41795551234", null, null, null, null, null, null, 1, null, LocalDate.of(2026, 11, 26),
                DUE.minusSeconds(7200), DUE.minusSeconds(7200), DUE, firstResponse, null, null, null, null, null);
    }

    @Test
    void breachedOnlyAfterDueWithoutResponse() {
        assertFalse(ticket(null).slaBreached(DUE));
        assertTrue(ticket(null).slaBreached(DUE.plusSeconds(1)));
    }

    @Test
    void lateResponseStaysBreachedAndTimelyOneNever() {
        assertTrue(ticket(DUE.plusSeconds(60)).slaBreached(DUE.plusSeconds(3600)));
        assertFalse(ticket(DUE.minusSeconds(60)).slaBreached(DUE.plusSeconds(86400)));
    }
}
