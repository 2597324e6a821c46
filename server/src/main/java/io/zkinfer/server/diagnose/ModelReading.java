package io.zkinfer.server.diagnose;

import io.zkinfer.server.observe.BucketCounts;
import io.zkinfer.server.observe.CacheStats;
import io.zkinfer.server.observe.NodeMetrics;
import java.util.Objects;

/**
 * One model's metrics read at one moment, cumulative since the node started: latency of unproven and proven calls,
 * proving time, batch sizes, failed calls and model-cache lookups. Two readings subtract ({@link #since}) to what
 * happened between them.
 *
 * @param unproven    latency of successful unproven inferences
 * @param proven      latency of successful proven inferences (the call, not its proof job)
 * @param proving     proving time of proof jobs that succeeded
 * @param batchSizes  sizes of the batches formed by dynamic batching
 * @param failures    inferences that ended in an error status
 * @param cacheHits   lookups that found the model loaded
 * @param cacheMisses lookups that had to load it
 */
public record ModelReading(BucketCounts unproven, BucketCounts proven, BucketCounts proving,
        BucketCounts batchSizes, long failures, long cacheHits, long cacheMisses) {

    public ModelReading {
        Objects.requireNonNull(unproven, "unproven");
        Objects.requireNonNull(proven, "proven");
        Objects.requireNonNull(proving, "proving");
        Objects.requireNonNull(batchSizes, "batchSizes");
    }

    /** Reads {@code model}'s series from {@code metrics} now (a snapshot per metric: not for the call path). */
    public static ModelReading of(NodeMetrics metrics, String model) {
        CacheStats cache = metrics.cacheStats(model);
        return new ModelReading(metrics.inferenceBuckets(model, false), metrics.inferenceBuckets(model, true),
                metrics.provingBuckets(model), metrics.batchSizeBuckets(model), metrics.inferenceFailures(model),
                cache.hits(), cache.misses());
    }

    /** What happened after {@code earlier} (a reading of the same model); all of this when it is null (node start). */
    public ModelReading since(ModelReading earlier) {
        if (earlier == null) {
            return this;
        }
        return new ModelReading(unproven.minus(earlier.unproven), proven.minus(earlier.proven),
                proving.minus(earlier.proving), batchSizes.minus(earlier.batchSizes), failures - earlier.failures,
                cacheHits - earlier.cacheHits, cacheMisses - earlier.cacheMisses);
    }

    /**
     * Whether nothing happened between {@code earlier} and this reading (null: the node's start, when all was zero).
     * The counts only grow, so equal totals mean equal buckets.
     */
    public boolean unchangedSince(ModelReading earlier) {
        if (earlier == null) {
            return calls() == 0 && proving.count() == 0 && batchSizes.count() == 0 && cacheHits == 0
                    && cacheMisses == 0;
        }
        return unproven.count() == earlier.unproven.count() && proven.count() == earlier.proven.count()
                && proving.count() == earlier.proving.count() && batchSizes.count() == earlier.batchSizes.count()
                && failures == earlier.failures && cacheHits == earlier.cacheHits
                && cacheMisses == earlier.cacheMisses;
    }

    /** Calls that ended: successful (proven or not) and failed. */
    public long calls() {
        return unproven.count() + proven.count() + failures;
    }

    /** The cache lookups as {@link CacheStats}. */
    public CacheStats cache() {
        return new CacheStats(cacheHits, cacheMisses);
    }
}
