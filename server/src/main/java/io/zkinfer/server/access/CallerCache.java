package io.zkinfer.server.access;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Recently authenticated keys, so that a busy key costs one database read per {@code ttl} instead of one per call.
 * Entries are keyed by the SHA-256 of the whole presented key (the plaintext is never held), live for {@code ttl},
 * and are dropped at once when the key is revoked through this node; a revocation on another node takes effect here
 * within {@code ttl}. At most {@code capacity} entries: a full cache first drops expired entries, then everything.
 */
final class CallerCache {

    private record Entry(Caller caller, long expiresAtMillis) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong revocations = new AtomicLong();
    private final Clock clock;
    private final long ttlMillis;
    private final int capacity;

    CallerCache(Clock clock, Duration ttl, int capacity) {
        if (ttl.isNegative()) {
            throw new IllegalArgumentException("API key cache time-to-live is " + ttl + "; give zero (no cache) or more");
        }
        if (capacity < 1) {
            throw new IllegalArgumentException("API key cache capacity is " + capacity + "; give 1 or more");
        }
        this.clock = clock;
        this.ttlMillis = ttl.toMillis();
        this.capacity = capacity;
    }

    /** The cached caller for the key whose hash is {@code keyHash}, if fresh. */
    Caller get(String keyHash) {
        Entry entry = entries.get(keyHash);
        if (entry == null) {
            return null;
        }
        if (clock.millis() >= entry.expiresAtMillis()) {
            entries.remove(keyHash, entry);
            return null;
        }
        return entry.caller();
    }

    /** A stamp to take before reading a key from the database and to hand to {@link #put}. */
    long stamp() {
        return revocations.get();
    }

    /**
     * Caches {@code caller}, read from the database after {@code stamp} was taken. If a key was revoked on this node
     * since, the entry is dropped again, so a read that raced a revocation is never served from the cache.
     */
    void put(String keyHash, Caller caller, long stamp) {
        if (ttlMillis == 0) {
            return;
        }
        long now = clock.millis();
        if (entries.size() >= capacity) {
            entries.values().removeIf(e -> now >= e.expiresAtMillis());
            if (entries.size() >= capacity) {
                entries.clear();
            }
        }
        Entry entry = new Entry(caller, now + ttlMillis);
        entries.put(keyHash, entry);
        if (revocations.get() != stamp) {
            entries.remove(keyHash, entry);
        }
    }

    /** Forgets every entry of {@code keyId}; call after its revocation has committed. */
    void invalidate(String keyId) {
        revocations.incrementAndGet();
        entries.values().removeIf(e -> e.caller().keyId().equals(keyId));
    }

    int size() {
        return entries.size();
    }
}
