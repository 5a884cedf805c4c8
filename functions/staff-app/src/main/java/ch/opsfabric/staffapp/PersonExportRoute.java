package ch.opsfabric.staffapp;

import ch.opsfabric.http.ApiRequest;
import ch.opsfabric.json.Json;
import ch.opsfabric.log.Log;
import ch.opsfabric.privacy.ExportJson;
import ch.opsfabric.privacy.PersonalData;
import ch.opsfabric.ticket.Ticket;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /app/tickets/{id}/export}: everything held about the person behind the ticket, as a
 * JSON download to hand to them (revDSG art. 25); the same document as the staff API's export.
 */
final class PersonExportRoute extends SignedInRoute {

    private final Clock clock;
    private final TicketDesk desk;
    private final ContactDesk people;

    PersonExportRoute(Clock clock, SignIn signIn, AppHttp http, AppPages pages, TicketDesk desk, ContactDesk people) {
        super(signIn, http, pages);
        this.clock = clock;
        this.desk = desk;
        this.people = people;
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(ApiRequest request, SignIn.Staff staff) {
        Optional<Ticket> ticket = desk.ticket(staff.tenant(), request.pathParameter("id").orElse(null));
        Optional<PersonalData.Export> export = ticket.flatMap(t -> people.export(staff.tenant(), t));
        if (export.isEmpty()) {
            return AppHttp.page(404, pages.error(staff, "Keine Person gespeichert",
                    "Zu diesem Ticket ist keine Person gespeichert."));
        }
        Log.info("contact.exported", Map.of("tenant", staff.tenant().id(), "contact", export.get().contact().id(),
                "member", staff.member().id()));
        return APIGatewayV2HTTPResponse.builder().withStatusCode(200)
                .withHeaders(Map.of("content-type", "application/json; charset=utf-8", "cache-control", "private, no-store",
                        "content-disposition", "attachment; filename=\"daten-" + export.get().contact().id() + ".json\""))
                .withBody(Json.write(ExportJson.write(export.get(), staff.tenant().name(), clock.instant()))).build();
    }
}
