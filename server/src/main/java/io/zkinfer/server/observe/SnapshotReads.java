package io.zkinfer.server.observe;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;

/**
 * Reads the node's own metrics back for the diagnostics service: the series whose labels match given name/value
 * pairs, merged. These collect a snapshot, so they are for occasional reads, never for the call path.
 */
final class SnapshotReads {

    private SnapshotReads() {
    }

    /**
     * The buckets of every series of {@code histogram} whose labels carry each of {@code nameValues} (name, value,
     * name, value, ...), merged; empty over {@code finiteBounds} when none matches.
     */
    static BucketCounts buckets(Histogram histogram, double[] finiteBounds, String... nameValues) {
        BucketCounts merged = BucketCounts.empty(finiteBounds);
        HistogramSnapshot snapshot = histogram.collect();
        for (HistogramSnapshot.HistogramDataPointSnapshot point : snapshot.getDataPoints()) {
            if (matches(point.getLabels(), nameValues)) {
                merged = merged.plus(toCounts(point));
            }
        }
        return merged;
    }

    /** The sum of every series of {@code counter} whose labels carry each of {@code nameValues}. */
    static double sum(Counter counter, String... nameValues) {
        double total = 0;
        CounterSnapshot snapshot = counter.collect();
        for (CounterSnapshot.CounterDataPointSnapshot point : snapshot.getDataPoints()) {
            if (matches(point.getLabels(), nameValues)) {
                total += point.getValue();
            }
        }
        return total;
    }

    private static BucketCounts toCounts(HistogramSnapshot.HistogramDataPointSnapshot point) {
        ClassicHistogramBuckets buckets = point.getClassicBuckets();
        double[] bounds = new double[buckets.size()];
        long[] counts = new long[buckets.size()];
        for (int i = 0; i < bounds.length; i++) {
            bounds[i] = buckets.getUpperBound(i);
            counts[i] = buckets.getCount(i);
        }
        return new BucketCounts(bounds, counts, point.hasSum() ? point.getSum() : 0);
    }

    private static boolean matches(Labels labels, String... nameValues) {
        for (int i = 0; i < nameValues.length; i += 2) {
            if (!nameValues[i + 1].equals(labels.get(nameValues[i]))) {
                return false;
            }
        }
        return true;
    }
}
