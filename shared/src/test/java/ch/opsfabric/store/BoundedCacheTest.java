package ch.opsfabric.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class BoundedCacheTest {

    private final AtomicLong now = new AtomicLong();
    private final AtomicInteger loads = new AtomicInteger();
    private final BoundedCache<String, String> cache = new BoundedCache<>(3, 60, 2, 10, now::get);

    private String load(String key) {
        loads.incrementAndGet();
        return key.startsWith("known") ? key.toUpperCase() : null;
    }

    @Test
    void aHitIsServedUntilItIsTooOld() {
        assertEquals("KNOWN-A", cache.get("known-a", this::load));
        now.set(59);
        assertEquals("KNOWN-A", cache.get("known-a", this::load));
        assertEquals(1, loads.get());
        now.set(60);
        cache.get("known-a", this::load);
        assertEquals(2, loads.get(), "read again after 60 ticks");
    }

    @Test
    void theLeastRecentlyUsedHitGoesFirst() {
        cache.get("known-a", this::load);
        cache.get("known-b", this::load);
        cache.get("known-c", this::load);
        cache.get("known-a", this::load);
        cache.get("known-d", this::load);
        assertEquals(4, loads.get());
        cache.get("known-a", this::load);
        assertEquals(4, loads.get(), "a was used recently and stayed");
        cache.get("known-b", this::load);
        assertEquals(5, loads.get(), "b was the eldest and went");
    }

    @Test
    void missesAreBoundedAndCannotPushOutTenants() {
        cache.get("known-a", this::load);
        for (int i = 0; i < 10_000; i++) {
            assertNull(cache.get("unknown-" + i, this::load));
        }
        assertEquals(3, cache.size(), "one hit and the two newest misses");
        int before = loads.get();
        assertEquals("KNOWN-A", cache.get("known-a", this::load));
        assertEquals(before, loads.get(), "the tenant is still cached");
    }

    @Test
    void aMissIsRememberedBrieflyThenAskedAgain() {
        assertNull(cache.get("unknown", this::load));
        now.set(9);
        assertNull(cache.get("unknown", this::load));
        assertEquals(1, loads.get());
        now.set(10);
        assertNull(cache.get("unknown", this::load));
        assertEquals(2, loads.get());
    }
}
