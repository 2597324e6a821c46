package io.zkinfer.server.runtime;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SharedSessionTest {

    /** A session that counts how often sessions were opened and closed. */
    static final class Counted implements AutoCloseable {
        static final AtomicInteger OPENED = new AtomicInteger();
        final AtomicInteger closed = new AtomicInteger();

        Counted() {
            OPENED.incrementAndGet();
        }

        @Override
        public void close() {
            closed.incrementAndGet();
        }
    }

    @Test
    void opensOnFirstUseSharesTheSessionAndClosesItOnce() {
        SharedSession<Counted> shared = new SharedSession<>(Counted::new);
        assertFalse(shared.isOpen(), "nothing is opened before the first call");
        Counted first = shared.use(s -> s);
        assertSame(first, shared.use(s -> s), "calls share one session");
        shared.close();
        assertFalse(shared.isOpen());
        assertEquals(1, first.closed.get());
        shared.close();
        assertEquals(1, first.closed.get(), "closing twice closes once");
    }

    @Test
    void aRunningCallKeepsTheSessionOpenUntilItEnds() throws Exception {
        SharedSession<Counted> shared = new SharedSession<>(Counted::new);
        CountDownLatch inCall = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Counted> call = pool.submit(() -> shared.use(s -> {
                inCall.countDown();
                await(release);
                assertEquals(0, s.closed.get(), "the session is open while the call runs");
                return s;
            }));
            assertTrue(inCall.await(10, TimeUnit.SECONDS));
            shared.close();
            assertTrue(shared.isOpen(), "closed only when the running call ends");
            release.countDown();
            Counted used = call.get(10, TimeUnit.SECONDS);
            assertEquals(1, used.closed.get());
            assertFalse(shared.isOpen());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aCallAfterTheCloseOpensASessionForItselfAndClosesIt() {
        SharedSession<Counted> shared = new SharedSession<>(Counted::new);
        shared.use(s -> s);
        shared.close();
        int opened = Counted.OPENED.get();
        Counted late = shared.use(s -> s);
        assertEquals(opened + 1, Counted.OPENED.get());
        assertEquals(1, late.closed.get(), "closed as soon as the late call ended");
        assertFalse(shared.isOpen());
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(10, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
