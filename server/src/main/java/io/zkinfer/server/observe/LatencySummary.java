package io.zkinfer.server.observe;

import java.time.Duration;
import java.util.Objects;

/**
 * Percentiles of a set of timed calls, estimated from histogram buckets (the shape of the DiagnosticsService's
 * {@code LatencySummary}). Each percentile is interpolated linearly inside the bucket that holds its rank, as
 * Prometheus' {@code histogram_quantile} does, so it is exact to within that bucket; {@code max} is the upper bound
 * of the highest bucket that holds a call, so the longest call took at most that long. A rank that falls in the
 * open-ended last bucket reports the highest finite bound. All durations are zero when {@code count} is zero.
 *
 * @param count calls measured
 * @param p50   median estimate
 * @param p95   95th percentile estimate
 * @param p99   99th percentile estimate
 * @param max   upper bound of the longest call
 */
public record LatencySummary(long count, Duration p50, Duration p95, Duration p99, Duration max) {

    /** No calls. */
    public static final LatencySummary EMPTY =
            new LatencySummary(0, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO);

    public LatencySummary {
        if (count < 0) {
            throw new IllegalArgumentException("a latency summary counts " + count + " calls; a count is never negative");
        }
        Objects.requireNonNull(p50, "p50");
        Objects.requireNonNull(p95, "p95");
        Objects.requireNonNull(p99, "p99");
        Objects.requireNonNull(max, "max");
    }
}
