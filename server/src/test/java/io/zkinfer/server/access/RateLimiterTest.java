package io.zkinfer.server.access;

import io.grpc.Status;
import io.zkinfer.server.grpc.ServiceException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RateLimiterTest {

    private final ManualTime time = new ManualTime(Instant.EPOCH);

    @Test
    void aFullBucketAllowsABurstOfItsPermitsThenOneCallPerInterval() {
        RateLimiter limiter = new RateLimiter(time.nanoClock(), 100);
        RateLimit limit = RateLimit.perMinute(3);
        for (int i = 0; i < 3; i++) {
            assertTrue(limiter.tryAcquire("k", limit).allowed(), "call " + i + " of the burst");
        }
        assertEquals(new RateLimiter.Decision(false, Duration.ofSeconds(20)), limiter.tryAcquire("k", limit));
        time.advance(Duration.ofSeconds(5));
        assertEquals(new RateLimiter.Decision(false, Duration.ofSeconds(15)), limiter.tryAcquire("k", limit),
                "a refused call takes no token");
        time.advance(Duration.ofSeconds(15));
        assertTrue(limiter.tryAcquire("k", limit).allowed());
        assertFalse(limiter.tryAcquire("k", limit).allowed());
        time.advance(Duration.ofMinutes(10));
        for (int i = 0; i < 3; i++) {
            assertTrue(limiter.tryAcquire("k", limit).allowed(), "an idle bucket fills to its permits, no more");
        }
        assertFalse(limiter.tryAcquire("k", limit).allowed());
    }

    @Test
    void bucketsAreIndependentAndAcquireRefusesWithWhenToRetry() {
        RateLimiter limiter = new RateLimiter(time.nanoClock(), 100);
        RateLimit limit = RateLimit.perSecond(1);
        limiter.acquire(RateLimiter.keyBucket("a"), limit, "API key a");
        limiter.acquire(RateLimiter.keyBucket("b"), limit, "API key b");
        limiter.acquire(RateLimiter.modelBucket("a", "mnist"), limit, "API key a on model mnist");
        ServiceException e = assertThrows(ServiceException.class,
                () -> limiter.acquire(RateLimiter.keyBucket("a"), limit, "API key a"));
        assertEquals(Status.Code.RESOURCE_EXHAUSTED, e.code());
        assertEquals("rate limit of 1 call per second for API key a reached; retry in 1000 ms", e.getMessage());
    }

    @Test
    void idleBucketsAreDroppedSoMemoryStaysBounded() {
        RateLimiter limiter = new RateLimiter(time.nanoClock(), 10);
        RateLimit limit = RateLimit.perMinute(60);
        for (int i = 0; i < 10; i++) {
            limiter.tryAcquire("k" + i, limit);
        }
        assertEquals(10, limiter.size());
        time.advance(Duration.ofSeconds(1));
        for (int i = 10; i < 30; i++) {
            limiter.tryAcquire("k" + i, limit);
            assertTrue(limiter.size() <= 10, "held " + limiter.size() + " buckets");
        }
        time.advance(Duration.ofSeconds(1));
        assertTrue(limiter.evictIdle() > 0);
        assertEquals(0, limiter.size(), "every bucket is full again after its interval");
    }

    @Test
    void whenEveryBucketIsBusyTheOnesNearestToFullGoFirst() {
        RateLimiter limiter = new RateLimiter(time.nanoClock(), 10);
        RateLimit limit = RateLimit.perMinute(1);
        for (int i = 0; i < 10; i++) {
            limiter.tryAcquire("k" + i, limit);
            time.advance(Duration.ofSeconds(1));
        }
        limiter.tryAcquire("newest", limit);
        assertEquals(9, limiter.size(), "trimmed to nine tenths of the room");
        assertFalse(limiter.tryAcquire("newest", limit).allowed(), "the newest bucket was kept");
        assertFalse(limiter.tryAcquire("k9", limit).allowed(), "a recently emptied bucket was kept");
        assertTrue(limiter.tryAcquire("k0", limit).allowed(), "the bucket nearest to full was dropped");
    }

    @Test
    void concurrentCallersGetExactlyThePermits() throws Exception {
        RateLimiter limiter = new RateLimiter(time.nanoClock(), 100);
        RateLimit limit = RateLimit.perMinute(1000);
        int threads = 8;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Callable<Integer> caller = () -> {
                    go.await();
                    int allowed = 0;
                    for (int i = 0; i < 500; i++) {
                        allowed += limiter.tryAcquire("shared", limit).allowed() ? 1 : 0;
                    }
                    return allowed;
                };
                results.add(pool.submit(caller));
            }
            go.countDown();
            int total = 0;
            for (Future<Integer> r : results) {
                total += r.get();
            }
            assertEquals(1000, total, "8 threads x 500 calls on a frozen clock");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void limitsAreValidatedAndReadAsWords() {
        assertEquals("600 calls per minute", RateLimit.perMinute(600).toString());
        assertEquals("1 call per second", RateLimit.perSecond(1).toString());
        assertEquals("5 calls per 1500 ms", new RateLimit(5, Duration.ofMillis(1500)).toString());
        assertEquals("a rate limit allows 0 calls; give 1 or more",
                assertThrows(IllegalArgumentException.class, () -> RateLimit.perMinute(0)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new RateLimit(1, Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> new RateLimit(2_000_000_000L, Duration.ofSeconds(1)));
        assertEquals("12 s", RateLimiter.describe(Duration.ofMillis(11_500)));
        assertEquals("1 ms", RateLimiter.describe(Duration.ofNanos(1)));
    }
}
