package ch.opsfabric.smsreply;

import ch.opsfabric.intake.FormRefs;
import ch.opsfabric.log.Log;
import ch.opsfabric.messaging.OptOuts;
import ch.opsfabric.messaging.OutboundSms;
import ch.opsfabric.messaging.SmsDispatch;
import ch.opsfabric.messaging.SmsKind;
import ch.opsfabric.messaging.SmsTemplates;
import ch.opsfabric.messaging.SmsWindows;
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
import ch.opsfabric.ticket.Urgency;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A customer's SMS to a business line: 1 = urgent (owner alerted at once), 2 = call back,
 * 3 = link to the intake form for the same ticket, STOP/START, or free text for the ticket.
 * Every answer we send carries an idempotency key from the message id, so a provider's retry
 * sends nothing twice; free text is acknowledged at most once an hour per number, so an
 * auto-responder on the other side can never start a ping-pong.
 */
final class SmsReplyProcessing {

    static final Duration ACK_WINDOW = Duration.ofHours(1);

    enum Outcome { UNKNOWN_LINE, INVALID_SENDER, URGENT, CALLBACK, FORM_LINK, OPTED_OUT, OPTED_IN, STORED, DUPLICATE }

    record Result(Outcome outcome, String ticketId) {
    }

    private final Clock clock;
    private final TenantDirectory tenants;
    private final TicketIntake intake;
    private final OptOuts optOuts;
    private final FormRefs formRefs;
    private final ch.opsfabric.messaging.SmsThreads threads;
    private final ch.opsfabric.stats.DailyStats stats;
    private final SmsWindows smsWindows;
    private final SmsDispatch sms;
    private final SmsTemplates templates;
    private final String publicBaseUrl;

    /** @param publicBaseUrl where the wizard link of answer 3 points */
    SmsReplyProcessing(Clock clock, TenantDirectory tenants, TicketIntake intake, OptOuts optOuts, FormRefs formRefs,
                       ch.opsfabric.messaging.SmsThreads threads, ch.opsfabric.stats.DailyStats stats,
                       SmsWindows smsWindows, SmsDispatch sms,
                       SmsTemplates templates, String publicBaseUrl) {
        this.clock = clock;
        this.tenants = tenants;
        this.intake = intake;
        this.optOuts = optOuts;
        this.formRefs = formRefs;
        this.threads = threads;
        this.stats = stats;
        this.smsWindows = smsWindows;
        this.sms = sms;
        this.templates = templates;
        this.publicBaseUrl = publicBaseUrl;
    }

    Result handle(InboundSms sms) {
        Optional<Tenant> found = tenants.byLineWith(sms.to(), Module.SMS);
        if (found.isEmpty()) {
            return new Result(Outcome.UNKNOWN_LINE, null);
        }
        Tenant tenant = found.get();
        if (!(PhoneNumbers.parse(sms.from()) instanceof Phone.Number from)) {
            return new Result(Outcome.INVALID_SENDER, null);
        }
        Instant now = clock.instant();
        ReplyIntent intent = ReplyIntent.of(sms.text());
        Log.info("sms_reply.received", Map.of("tenant", tenant.id(), "from", from.masked(), "intent", intent));
        if (intent == ReplyIntent.STOP) {
            if (optOuts.optOut(tenant.id(), from.e164(), now)) {
                reply(tenant, from, SmsTemplates.Name.OPT_OUT_CONFIRMATION, SmsKind.OPT_OUT_CONFIRMATION, sms, null, Map.of());
                return new Result(Outcome.OPTED_OUT, null);
            }
            return new Result(Outcome.DUPLICATE, null);
        }
        if (intent == ReplyIntent.START) {
            if (optOuts.optIn(tenant.id(), from.e164())) {
                reply(tenant, from, SmsTemplates.Name.OPT_IN_CONFIRMATION, SmsKind.OPT_IN_CONFIRMATION, sms, null, Map.of());
                return new Result(Outcome.OPTED_IN, null);
            }
            return new Result(Outcome.DUPLICATE, null);
        }
        boolean menuAnswer = intent != ReplyIntent.FREE_TEXT;
        NewContact contact = new NewContact(tenant.id(), from, TicketSource.SMS_REPLY,
                intent == ReplyIntent.URGENT ? Urgency.HIGH : Urgency.MEDIUM,
                menuAnswer ? TicketStatus.NEEDS_CALLBACK : TicketStatus.NEW,
                null, null, null, null, sms.text(), Map.of(), now, sms.contactId());
        // a staff member wrote from a ticket: the answer belongs to that ticket, whatever day it is
        Optional<Ticket> open = threads.ticketOf(tenant.id(), from.e164(), now)
                .flatMap(id -> intake.byId(tenant, id)).filter(t -> t.status().isOpen())
                .or(() -> intake.findOpen(tenant, from, now));
        ContactOutcome outcome = open.isPresent()
                ? intake.recordInto(tenant, open.get(), contact)
                : intake.record(tenant, contact);
        Ticket ticket = outcome.ticket();
        if (!outcome.duplicate()) {
            stats.count(tenant.id(), now.atZone(tenant.config().zone()).toLocalDate(), switch (intent) {
                case URGENT -> ch.opsfabric.stats.DailyStats.Counter.REPLIES_URGENT;
                case CALLBACK -> ch.opsfabric.stats.DailyStats.Counter.REPLIES_CALLBACK;
                case FORM -> ch.opsfabric.stats.DailyStats.Counter.REPLIES_FORM;
                default -> ch.opsfabric.stats.DailyStats.Counter.REPLIES_OTHER;
            });
        }
        // a retry after a failure further down runs the answers again; their idempotency keys
        // make sure the customer and the owner get each message once
        Outcome result = switch (intent) {
            case URGENT -> urgent(tenant, from, ticket, sms);
            case CALLBACK -> {
                reply(tenant, from, SmsTemplates.Name.CALLBACK_CONFIRMATION, SmsKind.REPLY_ACKNOWLEDGEMENT, sms, ticket, Map.of());
                yield Outcome.CALLBACK;
            }
            case FORM -> formLink(tenant, from, ticket, sms, now);
            default -> freeText(tenant, from, ticket, sms, now);
        };
        return new Result(outcome.duplicate() ? Outcome.DUPLICATE : result, ticket.id());
    }

    private Outcome urgent(Tenant tenant, Phone.Number from, Ticket ticket, InboundSms sms) {
        String owner = tenant.config().ownerMobile();
        if (owner != null) {
            Map<String, Object> scope = new HashMap<>();
            scope.put("reference", ticket.reference());
            scope.put("phone", from.e164());
            if (ticket.name() != null) {
                scope.put("name", ticket.name());
            }
            this.sms.send(tenant, new OutboundSms(tenant.id(), owner,
                    templates.render(SmsTemplates.Name.URGENT_ALERT, scope), SmsKind.URGENT_ALERT, Urgency.HIGH,
                    "alert:" + sms.contactId(), ticket.id(), clock.instant()));
        }
        reply(tenant, from, SmsTemplates.Name.URGENT_CONFIRMATION, SmsKind.REPLY_ACKNOWLEDGEMENT, sms, ticket, Map.of());
        return Outcome.URGENT;
    }

    private Outcome formLink(Tenant tenant, Phone.Number from, Ticket ticket, InboundSms sms, Instant now) {
        if (!tenant.has(Module.WIZARD)) {
            reply(tenant, from, SmsTemplates.Name.CALLBACK_CONFIRMATION, SmsKind.REPLY_ACKNOWLEDGEMENT, sms, ticket, Map.of());
            return Outcome.CALLBACK;
        }
        String token = formRefs.create(tenant.id(), ticket.id(), now);
        String link = publicBaseUrl + "/" + tenant.slug() + "/anfrage?ref=" + token;
        reply(tenant, from, SmsTemplates.Name.FORM_LINK, SmsKind.REPLY_ACKNOWLEDGEMENT, sms, ticket, Map.of("link", link));
        return Outcome.FORM_LINK;
    }

    private Outcome freeText(Tenant tenant, Phone.Number from, Ticket ticket, InboundSms sms, Instant now) {
        if (!ReplyIntent.looksAutomatic(sms.text())
                && smsWindows.tryOpen(tenant.id(), "ack", from.e164(), sms.contactId(), now, ACK_WINDOW)) {
            reply(tenant, from, SmsTemplates.Name.REPLY_ACKNOWLEDGEMENT, SmsKind.REPLY_ACKNOWLEDGEMENT, sms, ticket, Map.of());
        }
        return Outcome.STORED;
    }

    private void reply(Tenant tenant, Phone.Number to, SmsTemplates.Name template, SmsKind kind, InboundSms sms,
                       Ticket ticket, Map<String, String> extra) {
        Map<String, Object> scope = new HashMap<>(extra);
        scope.put("business", tenant.name());
        this.sms.send(tenant, new OutboundSms(tenant.id(), to.e164(), templates.render(template, scope), kind,
                Urgency.MEDIUM, "reply:" + sms.contactId(),
                ticket == null ? null : ticket.id(), clock.instant()));
    }
}
