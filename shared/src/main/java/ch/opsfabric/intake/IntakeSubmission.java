package ch.opsfabric.intake;

import ch.opsfabric.log.Log;
import ch.opsfabric.log.Metrics;
import ch.opsfabric.messaging.OutboundSms;
import ch.opsfabric.messaging.SmsDispatch;
import ch.opsfabric.messaging.SmsKind;
import ch.opsfabric.messaging.SmsTemplates;
import ch.opsfabric.phone.Phone;
import ch.opsfabric.phone.PhoneNumbers;
import ch.opsfabric.tenant.Module;
import ch.opsfabric.tenant.Tenant;
import ch.opsfabric.tenant.TenantDirectory;
import ch.opsfabric.ticket.ContactOutcome;
import ch.opsfabric.ticket.NewContact;
import ch.opsfabric.ticket.Ticket;
import ch.opsfabric.ticket.TicketIntake;
import ch.opsfabric.ticket.TicketSource;
import ch.opsfabric.ticket.TicketStatus;
import ch.opsfabric.ticket.TicketStore;
import ch.opsfabric.ticket.Urgency;
import java.time.Clock;
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

    /** Too many submissions from this client this minute: nothing stored. */
    public record RateLimited() implements Result {
    }

    /** No tenant has this slug, or its wizard is off. */
    public record UnknownTenant() implements Result {
    }

    /** The answers do not make a request: the problem per field, in form order. */
    public record Invalid(Map<String, String> fieldErrors) implements Result {
    }

    private final Clock clock;
    private final RateLimiter rateLimiter;
    private final TenantDirectory tenants;
    private final TicketIntake intake;
    private final TicketStore tickets;
    private final FormRefs formRefs;
    private final SmsDispatch sms;
    private final SmsTemplates templates;
    private final ch.opsfabric.mail.EmailConfirmations emailConfirmations;

    /** @param emailConfirmations how a customer with an address and no mobile is answered */
    public IntakeSubmission(Clock clock, RateLimiter rateLimiter, TenantDirectory tenants, TicketIntake intake,
                            TicketStore tickets, FormRefs formRefs, SmsDispatch sms, SmsTemplates templates,
                            ch.opsfabric.mail.EmailConfirmations emailConfirmations) {
        this.emailConfirmations = emailConfirmations;
        this.clock = clock;
        this.rateLimiter = rateLimiter;
        this.tenants = tenants;
        this.intake = intake;
        this.tickets = tickets;
        this.formRefs = formRefs;
        this.sms = sms;
        this.templates = templates;
    }

    /** @param answers the form's fields, name → text (the JSON API's and the plain form's alike) */
    public Result submit(String slug, Map<String, String> answers, String clientAddress) {
        Instant now = clock.instant();
        if (!rateLimiter.tryAcquire("intake", clientAddress, now)) {
            return new RateLimited();
        }
        if (slug == null || slug.isBlank()) {
            return new Invalid(Map.of("slug", "Der Betrieb fehlt."));
        }
        Optional<Tenant> found = tenantOf(slug.strip());
        if (found.isEmpty()) {
            return new UnknownTenant();
        }
        Tenant tenant = found.get();
        if (TicketRequest.isHoneypotFilled(answers) || filledTooFast(answers)) {
            Log.info("intake.trapped", Map.of("tenant", tenant.id()));
            return new Trapped();
        }
        TicketRequest.Validation validation = TicketRequest.validate(slug.strip(), answers, tenant.branch(), tenant.flows());
        if (validation instanceof TicketRequest.Invalid invalid) {
            return new Invalid(invalid.fieldErrors());
        }
        TicketRequest request = ((TicketRequest.Valid) validation).request();
        Optional<Ticket> linked = linkedTicket(tenant, request.ref(), now);
        Phone.Number phone = request.phone() != null ? request.phone()
                : linked.filter(t -> t.phone() != null).map(t -> PhoneNumbers.require(t.phone())).orElse(null);
        if (phone == null && request.email() == null) {
            return new Invalid(Map.of("phone", "Bitte geben Sie Ihre Telefonnummer an, damit wir Sie zurückrufen können."));
        }
        Urgency urgency = request.flow().urgency();
        NewContact contact = new NewContact(tenant.id(), phone, TicketSource.WIZARD, urgency, TicketStatus.NEW,
                request.name(), request.email(), request.flow().id(), request.category(), request.message(),
                request.fields(), now, null);
        ContactOutcome outcome = linked.isPresent()
                ? intake.recordInto(tenant, linked.get(), contact)
                : intake.record(tenant, contact);
        Ticket ticket = outcome.ticket();
        boolean confirmation = phone != null && phone.isMobile() && tenant.has(Module.SMS);
        if (confirmation) {
            queueConfirmation(tenant, ticket, now);
        } else if (request.email() != null && tenant.has(Module.EMAIL)) {
            // no mobile to text: the answer goes by e-mail, and a reply to it joins this ticket
            emailConfirmations.confirm(tenant, ticket, request.email(), request.name(), null,
                    "wizard:" + ticket.id() + ":" + ticket.urgency().name(), now);
        }
        Metrics.count(outcome.joined() ? Metrics.Event.TICKET_JOINED : Metrics.Event.TICKET_CREATED, tenant.id());
        Log.info(outcome.joined() ? "ticket.joined" : "ticket.created", Map.of("tenant", tenant.id(),
                "ticket", ticket.id(), "phone", phone == null ? "" : phone.masked(), "urgency", ticket.urgency(),
                "linked", linked.isPresent()));
        return new Accepted(ticket, outcome.joined(), confirmation);
    }

    /**
     * A ticket a staff member logs by hand (a call they took, a walk-in): the wizard's validation
     * and dedupe for the tenant's flows, source {@code manual}, no rate limit, no bot trap, no
     * confirmation SMS (they have just spoken), and who logged it on the timeline.
     */
    public Result recordManual(Tenant tenant, Map<String, String> answers, String author) {
        Instant now = clock.instant();
        TicketRequest.Validation validation = TicketRequest.validate(tenant.slug(), answers, tenant.branch(), tenant.flows());
        if (validation instanceof TicketRequest.Invalid invalid) {
            return new Invalid(invalid.fieldErrors());
        }
        TicketRequest request = ((TicketRequest.Valid) validation).request();
        if (request.phone() == null) {
            return new Invalid(Map.of("phone", "Bitte geben Sie die Telefonnummer an."));
        }
        ContactOutcome outcome = intake.record(tenant, new NewContact(tenant.id(), request.phone(), TicketSource.MANUAL,
                request.flow().urgency(), TicketStatus.NEW, request.name(), request.email(), request.flow().id(),
                request.category(), request.message(), request.fields(), now, null));
        Ticket ticket = tickets.addEvent(tenant.id(), outcome.ticket().id(),
                ch.opsfabric.ticket.TicketEvent.note(now, outcome.joined() ? "Kontakt von Hand ergänzt" : "Von Hand erfasst", author));
        Log.info(outcome.joined() ? "ticket.joined" : "ticket.created", Map.of("tenant", tenant.id(), "ticket", ticket.id(),
                "phone", request.phone().masked(), "source", "manual"));
        return new Accepted(ticket, outcome.joined(), false);
    }

    /** The tenant whose wizard takes requests under this slug. */
    public Optional<Tenant> tenantOf(String slug) {
        return tenants.bySlug(slug).filter(t -> t.has(Module.WIZARD));
    }

    /** The ticket an SMS form link ({@code ?ref=}) belongs to; an unknown or expired link is simply ignored. */
    public Optional<Ticket> linkedTicket(Tenant tenant, String ref, Instant now) {
        if (ref == null) {
            return Optional.empty();
        }
        return formRefs.resolve(ref, now)
                .filter(r -> r.tenantId().equals(tenant.id()))
                .flatMap(r -> tickets.find(tenant.id(), r.ticketId()));
    }

    private static boolean filledTooFast(Map<String, String> answers) {
        String elapsed = answers.get("elapsedMs");
        return elapsed != null && elapsed.strip().matches("\\d{1,9}") && Long.parseLong(elapsed.strip()) < MIN_FILL_MILLIS;
    }

    /** Confirms the ticket as it now stands: a joined ticket keeps its (possibly higher) urgency. */
    private void queueConfirmation(Tenant tenant, Ticket ticket, Instant now) {
        Urgency urgency = ticket.urgency();
        SmsTemplates.Name template = urgency == Urgency.HIGH
                ? SmsTemplates.Name.TICKET_CONFIRMATION_URGENT
                : SmsTemplates.Name.TICKET_CONFIRMATION;
        String text = templates.render(template, Map.of("business", tenant.name(), "reference", ticket.reference()));
        // one confirmation per ticket and urgency: a repeated form the same day sends nothing new
        sms.send(tenant, new OutboundSms(tenant.id(), ticket.phone(), text, SmsKind.TICKET_CONFIRMATION, urgency,
                "confirm:" + ticket.id() + ":" + urgency.name(), ticket.id(), now));
    }
}
