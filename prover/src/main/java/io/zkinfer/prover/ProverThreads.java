package io.zkinfer.prover;

import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The prover's worker threads: one per available processor (at least two), daemon, shared by all proofs.
 * Independent MSMs and the QAP step run here side by side; kernels that parallelise internally (on the
 * common ForkJoin pool) still do so.
 */
final class ProverThreads {

    private static final ExecutorService POOL = Executors.newFixedThreadPool(
            Math.max(2, Runtime.getRuntime().availableProcessors()), new ThreadFactory() {
                private final AtomicInteger n = new AtomicInteger();

                @Override
                public Thread newThread(Runnable r) {
                    Thread t = new Thread(r, "zkinfer-prover-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }
            });

    private ProverThreads() {
    }

    static ExecutorService pool() {
        return POOL;
    }

    /** Waits for all; on the first failure cancels the rest and rethrows its cause unchecked. */
    static void awaitAll(List<Future<?>> futures) {
        try {
            for (Future<?> f : futures) {
                get(f);
            }
        } catch (RuntimeException | Error e) {
            for (Future<?> f : futures) {
                f.cancel(true);
            }
            throw e;
        }
    }

    /** The value of a finished or finishing task, with its own exception rethrown as is. */
    static <T> T get(Future<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while proving");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        }
    }
}
