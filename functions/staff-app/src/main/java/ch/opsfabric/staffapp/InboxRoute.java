package ch.opsfabric.staffapp;

import ch.opsfabric.http.ApiRequest;
import ch.opsfabric.ticket.TicketSource;
import ch.opsfabric.ticket.TicketStatus;
import ch.opsfabric.ticket.Urgency;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /app/tickets?status=&source=&urgency=&breached=1&q=&cursor=}: open tickets soonest
 * due first, with counts per status. Unknown filter values are ignored rather than refused: a
 * stale bookmark still opens the inbox.
 */
final class InboxRoute extends SignedInRoute {

    static final Map<String, String> FLASH = Map.of("signedin", "Willkommen zurück.");

    private final Clock clock;
    private final TicketDesk desk;

    InboxRoute(Clock clock, SignIn signIn, AppHttp http, AppPages pages, TicketDesk desk) {
        super(signIn, http, pages);
        this.clock = clock;
        this.desk = desk;
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(ApiRequest request, SignIn.Staff staff) {
        TicketDesk.Filter filter = new TicketDesk.Filter(
                request.query("status").flatMap(InboxRoute::status).orElse(null),
                request.query("source").flatMap(InboxRoute::source).orElse(null),
                request.query("urgency").flatMap(InboxRoute::urgency).orElse(null),
                request.query("breached").isPresent(),
                request.query("q").map(q -> q.length() > 60 ? q.substring(0, 60) : q).orElse(null));
        String cursor = request.query("cursor").orElse(null);
        TicketDesk.Inbox inbox;
        try {
            inbox = desk.inbox(staff.tenant(), filter, cursor);
        } catch (IllegalArgumentException badCursor) {
            inbox = desk.inbox(staff.tenant(), filter, null);
        }
        return AppHttp.page(200, pages.inbox(staff, inbox, filter, clock.instant(), null));
    }

    static Optional<TicketStatus> status(String value) {
        return TicketStatus.parse(value);
    }

    static Optional<TicketSource> source(String value) {
        for (TicketSource s : TicketSource.values()) {
            if (s.wireName().equals(value)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    static Optional<Urgency> urgency(String value) {
        for (Urgency u : Urgency.values()) {
            if (u.name().equals(value)) {
                return Optional.of(u);
            }
        }
        return Optional.empty();
    }
}
