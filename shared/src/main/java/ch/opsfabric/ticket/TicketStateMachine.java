package ch.opsfabric.ticket;

import static ch.opsfabric.ticket.TicketStatus.DONE;
import static ch.opsfabric.ticket.TicketStatus.IN_PROGRESS;
import static ch.opsfabric.ticket.TicketStatus.NEEDS_CALLBACK;
import static ch.opsfabric.ticket.TicketStatus.SCHEDULED;

import java.util.Map;
import java.util.Set;

/**
 * The one place that says which status moves are allowed.
 * <ul>
 *   <li>Forward: any later status, skipping allowed (a quick job goes NEW → DONE).</li>
 *   <li>Back, only these: SCHEDULED → NEEDS_CALLBACK (appointment cancelled, call again),
 *       IN_PROGRESS → SCHEDULED (job interrupted, new appointment),
 *       DONE → IN_PROGRESS (rework needed).</li>
 *   <li>CLOSED is final. Nothing goes back to NEW: once seen, a ticket stays seen.</li>
 * </ul>
 */
public final class TicketStateMachine {

    private static final Map<TicketStatus, Set<TicketStatus>> BACKWARD = Map.of(
            SCHEDULED, Set.of(NEEDS_CALLBACK),
            IN_PROGRESS, Set.of(SCHEDULED),
            DONE, Set.of(IN_PROGRESS));

    private TicketStateMachine() {
    }

    public static boolean canMove(TicketStatus from, TicketStatus to) {
        if (from == to) {
            return false;
        }
        if (from.isBefore(to)) {
            return true;
        }
        return BACKWARD.getOrDefault(from, Set.of()).contains(to);
    }

    /** A move back out of DONE takes the planned review request back: the job is not done after all. */
    public static boolean withdrawsReviewRequest(TicketStatus from, TicketStatus to) {
        return from == DONE && to.isBefore(DONE);
    }

    /** @throws IllegalTransitionException when {@link #canMove} says no; the caller words the refusal */
    public static void requireMove(TicketStatus from, TicketStatus to) {
        if (!canMove(from, to)) {
            throw new IllegalTransitionException(from, to);
        }
    }

    public static final class IllegalTransitionException extends RuntimeException {
        private final TicketStatus from;
        private final TicketStatus to;

        public IllegalTransitionException(TicketStatus from, TicketStatus to) {
            super("no move from " + from + " to " + to);
            this.from = from;
            this.to = to;
        }

        public TicketStatus from() {
            return from;
        }

        public TicketStatus to() {
            return to;
        }
    }
}
