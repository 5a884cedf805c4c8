package ch.opsfabric.emailintake;

import ch.opsfabric.attachment.AttachmentStore;
import ch.opsfabric.contact.Identifiers;
import ch.opsfabric.crypto.Hashes;
import ch.opsfabric.log.Log;
import ch.opsfabric.mail.EmailConfirmations;
import ch.opsfabric.mail.MailThreads;
import ch.opsfabric.messaging.OutboundSms;
import ch.opsfabric.messaging.SmsDispatch;
import ch.opsfabric.messaging.SmsKind;
import ch.opsfabric.messaging.SmsTemplates;
import ch.opsfabric.phone.Phone;
import ch.opsfabric.phone.PhoneNumbers;
import ch.opsfabric.tenant.Module;
import ch.opsfabric.tenant.Tenant;
import ch.opsfabric.ticket.ContactOutcome;
import ch.opsfabric.ticket.NewContact;
import ch.opsfabric.ticket.Ticket;
import ch.opsfabric.ticket.TicketEvent;
import ch.opsfabric.ticket.TicketIds;
import ch.opsfabric.ticket.TicketIntake;
import ch.opsfabric.ticket.TicketSource;
import ch.opsfabric.ticket.TicketStatus;
import ch.opsfabric.ticket.TicketStore;
import ch.opsfabric.ticket.Urgency;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * An e-mail to a tenant becomes (or joins) a ticket of the sender's contact: threaded by the
 * Message-IDs it answers or the reference in its subject, else the contact's ticket of the day;
 * its attachments kept; a new ticket answered once (by e-mail, or SMS where the tenant prefers
 * it). Auto-replies, bounces and bulk mail are at most a note and never answered. Postmark's
 * retry of the same mail changes nothing: the ticket refuses its id twice, notes and attachments
 * are written once, and the answer's idempotency key is the mail's.
 */
final class EmailIntake {

    /** API Gateway takes at most 10 MB per request; a bigger attachment cannot be one we were given whole. */
    static final long MAX_ATTACHMENT_BYTES = 10L * 1024 * 1024;
    static final int MAX_ATTACHMENTS = 10;
    /** Files a browser or mail client would run: never kept. */
    private static final Set<String> EXECUTABLE = Set.of("exe", "bat", "cmd", "com", "scr", "msi", "js", "vbs", "ps1",
            "jar", "sh", "app", "dll", "hta", "lnk");

    sealed interface Outcome {
    }

    /** A ticket got the mail. */
    record Recorded(Ticket ticket, boolean joined, boolean duplicate, boolean answered) implements Outcome {
    }

    /** Noise: noted on the ticket it answers (if any), nothing else. */
    record Ignored(MailNoise noise, String ticketId) implements Outcome {
    }

    private final Clock clock;
    private final TicketIntake intake;
    private final TicketStore tickets;
    private final MailThreads threads;
    private final AttachmentStore attachments;
    private final EmailConfirmations confirmations;
    private final SmsDispatch sms;
    private final SmsTemplates templates;
    private final String ownSender;

    /** @param ownSender the address our e-mails come from: mail from it is our own coming back */
    EmailIntake(Clock clock, TicketIntake intake, TicketStore tickets, MailThreads threads, AttachmentStore attachments,
                EmailConfirmations confirmations, SmsDispatch sms, SmsTemplates templates, String ownSender) {
        this.clock = clock;
        this.intake = intake;
        this.tickets = tickets;
        this.threads = threads;
        this.attachments = attachments;
        this.confirmations = confirmations;
        this.sms = sms;
        this.templates = templates;
        this.ownSender = ownSender;
    }

    Outcome receive(Tenant tenant, InboundEmail mail) {
        Instant now = clock.instant();
        Optional<Ticket> thread = thread(tenant, mail, now);
        MailNoise noise = MailNoise.of(mail, ownSender);
        if (noise != MailNoise.NONE) {
            // a note once per mail (its id claimed first), on the ticket it belongs to; never an answer
            String ticketId = thread.map(Ticket::id).orElse(null);
            if (ticketId != null && threads.remember(tenant.id(), noteKey(mail), ticketId, now)) {
                tickets.addEvent(tenant.id(), ticketId, TicketEvent.note(now, noise.label() + ": " + mail.subject()));
            }
            Log.info("email.noise", Map.of("tenant", tenant.id(), "kind", noise.name(), "threaded", ticketId != null));
            return new Ignored(noise, ticketId);
        }
        String body = MailText.of(mail);
        List<Phone.Number> phones = PhoneNumbers.findIn(body, 3);
        Phone.Number phone = phones.isEmpty() ? null : phones.get(0);
        String text = mail.subject().isBlank() ? body : mail.subject().strip() + "\n\n" + body;
        NewContact contact = new NewContact(tenant.id(), phone, TicketSource.EMAIL, Urgency.MEDIUM, TicketStatus.NEW,
                mail.fromName(), mail.from(), null, null, text, Map.of(), now, "postmark:" + mail.providerId());
        ContactOutcome outcome = thread.isPresent()
                ? intake.recordInto(tenant, thread.get(), contact)
                : intake.record(tenant, contact, phones.size() > 1 ? phones.subList(1, phones.size()) : List.of());
        Ticket ticket = outcome.ticket();
        if (mail.messageId() != null) {
            threads.remember(tenant.id(), mail.messageId(), ticket.id(), now);
        }
        ticket = keepAttachments(tenant, ticket, mail, now);
        boolean answered = false;
        // a new ticket is answered; a retry answers again with the same key, which the sender sends once
        boolean created = !outcome.joined() || outcome.duplicate() && ticket.contactCount() == 1
                && ticket.source() == TicketSource.EMAIL;
        if (created) {
            answered = answer(tenant, ticket, mail, now);
        }
        Log.info(outcome.duplicate() ? "email.duplicate" : outcome.joined() ? "email.joined" : "email.ticket",
                Map.of("tenant", tenant.id(), "ticket", ticket.id(), "from", Identifiers.maskAddress(mail.from()),
                        "threaded", thread.isPresent(), "attachments", mail.attachments().size()));
        return new Recorded(ticket, outcome.joined(), outcome.duplicate(), answered);
    }

    /** The ticket this mail answers: by the Message-IDs it names, else by the reference in its subject. */
    private Optional<Ticket> thread(Tenant tenant, InboundEmail mail, Instant now) {
        Optional<Ticket> byId = threads.ticketOf(tenant.id(), mail.threadIds())
                .flatMap(id -> tickets.find(tenant.id(), id));
        if (byId.isPresent()) {
            return byId;
        }
        // the reference in "[K-0112-BFQP]", as our confirmation's subject carries it
        Matcher m = TicketIds.REFERENCE.matcher(mail.subject());
        if (m.find()) {
            return tickets.findByReference(tenant.id(), m.group(), now.atZone(tenant.config().zone()).getYear());
        }
        return Optional.empty();
    }

    /**
     * Each attachment in the bucket under the tenant's prefix and the mail's id, then one line on
     * the ticket per file (kept or not, and why); the lines are written once, even when Postmark
     * sends the mail again.
     */
    private Ticket keepAttachments(Tenant tenant, Ticket ticket, InboundEmail mail, Instant now) {
        if (mail.attachments().isEmpty()) {
            return ticket;
        }
        String folder = "tenants/" + tenant.id() + "/email/" + Hashes.sha256Hex(mail.providerId()).substring(0, 24) + "/";
        Set<String> written = new java.util.HashSet<>();
        ticket.history().stream().filter(e -> "attachment".equals(e.type())).forEach(e -> written.add(e.text() + "|" + e.ref()));
        Ticket current = ticket;
        List<InboundEmail.Attachment> files = mail.attachments();
        for (int i = 0; i < files.size(); i++) {
            InboundEmail.Attachment file = files.get(i);
            String name = safeName(file.name());
            String why = refusal(file, i);
            String key = why == null ? folder + (i + 1) + "-" + name : null;
            String line = why == null
                    ? name + " (" + contentType(file.contentType()) + ", " + size(file.content().length) + ")"
                    : name + ": " + why;
            if (written.contains(line + "|" + key)) {
                continue;
            }
            if (key != null) {
                attachments.put(key, contentType(file.contentType()), file.content());
            }
            current = tickets.addEvent(tenant.id(), ticket.id(), TicketEvent.attachment(now, TicketSource.EMAIL, line, key));
        }
        return current;
    }

    /** Why a file is not kept, or null when it is. */
    private static String refusal(InboundEmail.Attachment file, int index) {
        if (index >= MAX_ATTACHMENTS) {
            return "nicht gespeichert, höchstens " + MAX_ATTACHMENTS + " Anhänge pro E-Mail";
        }
        if (file.content() == null || file.contentLength() > MAX_ATTACHMENT_BYTES
                || file.content().length > MAX_ATTACHMENT_BYTES) {
            return "nicht gespeichert, grösser als 10 MB";
        }
        String name = file.name().toLowerCase(Locale.ROOT);
        String extension = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1) : "";
        if (EXECUTABLE.contains(extension) || file.contentType().toLowerCase(Locale.ROOT).contains("executable")
                || file.contentType().toLowerCase(Locale.ROOT).contains("msdownload")) {
            return "nicht gespeichert, ausführbare Datei";
        }
        return null;
    }

    private boolean answer(Tenant tenant, Ticket ticket, InboundEmail mail, Instant now) {
        boolean bySms = "sms".equals(tenant.config().document().path("email").path("confirmBy").asText("email"));
        if (bySms && ticket.phone() != null && PhoneNumbers.isMobile(ticket.phone()) && tenant.has(Module.SMS)) {
            String text = templates.render(SmsTemplates.Name.TICKET_CONFIRMATION,
                    Map.of("business", tenant.name(), "reference", ticket.reference()));
            sms.send(tenant, new OutboundSms(tenant.id(), ticket.phone(), text, SmsKind.TICKET_CONFIRMATION,
                    Urgency.MEDIUM, "confirm:" + ticket.id() + ":" + Urgency.MEDIUM.name(), ticket.id(), now));
            return true;
        }
        confirmations.confirm(tenant, ticket, mail.from(), mail.fromName(), mail.messageId(),
                "postmark:" + mail.providerId(), now);
        return true;
    }

    /** The claim that keeps a noise note to one per mail. */
    private static String noteKey(InboundEmail mail) {
        return mail.messageId() != null ? mail.messageId() : "<postmark." + mail.providerId() + "@inbound>";
    }

    static String safeName(String name) {
        String base = name.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1);
        String clean = base.replaceAll("[^A-Za-z0-9._-]", "_").replaceAll("^\\.+", "");
        if (clean.isBlank()) {
            clean = "anhang";
        }
        return clean.length() > 80 ? clean.substring(clean.length() - 80) : clean;
    }

    private static String contentType(String declared) {
        String type = declared.strip().toLowerCase(Locale.ROOT);
        return type.matches("[a-z0-9.+-]{1,40}/[a-z0-9.+-]{1,80}") ? type : "application/octet-stream";
    }

    private static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return (bytes / 1024) + " KB";
        }
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }
}
