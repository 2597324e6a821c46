package io.zkinfer.algebra.msm;

import java.util.concurrent.ForkJoinPool;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * The bucket method (Pippenger; Bernstein, Doumen, Lange, Oosterwijk) with signed digits, on limb
 * buffers, for any curve given by a {@link JacobianKernel}.
 *
 * <p>Each scalar is split into W windows of c bits (W from the largest scalar's bit length, c from a
 * cost model), recoded to digits in (−2^{c−1}, 2^{c−1}] so that only 2^{c−1} buckets per window are
 * needed (a negative digit adds −P, which is free). Window j sums its points into buckets by |digit|
 * — with batch-affine additions ({@link AffineBuckets}) for large inputs, mixed Jacobian+affine
 * additions otherwise — then reduces the buckets with the running-sum trick
 * Σ k·B_k = Σ_k Σ_{i≥k} B_i; the window sums are combined by Horner's rule with c doublings between
 * windows. Windows (and, on many cores, point ranges within a window) are independent tasks on the
 * common ForkJoinPool; each owns its buckets and kernel.
 */
final class Pippenger {
    /** BN254 r < 2^254. */
    static final int SCALAR_BITS = 254;
    /** Below this many non-zero terms the work stays on the calling thread. */
    private static final int PARALLEL_THRESHOLD = 512;
    private static final int MAX_WINDOW = 15;
    /** From this many terms on, buckets are kept affine and filled by batch-affine additions. */
    static final int BATCH_AFFINE_MIN_TERMS = 1024;
    /** From this many terms with scalar 1 on, they are summed apart ({@link #pointSum}). */
    static final int ONES_MIN_TERMS = 512;
    /** Largest batch of affine additions sharing one inversion. */
    private static final int BATCH = 1024;
    /** With fewer buckets a batch would hold too few distinct ones: such windows use Jacobian buckets. */
    private static final int MIN_AFFINE_BUCKETS = 64;

    private Pippenger() {
    }

    /**
     * Σ sᵢ·Pᵢ as a Jacobian point (3 elements) for the terms in {@code active}.
     *
     * @param kernels  a fresh kernel per worker
     * @param e        longs per field element
     * @param bases    affine points, 2e longs each (x, y), Montgomery limbs
     * @param scalars  canonical scalars, 4 little-endian limbs each, all &lt; r
     * @param active   indices of the terms with a non-zero scalar and a finite base
     * @param m        number of valid entries in {@code active}
     */
    static long[] run(Supplier<JacobianKernel> kernels, int e, long[] bases, long[] scalars, int[] active, int m) {
        int pointLimbs = 3 * e;
        long[] result = new long[pointLimbs];
        // a parallel stream runs on the common pool's workers and the calling thread
        int workers = Math.min(Runtime.getRuntime().availableProcessors(), ForkJoinPool.getCommonPoolParallelism() + 1);
        int ones = countOnes(scalars, active, m);
        if (ones >= ONES_MIN_TERMS) {
            // witnesses are often full of bits: Σ P over the terms with scalar 1 costs one batch-affine
            // addition each, without crowding bucket 1 of window 0
            int[] rest = new int[m - ones];
            int[] unit = new int[ones];
            int r = 0;
            int u = 0;
            for (int i = 0; i < m; i++) {
                int o = active[i] << 2;
                if (scalars[o] == 1 && (scalars[o + 1] | scalars[o + 2] | scalars[o + 3]) == 0) {
                    unit[u++] = active[i];
                } else {
                    rest[r++] = active[i];
                }
            }
            long[] unitSum = pointSum(kernels, bases, unit, workers);
            long[] restSum = run(kernels, e, bases, scalars, rest, rest.length);
            JacobianKernel k = kernels.get();
            k.add(restSum, 0, unitSum, 0);
            return restSum;
        }
        if (m == 0) {
            return result;
        }
        int bits = maxBits(scalars, active, m);
        int c = windowBits(m, bits);
        int windows = bits / c + 1;
        if ((long) windows * m > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("MSM of " + m + " non-zero terms is too large for one call"
                    + " (the digit table would exceed 2^31 entries); split it into sums of at most 2^26 terms");
        }
        short[] digits = new short[windows * m]; // |d| ≤ 2^(c−1) ≤ 2^14 fits a short
        boolean par = m >= PARALLEL_THRESHOLD && workers > 1;
        int parallelism = par ? workers : 1;
        forEach(par ? 4 * parallelism : 1, par, chunk -> {
            int chunks = par ? 4 * parallelism : 1;
            int from = (int) ((long) m * chunk / chunks);
            int to = (int) ((long) m * (chunk + 1) / chunks);
            recode(scalars, active, from, to, m, c, windows, digits);
        });

        int splits = par ? Math.max(1, (2 * parallelism + windows - 1) / windows) : 1;
        long[][] partial = new long[windows * splits][];
        forEach(windows * splits, par, task -> {
            int window = task / splits;
            int split = task % splits;
            int from = (int) ((long) m * split / splits);
            int to = (int) ((long) m * (split + 1) / splits);
            JacobianKernel kernel = kernels.get();
            int buckets = bucketCount(bits, c, window);
            partial[task] = useAffineBuckets(m, buckets)
                    ? affineWindowSum(kernel, bases, active, digits, window * m, from, to, buckets)
                    : windowSum(kernel, e, bases, active, digits, window * m, from, to, buckets);
        });

        JacobianKernel k = kernels.get();
        for (int w = windows - 1; w >= 0; w--) {
            if (w != windows - 1) {
                for (int i = 0; i < c; i++) {
                    k.dbl(result, 0);
                }
            }
            for (int s = 0; s < splits; s++) {
                k.add(result, 0, partial[w * splits + s], 0);
            }
        }
        return result;
    }

    private static int countOnes(long[] scalars, int[] active, int m) {
        int ones = 0;
        for (int i = 0; i < m; i++) {
            int o = active[i] << 2;
            if (scalars[o] == 1 && (scalars[o + 1] | scalars[o + 2] | scalars[o + 3]) == 0) {
                ones++;
            }
        }
        return ones;
    }

    /**
     * Σ P over the bases at {@code terms}: batch-affine additions into accumulators taken round-robin
     * (so a batch never meets the same accumulator twice), then the accumulators' plain sum.
     */
    static long[] pointSum(Supplier<JacobianKernel> kernels, long[] bases, int[] terms, int workers) {
        int n = terms.length;
        int chunks = n >= PARALLEL_THRESHOLD * 4 && workers > 1 ? 2 * workers : 1;
        long[][] partial = new long[chunks][];
        forEach(chunks, chunks > 1, chunk -> {
            int from = (int) ((long) n * chunk / chunks);
            int to = (int) ((long) n * (chunk + 1) / chunks);
            JacobianKernel k = kernels.get();
            int affineLimbs = 2 * k.elementLimbs();
            int accumulators = Math.max(16, Math.min(BATCH, (to - from) / 8));
            AffineBuckets acc = new AffineBuckets(k, bases, accumulators, accumulators);
            for (int i = from, b = 0; i < to; i++) {
                acc.add(terms[i] * affineLimbs, b + 1);
                b = b + 1 == accumulators ? 0 : b + 1;
            }
            partial[chunk] = acc.plainSum();
        });
        JacobianKernel k = kernels.get();
        for (int c = 1; c < chunks; c++) {
            k.add(partial[0], 0, partial[c], 0);
        }
        return partial[0];
    }

    /** Window width for m full-size scalars. */
    static int windowBits(int m) {
        return windowBits(m, SCALAR_BITS);
    }

    /** Window width minimising the estimated field multiplications for m scalars of at most {@code bits} bits. */
    static int windowBits(int m, int bits) {
        int best = 1;
        double bestCost = Double.MAX_VALUE;
        for (int c = 1; c <= MAX_WINDOW; c++) {
            int windows = bits / c + 1;
            double cost = (double) c * windows * 9; // doublings between windows
            for (int w = 0; w < windows; w++) {
                int buckets = bucketCount(bits, c, w);
                boolean affine = useAffineBuckets(m, buckets);
                cost += (double) m * (affine ? 6.5 : 11) + (double) buckets * (affine ? 27 : 32);
            }
            if (cost < bestCost) {
                bestCost = cost;
                best = c;
            }
        }
        return best;
    }

    /**
     * Buckets window w needs: 2^(c−1) (signed digits), except the top window, whose digits are its
     * own few bits plus a carry: 0 .. 2^topBits with topBits = bits − (windows − 1)·c &lt; c.
     */
    static int bucketCount(int bits, int c, int w) {
        int windows = bits / c + 1;
        if (w < windows - 1) {
            return 1 << (c - 1);
        }
        return Math.min(1 << (c - 1), 1 << (bits - (windows - 1) * c));
    }

    private static boolean useAffineBuckets(int m, int buckets) {
        return m >= BATCH_AFFINE_MIN_TERMS && buckets >= MIN_AFFINE_BUCKETS;
    }

    /** Bit length of the largest active scalar (at least 1). */
    private static int maxBits(long[] scalars, int[] active, int m) {
        long l0 = 0, l1 = 0, l2 = 0, l3 = 0;
        for (int k = 0; k < m; k++) {
            int o = active[k] << 2;
            l0 |= scalars[o];
            l1 |= scalars[o + 1];
            l2 |= scalars[o + 2];
            l3 |= scalars[o + 3];
        }
        int bits = l3 != 0 ? 256 - Long.numberOfLeadingZeros(l3)
                : l2 != 0 ? 192 - Long.numberOfLeadingZeros(l2)
                : l1 != 0 ? 128 - Long.numberOfLeadingZeros(l1)
                : 64 - Long.numberOfLeadingZeros(l0);
        return Math.max(1, bits);
    }

    /** Signed c-bit digits of scalars active[from..to), window-major: digits[w·m + k]. */
    private static void recode(long[] scalars, int[] active, int from, int to, int m, int c, int windows, short[] digits) {
        int mask = (1 << c) - 1;
        int half = 1 << (c - 1);
        for (int k = from; k < to; k++) {
            int so = active[k] << 2;
            int carry = 0;
            for (int w = 0; w < windows; w++) {
                int bit = w * c;
                int limb = bit >>> 6;
                int off = bit & 63;
                long v = limb < 4 ? scalars[so + limb] >>> off : 0L;
                if (off + c > 64 && limb + 1 < 4) {
                    v |= scalars[so + limb + 1] << (64 - off);
                }
                int d = ((int) v & mask) + carry;
                if (d > half) {
                    d -= 1 << c;
                    carry = 1;
                } else {
                    carry = 0;
                }
                digits[w * m + k] = (short) d;
            }
        }
    }

    /** Σ_k digit_k·P_k over terms [from, to) of one window, as a Jacobian point. */
    private static long[] windowSum(JacobianKernel k, int e, long[] bases, int[] active, short[] digits,
                                    int digitBase, int from, int to, int bucketCount) {
        int pointLimbs = 3 * e;
        int affineLimbs = 2 * e;
        long[] buckets = new long[bucketCount * pointLimbs]; // all zero: Z = 0 is infinity
        int top = -1;
        for (int i = from; i < to; i++) {
            int d = digits[digitBase + i];
            if (d == 0) {
                continue;
            }
            int b = d > 0 ? d - 1 : -d - 1;
            top = Math.max(top, b);
            k.addAffine(buckets, b * pointLimbs, bases, active[i] * affineLimbs, d < 0);
        }
        long[] running = new long[pointLimbs];
        long[] acc = new long[pointLimbs];
        for (int b = top; b >= 0; b--) {
            k.add(running, 0, buckets, b * pointLimbs);
            k.add(acc, 0, running, 0);
        }
        return acc;
    }

    /** {@link #windowSum} with {@link AffineBuckets}. */
    private static long[] affineWindowSum(JacobianKernel k, long[] bases, int[] active, short[] digits,
                                          int digitBase, int from, int to, int bucketCount) {
        int affineLimbs = 2 * k.elementLimbs();
        AffineBuckets buckets = new AffineBuckets(k, bases, bucketCount, Math.max(16, Math.min(BATCH, bucketCount / 4)));
        for (int i = from; i < to; i++) {
            int d = digits[digitBase + i];
            if (d != 0) {
                buckets.add(active[i] * affineLimbs, d);
            }
        }
        return buckets.sum();
    }

    private static void forEach(int count, boolean parallel, java.util.function.IntConsumer body) {
        if (parallel && count > 1) {
            IntStream.range(0, count).parallel().forEach(body);
        } else {
            for (int i = 0; i < count; i++) {
                body.accept(i);
            }
        }
    }
}
