package ch.opsfabric.ticketintake;

import ch.opsfabric.app.AppContext;
import ch.opsfabric.http.ApiException;
import ch.opsfabric.http.ApiRequest;
import ch.opsfabric.http.ApiResponses;
import ch.opsfabric.http.ApiRoute;
import ch.opsfabric.http.JsonBody;
import ch.opsfabric.json.Json;
import ch.opsfabric.log.Log;
import ch.opsfabric.messaging.OutboundSms;
import ch.opsfabric.messaging.SmsKind;
import ch.opsfabric.messaging.SmsTemplates;
import ch.opsfabric.tenant.Module;
import ch.opsfabric.tenant.Tenant;
import ch.opsfabric.ticket.ContactOutcome;
import ch.opsfabric.ticket.NewContact;
import ch.opsfabric.ticket.Ticket;
import ch.opsfabric.ticket.TicketSource;
import ch.opsfabric.ticket.TicketStatus;
import ch.opsfabric.ticket.Urgency;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;

/**
 * {@code POST /api/ticket}: the public intake behind the wizard and the website forms.
 * Order of checks: cheap refusals first (type, size, rate), then the tenant, then the fields;
 * nothing is stored or sent before all of them pass.
 */
final class CreateTicketRoute implements ApiRoute {

    private final AppContext app;

    CreateTicketRoute(AppContext app) {
        this.app = app;
    }

    @Override
    public APIGatewayV2HTTPResponse handle(ApiRequest request) {
        JsonNode body = JsonBody.requireObject(request);
        Instant now = app.clock().instant();
        if (!app.intakeRateLimiter().tryAcquire("intake", request.sourceIp(), now)) {
            throw new ApiException(429, "rate_limited", "Zu viele Anfragen. Bitte versuchen Sie es in einer Minute erneut.");
        }
        Tenant tenant = app.tenants().bySlug(TicketRequest.slugOf(body))
                .filter(t -> t.has(Module.WIZARD))
                .orElseThrow(() -> ApiException.notFound("Diesen Betrieb gibt es nicht."));
        if (TicketRequest.isHoneypotFilled(body)) {
            // answered like a success so bots learn nothing; nothing is stored or sent
            Log.info("intake.honeypot", Map.of("tenant", tenant.id()));
            return ApiResponses.json(202, Json.object().put("status", "received"));
        }
        TicketRequest ticketRequest = TicketRequest.validate(body, tenant.branch());
        Urgency urgency = ticketRequest.flow().urgency();
        ContactOutcome outcome = app.intake().record(tenant, new NewContact(tenant.id(), ticketRequest.phone(),
                TicketSource.WIZARD, urgency, TicketStatus.NEW, ticketRequest.name(), ticketRequest.email(),
                ticketRequest.flow().id(), ticketRequest.category(), ticketRequest.message(), ticketRequest.fields(), now,
                null));
        Ticket ticket = outcome.ticket();
        boolean confirmation = ticketRequest.phone().isMobile() && tenant.has(Module.SMS);
        if (confirmation) {
            queueConfirmation(tenant, ticket, now);
        }
        Log.info(outcome.joined() ? "ticket.joined" : "ticket.created", Map.of("tenant", tenant.id(),
                "ticket", ticket.id(), "phone", ticketRequest.phone().masked(), "urgency", ticket.urgency()));
        return ApiResponses.json(outcome.joined() ? 200 : 201, Json.object()
                .put("ticketId", ticket.id())
                .put("reference", ticket.reference())
                .put("joined", outcome.joined())
                .put("status", ticket.status().name())
                .put("urgency", ticket.urgency().name())
                .put("slaDueAt", ticket.slaDueAt().toString())
                .put("smsConfirmation", confirmation));
    }

    /** Confirms the ticket as it now stands: a joined ticket keeps its (possibly higher) urgency. */
    private void queueConfirmation(Tenant tenant, Ticket ticket, Instant now) {
        Urgency urgency = ticket.urgency();
        SmsTemplates.Name template = urgency == Urgency.HIGH
                ? SmsTemplates.Name.TICKET_CONFIRMATION_URGENT
                : SmsTemplates.Name.TICKET_CONFIRMATION;
        String text = app.smsTemplates().render(template,
                Map.of("business", tenant.name(), "reference", ticket.reference()));
        // one confirmation per ticket and urgency: a repeated form the same day sends nothing new
        app.outbox().enqueue(new OutboundSms(tenant.id(), ticket.phone(), text, SmsKind.TICKET_CONFIRMATION, urgency,
                "confirm:" + ticket.id() + ":" + urgency.name(), ticket.id(), now));
    }
}
