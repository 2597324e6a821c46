package io.zkinfer.server.registry;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Database rows this node read, kept for a while by key: a hit younger than the time to live is served without a
 * database read. This node's writes {@link #forget} the rows they change; other nodes' writes show up once the
 * cached row has aged out.
 *
 * <p>A read that raced a write is not kept: a row read before another thread's write committed would otherwise be
 * cached after that write's {@link #forget}, and the stale row served until it aged out. Each forget counts as a
 * write; a loaded row is cached only if no write came between the start of its read and its caching.
 */
final class RowCache<T> {

    private final Clock clock;
    private final long timeToLiveMs;
    private final Map<String, Cached<T>> rows = new ConcurrentHashMap<>();
    /** Forgets so far; guarded by {@code this}, like the puts into {@link #rows}. */
    private long writes;

    RowCache(Clock clock, long timeToLiveMs) {
        this.clock = clock;
        this.timeToLiveMs = timeToLiveMs;
    }

    /** The row of {@code key}: the cached one while it is fresh, else {@code load}'s (cached unless raced). */
    T get(String key, Supplier<T> load) {
        Cached<T> hit = rows.get(key);
        if (hit != null && clock.millis() - hit.loadedMs() < timeToLiveMs) {
            return hit.value();
        }
        long writesBefore = writes();
        T row = load.get();
        synchronized (this) {
            if (writes == writesBefore) {
                rows.put(key, new Cached<>(row, clock.millis()));
            }
        }
        return row;
    }

    /** Drops the rows whose key matches: a write changed them. */
    synchronized void forget(Predicate<String> keys) {
        writes++;
        rows.keySet().removeIf(keys);
    }

    private synchronized long writes() {
        return writes;
    }

    private record Cached<T>(T value, long loadedMs) {
    }
}
