package ch.opsfabric.ticketintake;

import ch.opsfabric.http.ApiException;
import ch.opsfabric.http.ApiRequest;
import ch.opsfabric.http.ApiResponses;
import ch.opsfabric.http.ApiRoute;
import ch.opsfabric.http.TicketJson;
import ch.opsfabric.json.Json;
import ch.opsfabric.tenant.Tenant;
import ch.opsfabric.ticket.TicketStatus;
import ch.opsfabric.ticket.TicketStore;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;

/** {@code GET /api/tickets?status=&limit=&cursor=}: the tenant's tickets, newest day first. */
final class ListTicketsRoute implements ApiRoute {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 100;

    private final Clock clock;
    private final TicketStore tickets;
    private final StaffAuth auth;

    ListTicketsRoute(Clock clock, TicketStore tickets, StaffAuth auth) {
        this.clock = clock;
        this.tickets = tickets;
        this.auth = auth;
    }

    @Override
    public APIGatewayV2HTTPResponse handle(ApiRequest request) {
        Tenant tenant = auth.tenantOf(request);
        TicketStatus status = request.query("status")
                .map(s -> TicketStatus.parse(s).orElseThrow(() -> ApiException.badRequest("Unbekannter Status: " + s)))
                .orElse(null);
        int limit = request.query("limit").map(ListTicketsRoute::limit).orElse(DEFAULT_LIMIT);
        TicketStore.Page page;
        try {
            page = tickets.list(tenant.id(), status, limit, request.query("cursor").orElse(null));
        } catch (IllegalArgumentException badCursor) {
            throw ApiException.badRequest("Ungültiger cursor.");
        }
        Instant now = clock.instant();
        ObjectNode body = Json.object();
        ArrayNode tickets = body.putArray("tickets");
        page.tickets().forEach(t -> tickets.add(TicketJson.write(t, now)));
        body.put("nextCursor", page.nextCursor());
        return ApiResponses.json(200, body);
    }

    private static int limit(String value) {
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.badRequest("limit muss zwischen 1 und " + MAX_LIMIT + " liegen.");
    }
}
