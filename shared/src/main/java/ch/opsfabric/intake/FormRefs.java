package ch.opsfabric.intake;

import java.time.Instant;
import java.util.Optional;

/**
 * Tokens for the wizard link an SMS sends ({@code /{slug}/anfrage?ref=<token>}): the form then
 * knows the customer's phone and joins their ticket. A token names no person and expires.
 */
public interface FormRefs {

    record FormRef(String tenantId, String ticketId) {
    }

    String create(String tenantId, String ticketId, Instant now);

    Optional<FormRef> resolve(String token, Instant now);
}
