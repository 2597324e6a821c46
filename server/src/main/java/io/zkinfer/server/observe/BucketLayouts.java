package io.zkinfer.server.observe;

import java.math.BigDecimal;

/**
 * The classic histogram bucket upper bounds the node's histograms use. Latency buckets step by at most 1.5× from
 * 100 µs to 60 s (1, 1.5, 2, 3, 4, 5, 7.5 per decade), so a quantile interpolated inside one bucket is off by less
 * than half the bucket's lower bound, and the 5 ms target of unproven inference is a bucket boundary.
 */
final class BucketLayouts {

    private BucketLayouts() {
    }

    /** Seconds, 100 µs to 60 s: the RPC and inference latency buckets (each bound the double nearest its decimal). */
    static double[] latencySeconds() {
        double[] steps = {1, 1.5, 2, 3, 4, 5, 7.5};
        double[] bounds = new double[5 * steps.length + 7];
        int i = 0;
        for (int exponent = -4; exponent <= 0; exponent++) {
            for (double step : steps) {
                bounds[i++] = BigDecimal.valueOf(step).scaleByPowerOfTen(exponent).doubleValue();
            }
        }
        for (double tail : new double[] {10, 15, 20, 30, 40, 50, 60}) {
            bounds[i++] = tail;
        }
        return bounds;
    }

    /** Seconds, 10 ms to 1 h: proof jobs, which take from milliseconds (tiny circuits) to an hour (large models). */
    static double[] provingSeconds() {
        return new double[] {0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 30, 60, 120, 300, 600, 1200, 1800, 3600};
    }

    /** Requests per batch formed by dynamic batching, 1 to 256. */
    static double[] batchSizes() {
        return new double[] {1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64, 96, 128, 192, 256};
    }
}
