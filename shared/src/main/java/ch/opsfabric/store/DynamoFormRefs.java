package ch.opsfabric.store;

import ch.opsfabric.intake.FormRefs;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The {@code ?ref=} tokens of the "3 = Online-Formular" link: random, unguessable, no personal
 * data in them; the item maps a token to its tenant and ticket for 14 days.
 */
public final class DynamoFormRefs implements FormRefs {

    public static final Duration LIFETIME = Duration.ofDays(14);

    private final SingleTable db;

    public DynamoFormRefs(SingleTable db) {
        this.db = db;
    }

    @Override
    public String create(String tenantId, String ticketId, Instant now) {
        return TicketLinks.create(db, Keys::formRef, tenantId, ticketId, now.plus(LIFETIME));
    }

    @Override
    public Optional<FormRef> resolve(String token, Instant now) {
        return TicketLinks.resolve(db, Keys::formRef, token)
                .filter(link -> !link.validUntil().isBefore(now))
                .map(link -> new FormRef(link.tenantId(), link.ticketId()));
    }
}
