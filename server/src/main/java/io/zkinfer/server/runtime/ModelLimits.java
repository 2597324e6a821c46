package io.zkinfer.server.runtime;

import io.zkinfer.api.v1.ServingSettings;
import io.zkinfer.server.grpc.ServiceException;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Per-model limits, so that one busy model cannot starve the others: at most {@code max_concurrency} calls of a
 * model run at once (the node's default when the version sets none), a call waits at most its inference timeout for
 * a turn, and a call that ran longer than the timeout is answered DEADLINE_EXCEEDED and not charged.
 */
public final class ModelLimits {

    private final int defaultConcurrency;
    private final Duration defaultTimeout;
    private final ConcurrentHashMap<String, Semaphore> permits = new ConcurrentHashMap<>();

    public ModelLimits(int defaultConcurrency, Duration defaultTimeout) {
        this.defaultConcurrency = defaultConcurrency;
        this.defaultTimeout = defaultTimeout;
    }

    /** A held turn of one call; close it when the call's work is done. */
    public interface Turn extends AutoCloseable {
        @Override
        void close();

        /** DEADLINE_EXCEEDED when the call has run past its timeout. */
        void requireInTime();
    }

    /** Waits for a turn of version {@code key} with {@code settings}; RESOURCE_EXHAUSTED when none comes in time. */
    public Turn enter(String key, ServingSettings settings) {
        int concurrency = settings.getMaxConcurrency() > 0 ? settings.getMaxConcurrency() : defaultConcurrency;
        Duration timeout = settings.hasInferenceTimeout() && (settings.getInferenceTimeout().getSeconds() > 0
                || settings.getInferenceTimeout().getNanos() > 0)
                ? Duration.ofSeconds(settings.getInferenceTimeout().getSeconds(),
                        settings.getInferenceTimeout().getNanos()) : defaultTimeout;
        Semaphore s = permits.computeIfAbsent(key + "#" + concurrency, k -> new Semaphore(concurrency, true));
        long start = System.nanoTime();
        try {
            if (!s.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                throw ServiceException.exhausted("model " + key + " is running its limit of " + concurrency
                        + " calls at once and none finished within " + timeout.toMillis() + " ms; retry with backoff");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ServiceException.unavailable("the node is stopping");
        }
        return new Turn() {
            private boolean open = true;

            @Override
            public void close() {
                if (open) {
                    open = false;
                    s.release();
                }
            }

            @Override
            public void requireInTime() {
                long ms = (System.nanoTime() - start) / 1_000_000;
                if (ms > timeout.toMillis()) {
                    throw new ServiceException(io.grpc.Status.Code.DEADLINE_EXCEEDED, "the inference took " + ms
                            + " ms, past model " + key + "'s timeout of " + timeout.toMillis()
                            + " ms; nothing was charged");
                }
            }
        };
    }
}
