package ch.opsfabric.ticketintake;

import ch.opsfabric.app.AppContext;
import ch.opsfabric.http.ApiException;
import ch.opsfabric.http.ApiRequest;
import ch.opsfabric.http.ApiResponses;
import ch.opsfabric.http.ApiRoute;
import ch.opsfabric.http.TicketJson;
import ch.opsfabric.tenant.Tenant;
import ch.opsfabric.ticket.Ticket;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

/** {@code GET /api/tickets/{id}}: another tenant's id is simply not found. */
final class GetTicketRoute implements ApiRoute {

    private final AppContext app;
    private final StaffAuth auth;

    GetTicketRoute(AppContext app, StaffAuth auth) {
        this.app = app;
        this.auth = auth;
    }

    @Override
    public APIGatewayV2HTTPResponse handle(ApiRequest request) {
        Tenant tenant = auth.tenantOf(request);
        Ticket ticket = find(app, tenant, request);
        return ApiResponses.json(200, TicketJson.write(ticket, app.clock().instant()));
    }

    static Ticket find(AppContext app, Tenant tenant, ApiRequest request) {
        String id = request.pathParameter("id").orElse("");
        if (!id.matches("[0-9]{8}-[0-9A-Z]{12}")) {
            throw ApiException.notFound("Dieses Ticket gibt es nicht.");
        }
        return app.tickets().find(tenant.id(), id)
                .orElseThrow(() -> ApiException.notFound("Dieses Ticket gibt es nicht."));
    }
}
