package ch.opsfabric.staffapp;

import ch.opsfabric.ticket.TicketSource;
import ch.opsfabric.ticket.TicketStateMachine;
import ch.opsfabric.ticket.TicketStatus;
import ch.opsfabric.ticket.Urgency;
import java.util.ArrayList;
import java.util.List;

/** The words staff read for statuses, sources and urgencies: German, short, the same on every page. */
final class StatusLabels {

    private StatusLabels() {
    }

    static String label(TicketStatus status) {
        return switch (status) {
            case NEW -> "Neu";
            case NEEDS_CALLBACK -> "Rückruf nötig";
            case SCHEDULED -> "Termin vereinbart";
            case IN_PROGRESS -> "In Arbeit";
            case DONE -> "Erledigt";
            case CLOSED -> "Abgeschlossen";
        };
    }

    static String label(TicketSource source) {
        return switch (source) {
            case MISSED_CALL -> "Verpasster Anruf";
            case SMS_REPLY -> "SMS";
            case WIZARD -> "Online-Formular";
            case WHATSAPP -> "WhatsApp";
            case EMAIL -> "E-Mail";
            case VOICE -> "Digitale Assistenz (Anruf)";
            case MANUAL -> "Von Hand erfasst";
        };
    }

    static String label(Urgency urgency) {
        return switch (urgency) {
            case HIGH -> "Dringend";
            case MEDIUM -> "Normal";
            case LOW -> "Kann warten";
        };
    }

    /** The moves the state machine allows from here, in the order of the flow. */
    static List<TicketStatus> movesFrom(TicketStatus from) {
        List<TicketStatus> moves = new ArrayList<>();
        for (TicketStatus to : TicketStatus.values()) {
            if (to == from) {
                continue;
            }
            try {
                TicketStateMachine.requireMove(from, to);
                moves.add(to);
            } catch (TicketStateMachine.IllegalTransitionException notAllowed) {
                // not offered
            }
        }
        return moves;
    }
}
