package ch.opsfabric.mail;

import ch.opsfabric.crypto.Hashes;
import ch.opsfabric.messaging.EmailOutbox;
import ch.opsfabric.messaging.OutboundEmail;
import ch.opsfabric.messaging.SmsTemplates;
import ch.opsfabric.tenant.Tenant;
import ch.opsfabric.ticket.Ticket;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The e-mail that confirms a ticket: Sie-form, the reference in the subject, {@code Reply-To}
 * the tenant's inbound address and a {@code Message-ID} noted against the ticket, so the
 * customer's answer (even days later) joins the same ticket. Queued; no quiet hours apply.
 */
public final class EmailConfirmations {

    private final EmailOutbox outbox;
    private final MailThreads threads;
    private final SmsTemplates templates;
    private final MailSettings settings;

    public EmailConfirmations(EmailOutbox outbox, MailThreads threads, SmsTemplates templates, MailSettings settings) {
        this.outbox = outbox;
        this.threads = threads;
        this.templates = templates;
        this.settings = settings;
    }

    /**
     * @param to        the customer's address
     * @param inReplyTo the customer's {@code Message-ID} this answers; null for a form
     * @param cause     what is confirmed, unique per cause ({@code postmark:<id>}, {@code wizard:<ticket>}):
     *                  the same cause queues the same message, which the sender sends once
     */
    public void confirm(Tenant tenant, Ticket ticket, String to, String toName, String inReplyTo, String cause, Instant now) {
        String hash = Hashes.sha256Hex(tenant.id() + "|" + cause).substring(0, 24);
        String messageId = "<confirm." + hash + "@" + settings.messageIdDomain() + ">";
        threads.remember(tenant.id(), messageId, ticket.id(), now);
        Map<String, Object> scope = new HashMap<>();
        scope.put("business", tenant.name());
        scope.put("reference", ticket.reference());
        scope.put("name", toName == null || toName.isBlank() ? null : toName.strip());
        scope.put("within", within(tenant.config().slaResponse()));
        String phone = tenant.config().contactPhone();
        scope.put("phone", phone == null || phone.isBlank() ? null : ch.opsfabric.phone.PhoneNumbers.display(phone));
        String text = templates.render(SmsTemplates.Name.EMAIL_TICKET_CONFIRMATION, scope);
        outbox.enqueue(new OutboundEmail(tenant.id(), to, toName, tenant.name(), settings.tenantAddress(tenant),
                "Ihre Anfrage bei " + tenant.name() + " [" + ticket.reference() + "]", text, messageId, inReplyTo,
                "email_confirmation", "email-confirm:" + hash, ticket.id(), now));
    }

    /** "innert 2 Stunden" / "innert 30 Minuten": the tenant's promise in words. */
    static String within(Duration sla) {
        long minutes = sla.toMinutes();
        if (minutes % 60 == 0) {
            long hours = minutes / 60;
            return hours == 1 ? "innert einer Stunde" : "innert " + hours + " Stunden";
        }
        return "innert " + minutes + " Minuten";
    }
}
