package io.zkinfer.server.registry;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Database rows this node read, kept for a while by key: a hit younger than the time to live is served without a
 * database read. This node's writes drop the rows they change; other nodes' writes show up once the cached row has
 * aged out.
 *
 * <p>A write tells the cache when it begins ({@link #beginWrite}) and when it has committed or failed
 * ({@link #endWrite}); each drops the rows the write changes. In between, no loaded row is cached, so once the write
 * committed no reader gets a row from before it: the rows cached before are gone, and none read during it was kept.
 * A row whose read started before a write began is not kept either (each begin and end counts as a write; a loaded
 * row is cached only if no write came between the start of its read and its caching).
 */
final class RowCache<T> {

    private final Clock clock;
    private final long timeToLiveMs;
    private final Map<String, Cached<T>> rows = new ConcurrentHashMap<>();
    /** Begins and ends of writes so far; guarded by {@code this}, like the puts into {@link #rows}. */
    private long writes;
    /** Writes begun and not yet ended; guarded by {@code this}. */
    private int writing;

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
            if (writes == writesBefore && writing == 0) {
                rows.put(key, new Cached<>(row, clock.millis()));
            }
        }
        return row;
    }

    /** A write that changes the rows whose key matches {@code keys} begins: they are dropped. */
    synchronized void beginWrite(Predicate<String> keys) {
        writes++;
        writing++;
        rows.keySet().removeIf(keys);
    }

    /** The write begun with {@code keys} committed or failed: rows cached again from here on are its own. */
    synchronized void endWrite(Predicate<String> keys) {
        if (writing == 0) {
            throw new IllegalStateException("endWrite without a beginWrite");
        }
        writes++;
        writing--;
        rows.keySet().removeIf(keys);
    }

    private synchronized long writes() {
        return writes;
    }

    private record Cached<T>(T value, long loadedMs) {
    }
}
