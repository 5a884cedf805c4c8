package ch.opsfabric.whatsapp;

import ch.opsfabric.log.Log;
import ch.opsfabric.messaging.OptOuts;
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

    WhatsAppIntake(TenantDirectory tenants, TicketIntake intake, OptOuts optOuts, MediaQueue media) {
        this.tenants = tenants;
        this.intake = intake;
        this.optOuts = optOuts;
        this.media = media;
    }

    List<Outcome> receive(List<InboundWhatsApp> messages) {
        List<Outcome> outcomes = new ArrayList<>();
        for (InboundWhatsApp message : messages) {
            outcomes.add(receive(message));
        }
        return outcomes;
    }

    Outcome receive(InboundWhatsApp message) {
        Optional<Tenant> found = tenants.byWhatsAppNumber(message.phoneNumberId()).filter(t -> t.has(Module.WHATSAPP));
        if (found.isEmpty()) {
            Log.warn("whatsapp.no_tenant", Map.of("phoneNumberId", message.phoneNumberId()));
            return new Skipped("unknown_number");
        }
        Tenant tenant = found.get();
        if (!(PhoneNumbers.parse("+" + message.waId()) instanceof Phone.Number from)) {
            Log.warn("whatsapp.unusable_sender", Map.of("tenant", tenant.id()));
            return new Skipped("unusable_sender");
        }
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
        Urgency urgency = URGENT.contains(choice) ? Urgency.HIGH : Urgency.MEDIUM;
        ContactOutcome outcome = intake.record(tenant, new NewContact(tenant.id(), from, TicketSource.WHATSAPP, urgency,
                TicketStatus.NEW, message.profileName(), null, null, null, message.text(), Map.of(), message.at(),
                "wa:" + message.wamid()));
        boolean queued = false;
        if (message.media() != null) {
            // also on a retry: the worker writes each file once, and the first try may have stopped before this
            media.enqueue(new MediaJob(tenant.id(), outcome.ticket().id(), message.wamid(), message.media().id(),
                    message.media().mimeType(), message.media().sha256(), message.media().filename()));
            queued = true;
        }
        Log.info(outcome.duplicate() ? "whatsapp.duplicate" : outcome.joined() ? "whatsapp.joined" : "whatsapp.ticket",
                Map.of("tenant", tenant.id(), "ticket", outcome.ticket().id(), "from", from.masked(), "type", message.type()));
        return new Recorded(outcome.ticket(), outcome.joined(), outcome.duplicate(), queued);
    }
}
