package ch.opsfabric.ticketintake;

import ch.opsfabric.messaging.StatusUpdates;

import ch.opsfabric.http.ApiException;
import ch.opsfabric.http.ApiRequest;
import ch.opsfabric.http.ApiResponses;
import ch.opsfabric.http.ApiRoute;
import ch.opsfabric.http.RequestBody;
import ch.opsfabric.http.TicketJson;
import ch.opsfabric.log.Log;
import ch.opsfabric.tenant.Tenant;
import ch.opsfabric.ticket.Ticket;
import ch.opsfabric.ticket.TicketStateMachine;
import ch.opsfabric.ticket.TicketStatus;
import ch.opsfabric.ticket.TicketStore;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code PATCH /api/tickets/{id}} with {@code {"status": "...", "note": "...", "appointmentAt": "..."}}. Status moves go
 * through the state machine (409 when not allowed) and are written conditionally on the status
 * that was read (409 when someone else moved it meanwhile). Setting the current status again
 * changes nothing.
 */
final class UpdateTicketRoute implements ApiRoute {

    static final int MAX_NOTE = 2000;

    private final Clock clock;
    private final TicketStore tickets;
    private final StaffAuth auth;
    private final StatusUpdates statusUpdates;
    private final ch.opsfabric.stats.TicketMilestones milestones;

    UpdateTicketRoute(Clock clock, TicketStore tickets, StaffAuth auth, StatusUpdates statusUpdates,
                      ch.opsfabric.stats.TicketMilestones milestones) {
        this.milestones = milestones;
        this.clock = clock;
        this.tickets = tickets;
        this.auth = auth;
        this.statusUpdates = statusUpdates;
    }

    @Override
    public APIGatewayV2HTTPResponse handle(ApiRequest request) {
        Tenant tenant = auth.tenantOf(request);
        JsonNode body = RequestBody.jsonObject(request);
        Map<String, String> errors = new LinkedHashMap<>();
        TicketStatus target = null;
        if (body.has("status")) {
            target = TicketStatus.parse(body.get("status").isTextual() ? body.get("status").asText() : null).orElse(null);
            if (target == null) {
                errors.put("status", "Unbekannter Status. Erlaubt: NEW, NEEDS_CALLBACK, SCHEDULED, IN_PROGRESS, DONE, CLOSED.");
            }
        }
        String note = body.hasNonNull("note") ? body.get("note").asText().strip() : null;
        Instant appointment = null;
        if (body.hasNonNull("appointmentAt")) {
            try {
                appointment = OffsetDateTime.parse(body.get("appointmentAt").asText()).toInstant();
            } catch (DateTimeParseException e) {
                errors.put("appointmentAt", "Bitte geben Sie den Termin als Datum mit Uhrzeit an, z. B. 2026-12-03T14:00:00+01:00.");
            }
            if (target != TicketStatus.SCHEDULED && appointment != null) {
                errors.put("appointmentAt", "Einen Termin gibt es nur mit dem Status SCHEDULED.");
            }
        }
        if (note != null && note.length() > MAX_NOTE) {
            errors.put("note", "Die Notiz ist zu lang (höchstens " + MAX_NOTE + " Zeichen).");
        }
        if (target == null && (note == null || note.isEmpty()) && errors.isEmpty()) {
            errors.put("status", "Bitte geben Sie einen Status oder eine Notiz an.");
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        Ticket ticket = GetTicketRoute.find(tickets, tenant, request);
        Instant now = clock.instant();
        Ticket updated = ticket;
        if (target != null && target != ticket.status()) {
            try {
                TicketStateMachine.requireMove(ticket.status(), target);
            } catch (TicketStateMachine.IllegalTransitionException refused) {
                throw new ApiException(409, "illegal_transition", "Ein Ticket im Status " + refused.from()
                        + " kann nicht nach " + refused.to() + " wechseln.");
            }
            Instant reviewDueAt = target == TicketStatus.DONE ? statusUpdates.reviewDueAt(tenant, ticket, now) : null;
            try {
                updated = tickets.changeStatus(tenant.id(), ticket.id(), new TicketStore.StatusChange(
                        ticket.status(), target, emptyToNull(note), now, appointment, reviewDueAt, null, ticket.slaDueAt())
                        .retainedFor(tenant.config()));
            } catch (TicketStore.ConcurrentChangeException e) {
                throw new ApiException(409, "conflict", e.gone() ? "Das Ticket gibt es nicht mehr."
                        : "Das Ticket wurde inzwischen geändert; bitte neu laden.");
            }
            Log.info("ticket.status", Map.of("tenant", tenant.id(), "ticket", ticket.id(),
                    "from", ticket.status(), "to", target));
            milestones.moved(tenant, ticket, updated, now);
            statusUpdates.notifyCustomer(tenant, updated, now);
        } else if (note != null && !note.isEmpty()) {
            updated = tickets.addNote(tenant.id(), ticket.id(), note, now);
        }
        return ApiResponses.json(200, TicketJson.write(updated, now));
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
