package ch.opsfabric.store;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * A small per-JVM cache with a size bound (least recently used goes first) and an age bound.
 * Keys may come from clients (slugs, API keys), so neither hits nor misses may grow without
 * bound: misses live in their own, smaller cache, so a flood of unknown keys cannot push the
 * real tenants out.
 */
final class BoundedCache<K, V> {

    private record Entry<V>(V value, long loadedAt) {
    }

    private final Lru<K, V> hits;
    private final Lru<K, V> misses;
    private final long hitNanos;
    private final long missNanos;
    private final LongSupplier nanoTime;

    /**
     * @param nanoTime {@link System#nanoTime} in production; a test moves its own
     */
    BoundedCache(int maxHits, long hitNanos, int maxMisses, long missNanos, LongSupplier nanoTime) {
        this.hits = new Lru<>(maxHits);
        this.misses = new Lru<>(maxMisses);
        this.hitNanos = hitNanos;
        this.missNanos = missNanos;
        this.nanoTime = nanoTime;
    }

    /** The cached value, or {@code loader}'s (null for "no such thing"), cached for next time. */
    V get(K key, Function<K, V> loader) {
        long now = nanoTime.getAsLong();
        synchronized (this) {
            Entry<V> hit = hits.get(key);
            if (hit != null && now - hit.loadedAt() < hitNanos) {
                return hit.value();
            }
            Entry<V> miss = misses.get(key);
            if (miss != null && now - miss.loadedAt() < missNanos) {
                return null;
            }
        }
        // loaded outside the lock: a slow read must not hold up every other lookup
        V loaded = loader.apply(key);
        synchronized (this) {
            if (loaded == null) {
                hits.remove(key);
                misses.put(key, new Entry<>(null, now));
            } else {
                misses.remove(key);
                hits.put(key, new Entry<>(loaded, now));
            }
        }
        return loaded;
    }

    synchronized void clear() {
        hits.clear();
        misses.clear();
    }

    synchronized int size() {
        return hits.size() + misses.size();
    }

    private static final class Lru<K, V> extends LinkedHashMap<K, Entry<V>> {
        private final int max;

        Lru(int max) {
            super(16, 0.75f, true);
            this.max = max;
        }

        @Override
        protected boolean removeEldestEntry(Map.Entry<K, Entry<V>> eldest) {
            return size() > max;
        }
    }
}
