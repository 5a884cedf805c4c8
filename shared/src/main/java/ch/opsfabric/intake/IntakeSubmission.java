package ch.opsfabric.intake;

import ch.opsfabric.app.AppContext;
import ch.opsfabric.http.ApiException;
import ch.opsfabric.log.Log;
import ch.opsfabric.log.Metrics;
import ch.opsfabric.messaging.OutboundSms;
import ch.opsfabric.messaging.SmsKind;
import ch.opsfabric.messaging.SmsTemplates;
import ch.opsfabric.phone.Phone;
import ch.opsfabric.phone.PhoneNumbers;
import ch.opsfabric.tenant.Module;
import ch.opsfabric.tenant.Tenant;
import ch.opsfabric.ticket.ContactOutcome;
import ch.opsfabric.ticket.NewContact;
import ch.opsfabric.ticket.Ticket;
import ch.opsfabric.ticket.TicketSource;
import ch.opsfabric.ticket.TicketStatus;
import ch.opsfabric.ticket.Urgency;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A customer's request from the wizard or a website form, however it arrives (JSON from the
 * script, a plain form POST without JavaScript): rate limit, bot traps, tenant, validation,
 * ticket, confirmation SMS. Nothing is stored or sent before every check has passed.
 */
public final class IntakeSubmission {

    /** People need longer than this to fill the shortest flow; scripts do not. */
    public static final long MIN_FILL_MILLIS = 2500;

    public sealed interface Result {
    }

    public record Accepted(Ticket ticket, boolean joined, boolean smsConfirmation) implements Result {
    }

    /** A bot: answered like a success, nothing stored or sent. */
    public record Trapped() implements Result {
    }

    private final AppContext app;

    public IntakeSubmission(AppContext app) {
        this.app = app;
    }

    /** @throws ApiException 429 rate limited, 404 unknown tenant or wizard off, 400 with field errors */
    public Result submit(JsonNode body, String clientAddress) {
        Instant now = app.clock().instant();
        if (!app.intakeRateLimiter().tryAcquire("intake", clientAddress, now)) {
            throw new ApiException(429, "rate_limited", "Zu viele Anfragen. Bitte versuchen Sie es in einer Minute erneut.");
        }
        Tenant tenant = tenantOf(TicketRequest.slugOf(body));
        if (TicketRequest.isHoneypotFilled(body) || filledTooFast(body)) {
            Log.info("intake.trapped", Map.of("tenant", tenant.id()));
            return new Trapped();
        }
        TicketRequest request = TicketRequest.validate(body, tenant.branch());
        Optional<Ticket> linked = linkedTicket(tenant, request.ref(), now);
        Phone.Number phone = request.phone() != null ? request.phone()
                : linked.map(t -> PhoneNumbers.require(t.phone())).orElseThrow(() -> ApiException.validation(Map.of(
                        "phone", "Bitte geben Sie Ihre Telefonnummer an, damit wir Sie zurückrufen können.")));
        Urgency urgency = request.flow().urgency();
        NewContact contact = new NewContact(tenant.id(), phone, TicketSource.WIZARD, urgency, TicketStatus.NEW,
                request.name(), request.email(), request.flow().id(), request.category(), request.message(),
                request.fields(), now, null);
        ContactOutcome outcome = linked.isPresent()
                ? app.intake().recordInto(tenant, linked.get(), contact)
                : app.intake().record(tenant, contact);
        Ticket ticket = outcome.ticket();
        boolean confirmation = phone.isMobile() && tenant.has(Module.SMS);
        if (confirmation) {
            queueConfirmation(tenant, ticket, now);
        }
        Metrics.count(outcome.joined() ? Metrics.Event.TICKET_JOINED : Metrics.Event.TICKET_CREATED, tenant.id());
        Log.info(outcome.joined() ? "ticket.joined" : "ticket.created", Map.of("tenant", tenant.id(),
                "ticket", ticket.id(), "phone", phone.masked(), "urgency", ticket.urgency(), "linked", linked.isPresent()));
        return new Accepted(ticket, outcome.joined(), confirmation);
    }

    public Tenant tenantOf(String slug) {
        return app.tenants().bySlug(slug)
                .filter(t -> t.has(Module.WIZARD))
                .orElseThrow(() -> ApiException.notFound("Diesen Betrieb gibt es nicht."));
    }

    /** The ticket an SMS form link ({@code ?ref=}) belongs to; an unknown or expired link is simply ignored. */
    public Optional<Ticket> linkedTicket(Tenant tenant, String ref, Instant now) {
        if (ref == null) {
            return Optional.empty();
        }
        return app.formRefs().resolve(ref, now)
                .filter(r -> r.tenantId().equals(tenant.id()))
                .flatMap(r -> app.tickets().find(tenant.id(), r.ticketId()));
    }

    private static boolean filledTooFast(JsonNode body) {
        JsonNode elapsed = body.path("elapsedMs");
        return elapsed.canConvertToLong() && elapsed.asLong() < MIN_FILL_MILLIS
                || elapsed.isTextual() && elapsed.asText().matches("\\d{1,9}") && Long.parseLong(elapsed.asText()) < MIN_FILL_MILLIS;
    }

    /** Confirms the ticket as it now stands: a joined ticket keeps its (possibly higher) urgency. */
    private void queueConfirmation(Tenant tenant, Ticket ticket, Instant now) {
        Urgency urgency = ticket.urgency();
        SmsTemplates.Name template = urgency == Urgency.HIGH
                ? SmsTemplates.Name.TICKET_CONFIRMATION_URGENT
                : SmsTemplates.Name.TICKET_CONFIRMATION;
        String text = app.smsTemplates().render(template, Map.of("business", tenant.name(), "reference", ticket.reference()));
        // one confirmation per ticket and urgency: a repeated form the same day sends nothing new
        app.sms().send(tenant, new OutboundSms(tenant.id(), ticket.phone(), text, SmsKind.TICKET_CONFIRMATION, urgency,
                "confirm:" + ticket.id() + ":" + urgency.name(), ticket.id(), now));
    }
}
