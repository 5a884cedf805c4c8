package ch.opsfabric.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When a customer last wrote to a tenant on WhatsApp: Meta lets a business send free text (and
 * buttons) only within 24 hours of it, templates only after.
 */
public interface WhatsAppWindows {

    /** Meta's customer-service window. */
    Duration WINDOW = Duration.ofHours(24);

    void customerWrote(String tenantId, String e164, Instant at);

    /** Empty when the customer never wrote on WhatsApp (or so long ago that it was forgotten). */
    Optional<Instant> lastCustomerMessage(String tenantId, String e164);

    static boolean open(Optional<Instant> last, Instant now) {
        return last.isPresent() && !now.isAfter(last.get().plus(WINDOW));
    }

    /** For functions of tenants without WhatsApp and for tests: nobody ever wrote. */
    WhatsAppWindows NONE = new WhatsAppWindows() {
        @Override
        public void customerWrote(String tenantId, String e164, Instant at) {
            throw new IllegalStateException("this function records no WhatsApp windows");
        }

        @Override
        public Optional<Instant> lastCustomerMessage(String tenantId, String e164) {
            return Optional.empty();
        }
    };
}
