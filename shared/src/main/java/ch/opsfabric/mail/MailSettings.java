package ch.opsfabric.mail;

import java.util.Locale;

/**
 * The deployment's e-mail addresses.
 *
 * @param inboundAddress  the inbound server's address, e.g. {@code <hash>@inbound.postmarkapp.com}; each tenant
 *                        receives at its plus-address {@code <hash>+<slug>@…} (Postmark's {@code MailboxHash})
 * @param messageIdDomain the right-hand side of the {@code Message-ID}s we make
 */
public record MailSettings(String inboundAddress, String messageIdDomain) {

    public MailSettings {
        if (inboundAddress == null || inboundAddress.indexOf('@') < 1) {
            throw new IllegalArgumentException("inboundAddress must be an address");
        }
        if (messageIdDomain == null || messageIdDomain.isBlank()) {
            throw new IllegalArgumentException("messageIdDomain is required");
        }
    }

    /** Where a tenant's customers write: its own configured address, else its plus-address. */
    public String tenantAddress(ch.opsfabric.tenant.Tenant tenant) {
        String configured = tenant.config().document().path("email").path("inboundAddress").asText("");
        if (!configured.isBlank()) {
            return configured.toLowerCase(Locale.ROOT);
        }
        int at = inboundAddress.indexOf('@');
        return inboundAddress.substring(0, at) + "+" + tenant.slug() + inboundAddress.substring(at);
    }
}
