package io.zkinfer.server.observe;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BucketCountsTest {

    private static final double INF = Double.POSITIVE_INFINITY;

    @Test
    void quantileInterpolatesInsideTheBucketHoldingTheRank() {
        BucketCounts counts = new BucketCounts(new double[] {1, 2, 4, INF}, new long[] {0, 10, 10, 0}, 50);
        assertEquals(20, counts.count());
        assertEquals(1.5, counts.quantile(0.25), 1e-12);    // rank 5 of the 10 in (1, 2]
        assertEquals(2.0, counts.quantile(0.5), 1e-12);     // rank 10: the top of (1, 2]
        assertEquals(3.8, counts.quantile(0.95), 1e-12);    // rank 19: 9/10 of the way through (2, 4]
        assertEquals(4.0, counts.quantile(1.0), 1e-12);
        assertEquals(4.0, counts.maxBound());
        assertEquals(2.5, counts.mean(), 1e-12);
    }

    @Test
    void theFirstBucketStartsAtZeroAndTheOpenBucketReportsTheHighestFiniteBound() {
        BucketCounts low = new BucketCounts(new double[] {1, 2, INF}, new long[] {4, 0, 0}, 1);
        assertEquals(0.5, low.quantile(0.5), 1e-12);
        BucketCounts high = new BucketCounts(new double[] {1, 2, INF}, new long[] {1, 0, 9}, 100);
        assertEquals(2.0, high.quantile(0.5));
        assertEquals(2.0, high.maxBound());
    }

    @Test
    void emptyReadsZeroEverywhere() {
        BucketCounts empty = BucketCounts.empty(new double[] {1, 2});
        assertEquals(0, empty.count());
        assertEquals(0, empty.quantile(0.99));
        assertEquals(0, empty.mean());
        assertEquals(LatencySummary.EMPTY, empty.toLatencySummary());
    }

    @Test
    void latencySummaryReadsSeconds() {
        BucketCounts counts = new BucketCounts(new double[] {0.001, 0.002, INF}, new long[] {0, 100, 0}, 0.15);
        LatencySummary summary = counts.toLatencySummary();
        assertEquals(100, summary.count());
        assertEquals(Duration.ofNanos(1_500_000), summary.p50());
        assertEquals(Duration.ofNanos(1_950_000), summary.p95());
        assertEquals(Duration.ofNanos(1_990_000), summary.p99());
        assertEquals(Duration.ofMillis(2), summary.max());
    }

    @Test
    void aLaterReadingMinusAnEarlierOneIsTheWindowBetween() {
        double[] bounds = {1, 2, INF};
        BucketCounts earlier = new BucketCounts(bounds, new long[] {10, 0, 0}, 5);
        BucketCounts later = new BucketCounts(bounds, new long[] {10, 4, 0}, 11);
        BucketCounts window = later.minus(earlier);
        assertEquals(4, window.count());
        assertEquals(1.5, window.mean(), 1e-12);
        assertEquals(1.5, window.quantile(0.5), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> earlier.minus(later));
        assertThrows(IllegalArgumentException.class,
                () -> later.minus(new BucketCounts(new double[] {1, INF}, new long[] {0, 0}, 0)));
    }

    @Test
    void malformedReadingsAndQuantilesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new BucketCounts(new double[] {1, 2}, new long[] {0, 0}, 0));
        assertThrows(IllegalArgumentException.class, () -> new BucketCounts(new double[] {2, 1, INF}, new long[3], 0));
        assertThrows(IllegalArgumentException.class, () -> new BucketCounts(new double[] {1, INF}, new long[3], 0));
        BucketCounts counts = BucketCounts.empty(new double[] {1});
        assertThrows(IllegalArgumentException.class, () -> counts.quantile(0));
        assertThrows(IllegalArgumentException.class, () -> counts.quantile(1.5));
    }
}
