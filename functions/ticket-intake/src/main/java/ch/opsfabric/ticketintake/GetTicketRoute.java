package ch.opsfabric.ticketintake;

import ch.opsfabric.http.ApiException;
import ch.opsfabric.http.ApiRequest;
import ch.opsfabric.http.ApiResponses;
import ch.opsfabric.http.ApiRoute;
import ch.opsfabric.http.TicketJson;
import ch.opsfabric.tenant.Tenant;
import ch.opsfabric.ticket.Ticket;
import ch.opsfabric.ticket.TicketStore;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.time.Clock;

/** {@code GET /api/tickets/{id}}: another tenant's id is simply not found. */
final class GetTicketRoute implements ApiRoute {

    private final Clock clock;
    private final TicketStore tickets;
    private final StaffAuth auth;

    GetTicketRoute(Clock clock, TicketStore tickets, StaffAuth auth) {
        this.clock = clock;
        this.tickets = tickets;
        this.auth = auth;
    }

    @Override
    public APIGatewayV2HTTPResponse handle(ApiRequest request) {
        Tenant tenant = auth.tenantOf(request);
        Ticket ticket = find(tickets, tenant, request);
        return ApiResponses.json(200, TicketJson.write(ticket, clock.instant()));
    }

    static Ticket find(TicketStore tickets, Tenant tenant, ApiRequest request) {
        String id = request.pathParameter("id").orElse("");
        if (!id.matches("[0-9]{8}-[0-9A-Z]{12}")) {
            throw ApiException.notFound("Dieses Ticket gibt es nicht.");
        }
        return tickets.find(tenant.id(), id)
                .orElseThrow(() -> ApiException.notFound("Dieses Ticket gibt es nicht."));
    }
}
