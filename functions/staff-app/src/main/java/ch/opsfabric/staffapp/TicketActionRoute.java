package ch.opsfabric.staffapp;

import ch.opsfabric.http.ApiRequest;
import ch.opsfabric.ticket.Ticket;
import ch.opsfabric.ticket.TicketStatus;
import ch.opsfabric.webhook.FormBody;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * {@code POST /app/tickets/{id}} with {@code action=move|note|reply|merge|erase}: done → 303 back to the
 * ticket (a reload sends nothing twice); refused → the ticket page again with the reason.
 */
final class TicketActionRoute extends SignedInRoute {

    private final Clock clock;
    private final TicketDesk desk;
    private final ContactDesk people;

    TicketActionRoute(Clock clock, SignIn signIn, AppHttp http, AppPages pages, TicketDesk desk, ContactDesk people) {
        super(signIn, http, pages);
        this.clock = clock;
        this.desk = desk;
        this.people = people;
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(ApiRequest request, SignIn.Staff staff) {
        FormBody form = AppHttp.form(request);
        AppHttp.requireCsrf(form, staff.session().csrf());
        Optional<Ticket> found = desk.ticket(staff.tenant(), request.pathParameter("id").orElse(null));
        if (found.isEmpty()) {
            return AppHttp.page(404, pages.error(staff, "Ticket nicht gefunden", "Dieses Ticket gibt es nicht (mehr)."));
        }
        Ticket ticket = found.get();
        String action = form.first("action").orElse("");
        TicketDesk.Outcome outcome;
        String done;
        switch (action) {
            case "move" -> {
                Optional<TicketStatus> target = TicketStatus.parse(form.first("to").orElse(""));
                String rawAppointment = form.first("appointmentAt").orElse("").strip();
                Instant appointment = null;
                if (!rawAppointment.isEmpty()) {
                    try {
                        appointment = LocalDateTime.parse(rawAppointment).atZone(staff.tenant().config().zone()).toInstant();
                    } catch (DateTimeParseException e) {
                        return refused(staff, ticket, "Bitte geben Sie den Termin als Datum und Uhrzeit an.");
                    }
                }
                if (target.isEmpty()) {
                    return refused(staff, ticket, "Bitte wählen Sie einen Status.");
                }
                outcome = desk.move(staff.tenant(), staff.member(), ticket, target.get(), appointment);
                done = target.get() == TicketStatus.SCHEDULED ? "scheduled" : "moved";
            }
            case "note" -> {
                outcome = desk.note(staff.tenant(), staff.member(), ticket, form.first("note").orElse(""));
                done = "noted";
            }
            case "reply" -> {
                outcome = desk.reply(staff.tenant(), staff.member(), ticket, form.first("text").orElse(""),
                        form.first("nonce").orElse(null));
                done = "sent";
            }
            case "erase" -> {
                outcome = people.erase(staff.tenant(), staff.member(), ticket, form.first("confirm").isPresent());
                done = "erased";
            }
            case "merge" -> {
                outcome = people.merge(staff.tenant(), staff.member(), ticket, form.first("suspect").orElse(null));
                done = "merged";
            }
            default -> {
                return refused(staff, ticket, "Diese Aktion gibt es nicht.");
            }
        }
        if (outcome instanceof TicketDesk.Refused refused) {
            return refused(staff, ticket, refused.message());
        }
        return AppHttp.seeOther("/app/tickets/" + ticket.id() + "?ok=" + done);
    }

    private APIGatewayV2HTTPResponse refused(SignIn.Staff staff, Ticket ticket, String message) {
        return AppHttp.page(400, pages.ticket(staff, ticket, clock.instant(), people.person(staff.tenant(), ticket).orElse(null),
                null, message));
    }
}
