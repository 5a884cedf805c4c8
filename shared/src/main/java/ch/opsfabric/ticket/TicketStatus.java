package ch.opsfabric.ticket;

import java.util.Locale;
import java.util.Optional;

/** In flow order; the order is what "forward" means in {@link TicketStateMachine}. */
public enum TicketStatus {
    NEW, NEEDS_CALLBACK, SCHEDULED, IN_PROGRESS, DONE, CLOSED;

    /**
     * The position in the flow NEW → … → CLOSED, written out so that reordering the constants
     * can never change which moves count as forward.
     */
    public int step() {
        return switch (this) {
            case NEW -> 0;
            case NEEDS_CALLBACK -> 1;
            case SCHEDULED -> 2;
            case IN_PROGRESS -> 3;
            case DONE -> 4;
            case CLOSED -> 5;
        };
    }

    public boolean isBefore(TicketStatus other) {
        return step() < other.step();
    }

    /** Open tickets absorb further contacts of the same day; DONE and CLOSED do not. */
    public boolean isOpen() {
        return this != DONE && this != CLOSED;
    }

    /** Still waiting for the business to respond; leaving these states is the first response. */
    public boolean awaitsResponse() {
        return this == NEW || this == NEEDS_CALLBACK;
    }

    public static Optional<TicketStatus> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(value.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
