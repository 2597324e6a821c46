package io.zkinfer.server.access;

import io.zkinfer.server.grpc.ServiceException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Token buckets by name: one per API key, and one per key and model for a model's own limit. Each bucket is kept as
 * the single instant at which it will be full again (the generic cell rate algorithm, which is a token bucket in one
 * number): a call at {@code now} is allowed when that instant is at most {@code period - interval} ahead, and moves
 * it one interval further. A bucket whose instant has passed is full, so forgetting it changes nothing; idle buckets
 * are dropped whenever more than {@code maxBuckets} exist, which bounds memory. Thread-safe; each bucket is updated
 * atomically.
 */
public final class RateLimiter {

    /** How many buckets are kept by default before idle ones are dropped. */
    public static final int DEFAULT_MAX_BUCKETS = 100_000;

    private static final Logger LOG = LoggerFactory.getLogger(RateLimiter.class);

    /** Whether a call may go ahead and, if not, how long until it may. */
    public record Decision(boolean allowed, Duration retryAfter) {
        static final Decision ALLOWED = new Decision(true, Duration.ZERO);
    }

    /** The instant, in the clock's nanoseconds, at which a bucket is full again. Guarded by the map's bin lock. */
    private static final class Bucket {
        long fullAt;
    }

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final LongSupplier nanoClock;
    private final int maxBuckets;

    /** Buckets on {@link System#nanoTime()}, at most {@link #DEFAULT_MAX_BUCKETS} before idle ones are dropped. */
    public RateLimiter() {
        this(System::nanoTime, DEFAULT_MAX_BUCKETS);
    }

    /** Buckets on {@code nanoClock} (monotonic nanoseconds; tests pass one they move by hand). */
    public RateLimiter(LongSupplier nanoClock, int maxBuckets) {
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
        if (maxBuckets < 1) {
            throw new IllegalArgumentException("a rate limiter needs room for at least 1 bucket, not " + maxBuckets);
        }
        this.maxBuckets = maxBuckets;
    }

    /** The bucket name for an API key's own limit. */
    public static String keyBucket(String keyId) {
        return "key:" + keyId;
    }

    /** The bucket name for an API key's calls of one model. */
    public static String modelBucket(String keyId, String modelId) {
        return "model:" + modelId + ":key:" + keyId;
    }

    /** Takes a token from {@code bucket} under {@code limit} if one is there; says when to retry if not. */
    public Decision tryAcquire(String bucket, RateLimit limit) {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(limit, "limit");
        long interval = limit.intervalNanos();
        long tolerance = interval * (limit.permits() - 1);
        Decision[] decision = new Decision[1];
        buckets.compute(bucket, (name, b) -> {
            long now = nanoClock.getAsLong();
            Bucket current = b == null ? new Bucket() : b;
            long start = b == null || current.fullAt - now < 0 ? now : current.fullAt;
            long ahead = start - now;
            if (ahead > tolerance) {
                decision[0] = new Decision(false, Duration.ofNanos(ahead - tolerance));
            } else {
                current.fullAt = start + interval;
                decision[0] = Decision.ALLOWED;
            }
            return current;
        });
        if (buckets.size() > maxBuckets) {
            evictIdle();
        }
        return decision[0];
    }

    /**
     * Takes a token from {@code bucket}, or refuses with RESOURCE_EXHAUSTED naming {@code subject} (e.g. "API key
     * abc"), the limit, and when to retry.
     */
    public void acquire(String bucket, RateLimit limit, String subject) {
        Decision decision = tryAcquire(bucket, limit);
        if (!decision.allowed()) {
            throw ServiceException.exhausted("rate limit of " + limit + " for " + subject + " reached; retry in "
                    + describe(decision.retryAfter()));
        }
    }

    /**
     * Drops every full bucket (forgetting one changes nothing) and, if more than the maximum remain, the ones
     * nearest to full until a tenth of the room is free again. Returns how many were dropped.
     */
    public int evictIdle() {
        long now = nanoClock.getAsLong();
        int before = buckets.size();
        for (String name : List.copyOf(buckets.keySet())) {
            buckets.computeIfPresent(name, (n, b) -> b.fullAt - now <= 0 ? null : b);
        }
        if (buckets.size() > maxBuckets) {
            List<Map.Entry<String, Bucket>> busy = new ArrayList<>(buckets.entrySet());
            busy.sort(Comparator.comparingLong(e -> e.getValue().fullAt - now));
            int excess = busy.size() - (maxBuckets - maxBuckets / 10);
            for (int i = 0; i < excess; i++) {
                buckets.remove(busy.get(i).getKey());
            }
            LOG.warn("rate limiter holds more than {} busy buckets; dropped the {} nearest to full, which may let "
                    + "their callers burst early (raise the bucket limit if this repeats)", maxBuckets, excess);
        }
        return before - buckets.size();
    }

    /** How many buckets are held now. */
    public int size() {
        return buckets.size();
    }

    static String describe(Duration wait) {
        long millis = Math.max(1, (wait.toNanos() + 999_999) / 1_000_000);
        return millis < 10_000 ? millis + " ms" : (millis + 999) / 1000 + " s";
    }
}
