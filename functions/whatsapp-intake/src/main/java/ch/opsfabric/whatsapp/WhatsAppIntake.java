package ch.opsfabric.whatsapp;

import ch.opsfabric.log.Log;
import ch.opsfabric.messaging.OptOuts;
import ch.opsfabric.messaging.WhatsAppReceipts;
import ch.opsfabric.messaging.WhatsAppWindows;
import ch.opsfabric.ticket.TicketStore;
import java.time.Instant;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * WhatsApp messages become tickets as SMS do, but richer: each joins its sender's contact's ticket
 * of the day or opens one (source {@code whatsapp}), idempotent by {@code wamid}; a file is queued
 * for download; "1" or the "Dringend" button makes the ticket urgent (the owner is told, as for
 * SMS "1"); STOP and START are recorded as for SMS. A message to a number no tenant has, or to a
 * tenant with {@code whatsapp} off, is skipped: Meta cannot send it elsewhere by retrying.
 */
final class WhatsAppIntake {

    private static final Set<String> URGENT = Set.of("1", "dringend", "menu_urgent");
    private static final Set<String> CALLBACK = Set.of("2", "rückruf", "menu_callback");
    private static final Set<String> FORM = Set.of("3", "formular", "menu_form");
    private static final Set<String> STOP = Set.of("stop", "stopp", "abmelden");
    private static final Set<String> START = Set.of("start");

    sealed interface Outcome {
    }

    record Recorded(Ticket ticket, boolean joined, boolean duplicate, boolean mediaQueued) implements Outcome {
    }

    record OptedOut(boolean out) implements Outcome {
    }

    record Skipped(String reason) implements Outcome {
    }

    private final TenantDirectory tenants;
    private final TicketIntake intake;
    private final OptOuts optOuts;
    private final MediaQueue media;
    private final WhatsAppWindows windows;
    private final WhatsAppReceipts receipts;
    private final TicketStore tickets;
    private final Answers answers;

    /**
     * What the customer is answered, as for SMS (by WhatsApp, since they just wrote: the window is
     * open). Each answer's idempotency key is the message's, so a retry answers once.
     */
    interface Answers {
        /** A new ticket from a message that is no menu answer. */
        void confirm(Tenant tenant, Ticket ticket, String wamid, Instant at);

        /** "1": the owner is alerted, the customer told someone calls at once. */
        void urgent(Tenant tenant, Ticket ticket, String wamid, Instant at);

        /** "2": a callback is confirmed. */
        void callback(Tenant tenant, Ticket ticket, String wamid, Instant at);

        /** "3": the link to the form that completes this ticket. */
        void formLink(Tenant tenant, Ticket ticket, String wamid, Instant at);

        Answers NONE = new Answers() {
            @Override
            public void confirm(Tenant tenant, Ticket ticket, String wamid, Instant at) {
            }

            @Override
            public void urgent(Tenant tenant, Ticket ticket, String wamid, Instant at) {
            }

            @Override
            public void callback(Tenant tenant, Ticket ticket, String wamid, Instant at) {
            }

            @Override
            public void formLink(Tenant tenant, Ticket ticket, String wamid, Instant at) {
            }
        };
    }

    /**
     * @param windows  each customer message opens the 24-hour window
     * @param receipts our messages by wamid, for Meta's statuses
     * @param tickets  where a status change is written on the ticket's timeline
     */
    WhatsAppIntake(TenantDirectory tenants, TicketIntake intake, OptOuts optOuts, MediaQueue media,
                   WhatsAppWindows windows, WhatsAppReceipts receipts, TicketStore tickets, Answers answers) {
        this.tenants = tenants;
        this.intake = intake;
        this.optOuts = optOuts;
        this.media = media;
        this.windows = windows;
        this.receipts = receipts;
        this.tickets = tickets;
        this.answers = answers;
    }

    /**
     * Meta's statuses of our messages, in any order: each only ever moves a message forward
     * (sent → delivered → read; failed keeps its error code), and a change is one line on the ticket.
     *
     * @return how many moved a message
     */
    int statuses(List<MetaWebhook.StatusUpdate> updates) {
        if (receipts == null) {
            return 0;
        }
        int applied = 0;
        for (MetaWebhook.StatusUpdate update : updates) {
            Optional<WhatsAppReceipts.Status> status = WhatsAppReceipts.Status.ofMeta(update.status());
            if (status.isEmpty()) {
                continue;
            }
            Optional<WhatsAppReceipts.Receipt> receipt = receipts.update(update.wamid(), status.get(), update.errorCode(),
                    update.at());
            if (receipt.isPresent() && receipt.get().moved()) {
                applied++;
                if (receipt.get().ticketId() != null) {
                    tickets.addEvent(receipt.get().tenantId(), receipt.get().ticketId(), new ch.opsfabric.ticket.TicketEvent(
                            update.at(), "whatsapp", status.get().name().toLowerCase(Locale.ROOT),
                            update.errorCode() == null ? null : "Fehler " + update.errorCode(), null,
                            receipt.get().idempotencyKey()));
                }
            }
        }
        return applied;
    }

    List<Outcome> receive(List<InboundWhatsApp> messages) {
        List<Outcome> outcomes = new ArrayList<>();
        for (InboundWhatsApp message : messages) {
            outcomes.add(receive(message));
        }
        return outcomes;
    }

    /** A Cloud API message: its tenant by the {@code phone_number_id} it was sent to. */
    Outcome receive(InboundWhatsApp message) {
        Optional<Tenant> found = tenants.byWhatsAppNumber(message.phoneNumberId()).filter(t -> t.has(Module.WHATSAPP));
        if (found.isEmpty()) {
            Log.warn("whatsapp.no_tenant", Map.of("phoneNumberId", message.phoneNumberId()));
            return new Skipped("unknown_number");
        }
        return receive(found.get(), message);
    }

    /** A message whose tenant is known (Twilio's: the business number it was sent to). */
    Outcome receive(Tenant tenant, InboundWhatsApp message) {
        if (!(PhoneNumbers.parse("+" + message.waId()) instanceof Phone.Number from)) {
            Log.warn("whatsapp.unusable_sender", Map.of("tenant", tenant.id()));
            return new Skipped("unusable_sender");
        }
        // the customer wrote: for 24 hours the business may answer freely
        windows.customerWrote(tenant.id(), from.e164(), message.at());
        String choice = message.choice() == null ? "" : message.choice().strip().toLowerCase(Locale.ROOT);
        if (STOP.contains(choice) || START.contains(choice)) {
            boolean out = STOP.contains(choice);
            if (out) {
                optOuts.optOut(tenant.id(), from.e164(), message.at());
            } else {
                optOuts.optIn(tenant.id(), from.e164());
            }
            Log.info(out ? "whatsapp.opted_out" : "whatsapp.opted_in", Map.of("tenant", tenant.id(), "from", from.masked()));
            return new OptedOut(out);
        }
        boolean menu = URGENT.contains(choice) || CALLBACK.contains(choice) || FORM.contains(choice);
        Urgency urgency = URGENT.contains(choice) ? Urgency.HIGH : Urgency.MEDIUM;
        ContactOutcome outcome = intake.record(tenant, new NewContact(tenant.id(), from, TicketSource.WHATSAPP, urgency,
                menu ? TicketStatus.NEEDS_CALLBACK : TicketStatus.NEW, message.profileName(), null, null, null,
                message.text(), Map.of(), message.at(), "wa:" + message.wamid()));
        // a retry answers again with the same keys: the sender sends each answer once
        Ticket ticket = outcome.ticket();
        if (URGENT.contains(choice)) {
            answers.urgent(tenant, ticket, message.wamid(), message.at());
        } else if (CALLBACK.contains(choice)) {
            answers.callback(tenant, ticket, message.wamid(), message.at());
        } else if (FORM.contains(choice)) {
            answers.formLink(tenant, ticket, message.wamid(), message.at());
        } else if (!outcome.joined() || outcome.duplicate() && ticket.contactCount() == 1) {
            answers.confirm(tenant, ticket, message.wamid(), message.at());
        }
        boolean queued = false;
        if (message.media() != null) {
            // also on a retry: the worker writes each file once, and the first try may have stopped before this
            media.enqueue(new MediaJob(tenant.id(), outcome.ticket().id(), message.wamid(), message.media().id(),
                    message.media().mimeType(), message.media().sha256(), message.media().filename(), message.media().url()));
            queued = true;
        }
        Log.info(outcome.duplicate() ? "whatsapp.duplicate" : outcome.joined() ? "whatsapp.joined" : "whatsapp.ticket",
                Map.of("tenant", tenant.id(), "ticket", outcome.ticket().id(), "from", from.masked(), "type", message.type()));
        return new Recorded(outcome.ticket(), outcome.joined(), outcome.duplicate(), queued);
    }
}
