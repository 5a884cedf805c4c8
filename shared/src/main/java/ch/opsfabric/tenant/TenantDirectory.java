package ch.opsfabric.tenant;

import ch.opsfabric.phone.Phone;
import ch.opsfabric.phone.PhoneNumbers;
import java.util.Optional;

/** Finds the tenant a request belongs to: by slug (pages, intake), business line (webhooks), API key (staff). */
public interface TenantDirectory {

    Optional<Tenant> byId(String tenantId);

    Optional<Tenant> bySlug(String slug);

    Optional<Tenant> byPhoneLine(String e164);

    Optional<Tenant> byApiKey(String apiKey);

    /** The tenant whose configured inbound e-mail address ({@code config.email.inboundAddress}) this is. */
    Optional<Tenant> byInboundAddress(String address);

    /** The tenant whose WhatsApp Cloud API number ({@code config.whatsapp.phoneNumberId}) this is. */
    Optional<Tenant> byWhatsAppNumber(String phoneNumberId);

    /**
     * The tenant a provider means by a business line as the provider wrote it ({@code 0041…},
     * {@code +41…}), if that tenant has {@code module} on; empty for anything else.
     */
    default Optional<Tenant> byLineWith(String rawLine, Module module) {
        if (PhoneNumbers.parse(rawLine) instanceof Phone.Number line) {
            return byPhoneLine(line.e164()).filter(t -> t.has(module));
        }
        return Optional.empty();
    }
}
