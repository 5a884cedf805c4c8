package ch.opsfabric.testing.fakes;

import ch.opsfabric.intake.FormRefs;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Form-link tokens that live 14 days, like the stored ones. */
public final class InMemoryFormRefs implements FormRefs {

    private record Stored(FormRef ref, Instant validUntil) {
    }

    private final Map<String, Stored> tokens = new ConcurrentHashMap<>();

    @Override
    public String create(String tenantId, String ticketId, Instant now) {
        String token = UUID.randomUUID().toString().replace("-", "").substring(0, 22);
        tokens.put(token, new Stored(new FormRef(tenantId, ticketId), now.plus(Duration.ofDays(14))));
        return token;
    }

    @Override
    public Optional<FormRef> resolve(String token, Instant now) {
        return Optional.ofNullable(tokens.get(token)).filter(s -> !s.validUntil().isBefore(now)).map(Stored::ref);
    }
}
