package ch.opsfabric.messaging;

import ch.opsfabric.tenant.Module;
import ch.opsfabric.tenant.Tenant;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which customer messages go by WhatsApp instead of SMS: for a tenant with {@code whatsapp} on, to a
 * customer who has written on WhatsApp, when Meta would carry it — inside the 24-hour window any
 * answer, outside it only a purpose with an approved template in the tenant's config. Review
 * requests are marketing and never go this way (no recorded opt-in yet); alerts and codes to staff
 * neither. The sender decides again when it sends, and falls back to the SMS.
 */
public final class WhatsAppRouting {

    /** The missed-call menu as reply buttons: their ids are what the WhatsApp intake understands. */
    public static final List<OutboundWhatsApp.Button> MENU = List.of(
            new OutboundWhatsApp.Button("menu_urgent", "Dringend"),
            new OutboundWhatsApp.Button("menu_callback", "Rückruf"),
            new OutboundWhatsApp.Button("menu_form", "Formular"));

    /** Answers and updates a customer may get on WhatsApp, with their template purpose in the config. */
    private static final Map<SmsKind, String> PURPOSES = Map.of(
            SmsKind.TICKET_CONFIRMATION, "confirmation",
            SmsKind.REPLY_ACKNOWLEDGEMENT, "confirmation",
            SmsKind.MISSED_CALL_MENU, "confirmation",
            SmsKind.STATUS_UPDATE, "status_update",
            SmsKind.STAFF_REPLY, "status_update");

    private final WhatsAppWindows windows;
    private final WhatsAppOutbox outbox;

    public WhatsAppRouting(WhatsAppWindows windows, WhatsAppOutbox outbox) {
        this.windows = windows;
        this.outbox = outbox;
    }

    /** No WhatsApp at all: every message stays an SMS. */
    public static final WhatsAppRouting NONE = new WhatsAppRouting(WhatsAppWindows.NONE, message -> {
        throw new IllegalStateException("this function sends no WhatsApp messages");
    });

    /** The config purpose of a kind ({@code confirmation}, {@code status_update}), or null when it never goes by WhatsApp. */
    public static String purpose(SmsKind kind) {
        return PURPOSES.get(kind);
    }

    /** The tenant's approved template for a purpose: {@code {"name","language"}} under {@code whatsapp.templates}. */
    public static Optional<com.fasterxml.jackson.databind.JsonNode> template(Tenant tenant, String purpose) {
        com.fasterxml.jackson.databind.JsonNode t = tenant.config().document().path("whatsapp").path("templates").path(purpose);
        return t.path("name").isTextual() ? Optional.of(t) : Optional.empty();
    }

    public static boolean enabled(Tenant tenant) {
        return tenant.has(Module.WHATSAPP)
                && !tenant.config().document().path("whatsapp").path("phoneNumberId").asText("").isBlank();
    }

    /** @return true when the message was queued for WhatsApp (it carries its SMS as the fallback) */
    boolean tryRoute(Tenant tenant, OutboundSms sms, Instant now) {
        String purpose = purpose(sms.kind());
        if (purpose == null || !enabled(tenant)) {
            return false;
        }
        Optional<Instant> last = windows.lastCustomerMessage(tenant.id(), sms.to());
        if (last.isEmpty() || !WhatsAppWindows.open(last, now) && template(tenant, purpose).isEmpty()) {
            return false;
        }
        boolean menu = sms.kind() == SmsKind.MISSED_CALL_MENU;
        String text = menu ? tenant.name() + ": Wir haben Ihren Anruf verpasst. Wie dürfen wir Ihnen helfen?" : sms.text();
        outbox.enqueue(new OutboundWhatsApp(sms.tenantId(), sms.to(), sms.kind(), sms.urgency(), text,
                menu ? MENU : List.of(), sms.text(), "wa:" + sms.idempotencyKey(), sms.ticketId(), sms.createdAt()));
        return true;
    }
}
