package ch.opsfabric.messaging;

import java.util.List;

/**
 * One WhatsApp message as a provider sends it: free text (with reply buttons or without), or an
 * approved template with its body parameters.
 *
 * @param from     the tenant's WhatsApp Cloud API number id ({@code phone_number_id})
 * @param to       E.164
 * @param template null for free text
 */
public record WhatsAppMessage(String tenantId, String from, String to, String text, List<OutboundWhatsApp.Button> buttons,
                              Template template) {

    public WhatsAppMessage {
        buttons = buttons == null ? List.of() : List.copyOf(buttons);
    }

    /** @param language e.g. {@code de}; {@code parameters} fill the body's {{1}}, {{2}}, … */
    public record Template(String name, String language, List<String> parameters) {
        public Template {
            parameters = parameters == null ? List.of() : List.copyOf(parameters);
        }
    }
}
