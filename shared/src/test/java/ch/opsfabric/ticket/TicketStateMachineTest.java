package ch.opsfabric.ticket;

import static ch.opsfabric.ticket.TicketStatus.CLOSED;
import static ch.opsfabric.ticket.TicketStatus.DONE;
import static ch.opsfabric.ticket.TicketStatus.IN_PROGRESS;
import static ch.opsfabric.ticket.TicketStatus.NEEDS_CALLBACK;
import static ch.opsfabric.ticket.TicketStatus.NEW;
import static ch.opsfabric.ticket.TicketStatus.SCHEDULED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TicketStateMachineTest {

    @Test
    void everyForwardMoveIsAllowedIncludingSkips() {
        for (TicketStatus from : TicketStatus.values()) {
            for (TicketStatus to : TicketStatus.values()) {
                if (to.ordinal() > from.ordinal()) {
                    assertTrue(TicketStateMachine.canMove(from, to), from + " -> " + to);
                }
            }
        }
    }

    @Test
    void onlyTheDocumentedMovesBack() {
        int allowedBack = 0;
        for (TicketStatus from : TicketStatus.values()) {
            for (TicketStatus to : TicketStatus.values()) {
                if (to.ordinal() < from.ordinal() && TicketStateMachine.canMove(from, to)) {
                    allowedBack++;
                }
            }
        }
        assertEquals(3, allowedBack);
        assertTrue(TicketStateMachine.canMove(SCHEDULED, NEEDS_CALLBACK));
        assertTrue(TicketStateMachine.canMove(IN_PROGRESS, SCHEDULED));
        assertTrue(TicketStateMachine.canMove(DONE, IN_PROGRESS));
    }

    @Test
    void closedIsFinalAndNothingReturnsToNew() {
        for (TicketStatus to : TicketStatus.values()) {
            assertFalse(TicketStateMachine.canMove(CLOSED, to), "CLOSED -> " + to);
            if (to != NEW) {
                assertFalse(TicketStateMachine.canMove(to, NEW), to + " -> NEW");
            }
        }
    }

    @Test
    void sameStatusIsNoMove() {
        assertFalse(TicketStateMachine.canMove(DONE, DONE));
    }

    @Test
    void refusalNamesBothStatuses() {
        TicketStateMachine.IllegalTransitionException e = assertThrows(
                TicketStateMachine.IllegalTransitionException.class,
                () -> TicketStateMachine.requireMove(DONE, NEW));
        assertEquals(DONE, e.from());
        assertEquals(NEW, e.to());
    }

    @Test
    void openAndAwaitingResponse() {
        assertTrue(NEEDS_CALLBACK.isOpen());
        assertFalse(DONE.isOpen());
        assertFalse(CLOSED.isOpen());
        assertTrue(NEW.awaitsResponse());
        assertFalse(SCHEDULED.awaitsResponse());
    }
}
