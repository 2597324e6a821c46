package io.zkinfer.server.observe;

import java.time.Duration;
import java.util.Arrays;

/**
 * A classic histogram read at one moment: ascending bucket upper bounds ending with +Inf, the number of observations
 * in each bucket (not cumulative), and their sum. Two readings of the same histogram subtract
 * ({@link #minus}) to the observations between them, which is how a caller gets percentiles over a recent window out
 * of counters that only grow.
 */
public final class BucketCounts {

    private final double[] upperBounds;
    private final long[] counts;
    private final double sum;

    BucketCounts(double[] upperBounds, long[] counts, double sum) {
        if (upperBounds.length == 0 || upperBounds.length != counts.length
                || upperBounds[upperBounds.length - 1] != Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("histogram buckets need one count per bound and a last bound of +Inf; got "
                    + upperBounds.length + " bounds and " + counts.length + " counts");
        }
        for (int i = 1; i < upperBounds.length; i++) {
            if (!(upperBounds[i] > upperBounds[i - 1])) {
                throw new IllegalArgumentException("histogram bucket bounds must ascend: " + Arrays.toString(upperBounds));
            }
        }
        this.upperBounds = upperBounds.clone();
        this.counts = counts.clone();
        this.sum = sum;
    }

    /** No observations, over {@code finiteBounds} and +Inf. */
    static BucketCounts empty(double[] finiteBounds) {
        double[] bounds = Arrays.copyOf(finiteBounds, finiteBounds.length + 1);
        bounds[finiteBounds.length] = Double.POSITIVE_INFINITY;
        return new BucketCounts(bounds, new long[bounds.length], 0);
    }

    /** Number of observations. */
    public long count() {
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        return total;
    }

    /** Sum of the observed values. */
    public double sum() {
        return sum;
    }

    /** Mean observed value; 0 when there is none. */
    public double mean() {
        long n = count();
        return n == 0 ? 0 : sum / n;
    }

    /**
     * The {@code q}-quantile estimated by linear interpolation inside the bucket holding rank {@code q·count} (the
     * first bucket's lower edge is 0); the highest finite bound when that bucket is the +Inf one; 0 when empty.
     *
     * @param q in (0, 1]
     */
    public double quantile(double q) {
        if (!(q > 0 && q <= 1)) {
            throw new IllegalArgumentException("quantile " + q + " is outside (0, 1]; the median is 0.5");
        }
        long total = count();
        if (total == 0) {
            return 0;
        }
        double rank = q * total;
        long below = 0;
        for (int i = 0; i < counts.length; i++) {
            long upTo = below + counts[i];
            if (upTo >= rank && counts[i] > 0) {
                if (i == counts.length - 1) {
                    return highestFiniteBound();
                }
                double lower = i == 0 ? 0 : upperBounds[i - 1];
                return lower + (upperBounds[i] - lower) * ((rank - below) / counts[i]);
            }
            below = upTo;
        }
        return highestFiniteBound();
    }

    /** The upper bound of the highest bucket holding an observation (the highest finite bound for +Inf); 0 when empty. */
    public double maxBound() {
        for (int i = counts.length - 1; i >= 0; i--) {
            if (counts[i] > 0) {
                return i == counts.length - 1 ? highestFiniteBound() : upperBounds[i];
            }
        }
        return 0;
    }

    /** P50, P95, P99 and the max bound, reading the observed values as seconds. */
    public LatencySummary toLatencySummary() {
        long n = count();
        if (n == 0) {
            return LatencySummary.EMPTY;
        }
        return new LatencySummary(n, seconds(quantile(0.50)), seconds(quantile(0.95)), seconds(quantile(0.99)),
                seconds(maxBound()));
    }

    /** The observations made after {@code earlier}, a reading of the same histogram. */
    public BucketCounts minus(BucketCounts earlier) {
        requireSameBounds(earlier);
        long[] diff = new long[counts.length];
        for (int i = 0; i < counts.length; i++) {
            diff[i] = counts[i] - earlier.counts[i];
            if (diff[i] < 0) {
                throw new IllegalArgumentException("the earlier reading has more observations in bucket le="
                        + upperBounds[i] + " than this one; pass the older reading as the argument");
            }
        }
        return new BucketCounts(upperBounds, diff, sum - earlier.sum);
    }

    /** The observations of both readings together (e.g. several label series of one histogram). */
    BucketCounts plus(BucketCounts other) {
        requireSameBounds(other);
        long[] both = counts.clone();
        for (int i = 0; i < both.length; i++) {
            both[i] += other.counts[i];
        }
        return new BucketCounts(upperBounds, both, sum + other.sum);
    }

    private void requireSameBounds(BucketCounts other) {
        if (!Arrays.equals(upperBounds, other.upperBounds)) {
            throw new IllegalArgumentException("readings of different histograms do not combine: "
                    + Arrays.toString(upperBounds) + " vs " + Arrays.toString(other.upperBounds));
        }
    }

    private double highestFiniteBound() {
        return upperBounds.length == 1 ? 0 : upperBounds[upperBounds.length - 2];
    }

    private static Duration seconds(double s) {
        return Duration.ofNanos(Math.round(s * 1e9));
    }
}
