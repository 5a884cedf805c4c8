package ch.opsfabric.staffapp;

import ch.opsfabric.http.ApiRequest;
import ch.opsfabric.ticket.Ticket;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/** {@code GET /app/tickets/{id}}: one ticket of the session's tenant; another tenant's id is simply not found. */
final class TicketPageRoute extends SignedInRoute {

    /** What a finished action says after its redirect ({@code ?ok=…}). */
    static final Map<String, String> DONE = Map.of(
            "moved", "Status gespeichert.",
            "scheduled", "Termin gespeichert; die Kundschaft erhält die Bestätigung per SMS.",
            "noted", "Notiz gespeichert.",
            "sent", "SMS wird gesendet. Die Antwort erscheint hier.",
            "created", "Ticket erfasst.",
            "joined", "Diese Nummer hatte heute schon ein offenes Ticket: der Kontakt ist dort ergänzt.",
            "merged", "Kontakte zusammengeführt: ihre Nummern, Adressen und Tickets gehören jetzt zu dieser Person.",
            "erased", "Personendaten gelöscht: Name, Nummern, Adressen, Nachrichten und Anhänge dieser Person sind entfernt.");

    private final Clock clock;
    private final TicketDesk desk;
    private final ContactDesk people;

    TicketPageRoute(Clock clock, SignIn signIn, AppHttp http, AppPages pages, TicketDesk desk, ContactDesk people) {
        super(signIn, http, pages);
        this.clock = clock;
        this.desk = desk;
        this.people = people;
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(ApiRequest request, SignIn.Staff staff) {
        Optional<Ticket> ticket = desk.ticket(staff.tenant(), request.pathParameter("id").orElse(null));
        if (ticket.isEmpty()) {
            return AppHttp.page(404, pages.error(staff, "Ticket nicht gefunden", "Dieses Ticket gibt es nicht (mehr)."));
        }
        String flash = request.query("ok").map(DONE::get).orElse(null);
        return AppHttp.page(200, pages.ticket(staff, ticket.get(), clock.instant(),
                people.person(staff.tenant(), ticket.get()).orElse(null), flash, null));
    }
}
