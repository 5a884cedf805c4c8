package ch.opsfabric.testing.fakes;

import ch.opsfabric.messaging.OptOuts;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Opted-out numbers per tenant. */
public final class InMemoryOptOuts implements OptOuts {

    private final Set<String> out = ConcurrentHashMap.newKeySet();

    @Override
    public boolean isOptedOut(String tenantId, String e164) {
        return out.contains(tenantId + "|" + e164);
    }

    @Override
    public boolean optOut(String tenantId, String e164, Instant at) {
        return out.add(tenantId + "|" + e164);
    }

    @Override
    public boolean optIn(String tenantId, String e164) {
        return out.remove(tenantId + "|" + e164);
    }
}
