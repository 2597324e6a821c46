package io.zkinfer.prover;

import io.zkinfer.algebra.progress.Progress;

import java.util.Objects;

/**
 * The running sum of finished work units of one setup or proof, forwarded to a {@link Progress} listener under a
 * lock, so that steps finishing on worker threads report a {@code done} that never decreases and never exceeds
 * {@code total}. The units are estimates of relative cost (one G1 point addition chain per scalar, three for G2);
 * they steer the listener's time estimate, not the result.
 */
final class ProgressTally {

    private final Progress listener;
    private final long total;
    private long done;

    ProgressTally(Progress listener, long total) {
        this.listener = Objects.requireNonNull(listener, "progress");
        this.total = Math.max(1, total);
    }

    /** Reports {@code phase} as started without advancing. */
    synchronized void start(String phase) {
        listener.update(phase, done, total);
    }

    /** Adds {@code units} finished in {@code phase} (clamped to the total) and reports. */
    synchronized void advance(String phase, long units) {
        done = Math.min(total, done + Math.max(0, units));
        listener.update(phase, done, total);
    }

    /** Reports the operation complete. */
    synchronized void finish(String phase) {
        done = total;
        listener.update(phase, done, total);
    }
}
