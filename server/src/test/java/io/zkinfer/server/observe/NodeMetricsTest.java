package io.zkinfer.server.observe;

import io.grpc.Status;
import io.zkinfer.api.v1.ExecutionPath;
import io.zkinfer.api.v1.ProofJobState;
import io.zkinfer.server.billing.Coin;
import io.zkinfer.server.billing.Money;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NodeMetricsTest {

    private static final String INFERENCE = "zkinfer.v1.InferenceService";

    private final NodeMetrics metrics = new NodeMetrics();

    private static long micros(double us) {
        return Math.round(us * 1_000);
    }

    @Test
    void rpcPercentilesLandInTheBucketsOfTheRecordedLatencies() {
        for (int i = 0; i < 900; i++) {
            metrics.recordRpc(INFERENCE, "Infer", Status.Code.OK, micros(800));        // (0.75 ms, 1 ms]
        }
        for (int i = 0; i < 60; i++) {
            metrics.recordRpc(INFERENCE, "Infer", Status.Code.OK, micros(4_500));      // (4 ms, 5 ms]
        }
        for (int i = 0; i < 40; i++) {
            metrics.recordRpc(INFERENCE, "Infer", Status.Code.UNAVAILABLE, micros(45_000)); // (40 ms, 50 ms]
        }
        LatencySummary summary = metrics.latency(INFERENCE, "Infer");
        assertEquals(1000, summary.count());
        // rank 500 is 500/900 of the way through (0.75 ms, 1 ms]
        assertEquals(750_000 + 250_000 * 500 / 900.0, summary.p50().toNanos(), 1);
        assertBetween(Duration.ofMillis(4), Duration.ofMillis(5), summary.p95());
        assertBetween(Duration.ofMillis(40), Duration.ofMillis(50), summary.p99());
        assertEquals(Duration.ofMillis(50), summary.max());
        assertEquals(960, metrics.rpcCount(INFERENCE, "Infer", Status.Code.OK));
        assertEquals(40, metrics.rpcCount(INFERENCE, "Infer", Status.Code.UNAVAILABLE));
        assertEquals(40, metrics.rpcErrors(INFERENCE, "Infer"));
        assertEquals(LatencySummary.EMPTY, metrics.latency(INFERENCE, "InferBatch"));
    }

    @Test
    void latencyBucketsCoverOneHundredMicrosecondsToOneMinute() {
        metrics.recordRpc(INFERENCE, "Infer", Status.Code.OK, micros(90));
        metrics.recordRpc(INFERENCE, "Infer", Status.Code.OK, 59_000_000_000L);
        BucketCounts buckets = metrics.latencyBuckets(INFERENCE, "Infer");
        assertEquals(0.0001, buckets.quantile(0.5), 1e-12);   // below the first bound: interpolated in [0, 100 µs]
        assertEquals(60.0, buckets.quantile(1.0), 1e-12);     // (50 s, 60 s]
        double[] bounds = BucketLayouts.latencySeconds();
        for (int i = 1; i < bounds.length; i++) {
            assertTrue(bounds[i] / bounds[i - 1] <= 1.5 + 1e-9, "buckets step by at most 1.5x: " + bounds[i]);
        }
        assertEquals(0.0001, bounds[0]);
        assertEquals(60, bounds[bounds.length - 1]);
    }

    @Test
    void inferenceLatencyIsKeptApartByModelAndProvenness() {
        metrics.recordInference("mnist", InferencePath.ONNX_RUNTIME_FLOAT, false, micros(300));
        metrics.recordInference("mnist", InferencePath.of(ExecutionPath.EXECUTION_PATH_INTEGER), false, micros(300));
        metrics.recordInference("mnist", InferencePath.INTEGER, true, 2_000_000_000L);
        metrics.recordInference("other", InferencePath.INTEGER, false, micros(300));
        metrics.inferenceFailed("mnist", Status.Code.INVALID_ARGUMENT);
        assertEquals(2, metrics.inferenceLatency("mnist", false).count());
        assertBetween(Duration.ofNanos(200_000), Duration.ofNanos(300_000), metrics.inferenceLatency("mnist", false).p99());
        assertEquals(1, metrics.inferenceLatency("mnist", true).count());
        assertEquals(1, metrics.inferenceFailures("mnist"));
        assertEquals(0, metrics.inferenceFailures("other"));
        assertThrows(IllegalArgumentException.class, () -> InferencePath.of(ExecutionPath.EXECUTION_PATH_UNSPECIFIED));
    }

    @Test
    void cacheHitRateIsInBasisPoints() {
        metrics.cacheHit("mnist");
        metrics.cacheHit("mnist");
        metrics.cacheHit("mnist");
        metrics.cacheMiss("mnist");
        metrics.cacheMiss("other");
        assertEquals(new CacheStats(3, 1), metrics.cacheStats("mnist"));
        assertEquals(7_500, metrics.cacheStats("mnist").hitRateBps());
        assertEquals(6_000, metrics.cacheStats().hitRateBps());
        assertEquals(0, metrics.cacheStats("never-called").hitRateBps());
    }

    @Test
    void proofQueueDepthReadsItsSupplierAndProofsCountByOutcome() {
        assertEquals(0, metrics.proofQueueDepth());
        AtomicInteger queue = new AtomicInteger(3);
        metrics.proofQueueDepth(queue::get);
        assertEquals(3, metrics.proofQueueDepth());
        queue.set(7);
        assertEquals(7, metrics.proofQueueDepth());

        metrics.recordProof("mnist", ProofOutcome.SUCCEEDED, 1_500_000_000L);
        metrics.recordProof("mnist", ProofOutcome.of(ProofJobState.PROOF_JOB_STATE_SUCCEEDED), 2_500_000_000L);
        metrics.recordProof("mnist", ProofOutcome.FAILED, 100_000_000L);
        assertEquals(2, metrics.proofJobs("mnist", ProofOutcome.SUCCEEDED));
        assertEquals(1, metrics.proofJobs("mnist", ProofOutcome.FAILED));
        LatencySummary proving = metrics.provingTime("mnist");
        assertEquals(2, proving.count(), "only proofs that succeeded time proving");
        assertBetween(Duration.ofSeconds(1), Duration.ofSeconds(5), proving.p50());
        assertThrows(IllegalArgumentException.class, () -> ProofOutcome.of(ProofJobState.PROOF_JOB_STATE_RUNNING));
    }

    @Test
    void revenueCountsSettledMinorUnitsPerCoinAndModel() {
        metrics.revenue(Money.zkc(1_500_000), "mnist");
        metrics.revenue(Money.zkc(1), "mnist");
        metrics.revenue(Money.of(250, Coin.of("USDC", 6)), "mnist");
        assertEquals(1_500_001, metrics.revenueMinorUnits("ZKC", "mnist"));
        assertEquals(250, metrics.revenueMinorUnits("USDC", "mnist"));
        assertEquals(0, metrics.revenueMinorUnits("ZKC", "other"));
        assertThrows(IllegalArgumentException.class, () -> metrics.revenue(Money.zkc(-5), "mnist"));
    }

    @Test
    void meanBatchSizeComesFromTheBatchHistogram() {
        assertEquals(0, metrics.meanBatchSize("mnist"));
        metrics.recordBatch("mnist", 4);
        metrics.recordBatch("mnist", 8);
        assertEquals(6.0, metrics.meanBatchSize("mnist"), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> metrics.recordBatch("mnist", 0));
    }

    @Test
    void everyNodeHasItsOwnRegistry() {
        NodeMetrics other = new NodeMetrics();
        assertNotSame(metrics.registry(), other.registry());
        other.recordRpc(INFERENCE, "Infer", Status.Code.OK, 1_000);
        assertEquals(0, metrics.rpcCount(INFERENCE, "Infer", Status.Code.OK));
    }

    static void assertBetween(Duration low, Duration high, Duration actual) {
        assertTrue(actual.compareTo(low) >= 0 && actual.compareTo(high) <= 0,
                actual + " is not within [" + low + ", " + high + "]");
    }
}
