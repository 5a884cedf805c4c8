package ch.opsfabric.whatsapp;

import ch.opsfabric.intake.FormRefs;
import ch.opsfabric.messaging.OutboundSms;
import ch.opsfabric.messaging.SmsDispatch;
import ch.opsfabric.messaging.SmsKind;
import ch.opsfabric.messaging.SmsTemplates;
import ch.opsfabric.tenant.Module;
import ch.opsfabric.tenant.Tenant;
import ch.opsfabric.ticket.Ticket;
import ch.opsfabric.ticket.Urgency;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The SMS texts, sent through the dispatch: to a customer who just wrote on WhatsApp they go by
 * WhatsApp ({@link ch.opsfabric.messaging.WhatsAppRouting}), the owner's alert by SMS.
 */
final class WhatsAppAnswers implements WhatsAppIntake.Answers {

    private final SmsDispatch sms;
    private final SmsTemplates templates;
    private final FormRefs formRefs;
    private final String publicBaseUrl;

    WhatsAppAnswers(SmsDispatch sms, SmsTemplates templates, FormRefs formRefs, String publicBaseUrl) {
        this.sms = sms;
        this.templates = templates;
        this.formRefs = formRefs;
        this.publicBaseUrl = publicBaseUrl;
    }

    @Override
    public void confirm(Tenant tenant, Ticket ticket, String wamid, Instant at) {
        send(tenant, ticket, SmsTemplates.Name.TICKET_CONFIRMATION, SmsKind.TICKET_CONFIRMATION,
                "confirm:" + ticket.id() + ":" + ticket.urgency().name(), Map.of("reference", ticket.reference()), at);
    }

    @Override
    public void urgent(Tenant tenant, Ticket ticket, String wamid, Instant at) {
        String owner = tenant.config().ownerMobile();
        if (owner != null) {
            Map<String, Object> scope = new HashMap<>();
            scope.put("reference", ticket.reference());
            scope.put("phone", ticket.phone());
            if (ticket.name() != null) {
                scope.put("name", ticket.name());
            }
            sms.send(tenant, new OutboundSms(tenant.id(), owner, templates.render(SmsTemplates.Name.URGENT_ALERT, scope),
                    SmsKind.URGENT_ALERT, Urgency.HIGH, "alert:wa:" + wamid, ticket.id(), at));
        }
        send(tenant, ticket, SmsTemplates.Name.URGENT_CONFIRMATION, SmsKind.REPLY_ACKNOWLEDGEMENT, "reply:wa:" + wamid,
                Map.of(), at);
    }

    @Override
    public void callback(Tenant tenant, Ticket ticket, String wamid, Instant at) {
        send(tenant, ticket, SmsTemplates.Name.CALLBACK_CONFIRMATION, SmsKind.REPLY_ACKNOWLEDGEMENT, "reply:wa:" + wamid,
                Map.of(), at);
    }

    @Override
    public void formLink(Tenant tenant, Ticket ticket, String wamid, Instant at) {
        if (!tenant.has(Module.WIZARD)) {
            callback(tenant, ticket, wamid, at);
            return;
        }
        String link = publicBaseUrl + "/" + tenant.slug() + "/anfrage?ref=" + formRefs.create(tenant.id(), ticket.id(), at);
        send(tenant, ticket, SmsTemplates.Name.FORM_LINK, SmsKind.REPLY_ACKNOWLEDGEMENT, "reply:wa:" + wamid,
                Map.of("link", link), at);
    }

    private void send(Tenant tenant, Ticket ticket, SmsTemplates.Name template, SmsKind kind, String key,
                      Map<String, String> extra, Instant at) {
        Map<String, Object> scope = new HashMap<>(extra);
        scope.put("business", tenant.name());
        sms.send(tenant, new OutboundSms(tenant.id(), ticket.phone(), templates.render(template, scope), kind,
                ticket.urgency(), key, ticket.id(), at));
    }
}
