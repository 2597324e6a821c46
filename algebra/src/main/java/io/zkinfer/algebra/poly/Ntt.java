package io.zkinfer.algebra.poly;

import io.zkinfer.algebra.field.Fr;
import io.zkinfer.algebra.field.FrArithmetic;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * Radix-2 number-theoretic transform over BN254 Fr, in place.
 *
 * <p>{@link #forward} maps the coefficients (a₀ … a_{n−1}) of A(X) = Σ aᵢXⁱ to the evaluations
 * (A(ω⁰), …, A(ω^{n−1})) on the {@link EvaluationDomain} of size n; {@link #inverse} is its inverse
 * (including the n⁻¹ scaling). Both take and return natural order. The coset variants evaluate on /
 * interpolate from g·H = {g·ωⁱ}: {@code cosetForward(a, g)} = forward(aᵢ·gⁱ) and
 * {@code cosetInverse(e, g)} = (inverse(e))ᵢ·g⁻ⁱ. The Groth16 prover uses g = ω_{2n} (snarkjs's
 * "odd coset").
 *
 * <p>The long[] forms hold 4 Montgomery limbs per element (little-endian, as written by
 * {@link Fr#toMontgomeryLimbs}); {@code values.length / 4} must be a power of two. Iterative
 * Cooley–Tukey decimation in time: a bit-reversal permutation, then log₂n butterfly stages with
 * precomputed twiddles. Sizes ≥ 2^{@value #PARALLEL_LOG2_THRESHOLD} run on the common
 * {@link ForkJoinPool}; smaller ones run serially on the calling thread.
 */
public final class Ntt {
    /** Transforms of at least 2^this elements are split across the common ForkJoinPool. */
    public static final int PARALLEL_LOG2_THRESHOLD = 12;
    /** The first stages run block-wise on blocks of 2^this elements (64 KiB), which stay in cache. */
    private static final int BLOCK_LOG2 = 11;

    private Ntt() {
    }

    /** Coefficients → evaluations on the domain of size values.length/4, in place. */
    public static void forward(long[] values) {
        transform(values, domainOf(values), false);
    }

    /** Evaluations → coefficients (scaled by n⁻¹), in place. */
    public static void inverse(long[] values) {
        EvaluationDomain d = domainOf(values);
        transform(values, d, true);
        scaleByPowers(values, d.nInverse(), Fr.ONE);
    }

    /** Coefficients → evaluations on the coset shift·H, in place. */
    public static void cosetForward(long[] values, Fr shift) {
        EvaluationDomain d = domainOf(values);
        scaleByPowers(values, Fr.ONE, shift);
        transform(values, d, false);
    }

    /** Evaluations on the coset shift·H → coefficients, in place. shift must be non-zero. */
    public static void cosetInverse(long[] values, Fr shift) {
        EvaluationDomain d = domainOf(values);
        if (shift.isZero()) {
            throw new IllegalArgumentException("coset shift must be non-zero (a zero shift collapses the coset to {0})");
        }
        transform(values, d, true);
        scaleByPowers(values, d.nInverse(), shift.inverse());
    }

    /** {@link #forward(long[])} on Fr values, replacing the array's entries. */
    public static void forward(Fr[] values) {
        long[] limbs = toLimbs(values);
        forward(limbs);
        fromLimbs(limbs, values);
    }

    /** {@link #inverse(long[])} on Fr values, replacing the array's entries. */
    public static void inverse(Fr[] values) {
        long[] limbs = toLimbs(values);
        inverse(limbs);
        fromLimbs(limbs, values);
    }

    /** {@link #cosetForward(long[], Fr)} on Fr values, replacing the array's entries. */
    public static void cosetForward(Fr[] values, Fr shift) {
        long[] limbs = toLimbs(values);
        cosetForward(limbs, shift);
        fromLimbs(limbs, values);
    }

    /** {@link #cosetInverse(long[], Fr)} on Fr values, replacing the array's entries. */
    public static void cosetInverse(Fr[] values, Fr shift) {
        long[] limbs = toLimbs(values);
        cosetInverse(limbs, shift);
        fromLimbs(limbs, values);
    }

    /** Fr values as 4 Montgomery limbs each. */
    public static long[] toLimbs(Fr[] values) {
        long[] limbs = new long[4 * values.length];
        for (int i = 0; i < values.length; i++) {
            values[i].toMontgomeryLimbs(limbs, 4 * i);
        }
        return limbs;
    }

    private static void fromLimbs(long[] limbs, Fr[] out) {
        for (int i = 0; i < out.length; i++) {
            int o = 4 * i;
            out[i] = Fr.fromMontgomeryLimbs(limbs[o], limbs[o + 1], limbs[o + 2], limbs[o + 3]);
        }
    }

    private static EvaluationDomain domainOf(long[] values) {
        if (values.length % 4 != 0) {
            throw new IllegalArgumentException("NTT input length " + values.length
                    + " is not a multiple of 4 (4 Montgomery limbs per Fr element)");
        }
        int n = values.length / 4;
        if (n == 0 || Integer.bitCount(n) != 1) {
            throw new IllegalArgumentException("NTT size " + n + " is not a power of two; pad the input with zeros to "
                    + (n <= 1 ? 1 : Integer.highestOneBit(n - 1) << 1) + " elements");
        }
        return EvaluationDomain.ofSize(n);
    }

    private static boolean parallel(int log2n) {
        return log2n >= PARALLEL_LOG2_THRESHOLD && workers() > 1;
    }

    /** Threads that run a parallel stream: the common pool's workers plus the calling thread. */
    private static int workers() {
        return Math.min(Runtime.getRuntime().availableProcessors(), ForkJoinPool.getCommonPoolParallelism() + 1);
    }

    /** Runs body(from, to) over [0, count) in chunks, in parallel when asked. */
    private static void forRange(int count, boolean parallel, RangeBody body) {
        if (!parallel) {
            body.run(0, count);
            return;
        }
        int chunks = Math.min(count, 4 * workers());
        IntStream.range(0, chunks).parallel().forEach(c -> {
            int from = (int) ((long) count * c / chunks);
            int to = (int) ((long) count * (c + 1) / chunks);
            body.run(from, to);
        });
    }

    @FunctionalInterface
    private interface RangeBody {
        void run(int from, int to);
    }

    /**
     * Unscaled DIT transform with ω, natural order in and out; with {@code inverse}, the result is
     * permuted into the unscaled transform with ω⁻¹ (so one twiddle table serves both directions).
     */
    private static void transform(long[] a, EvaluationDomain d, boolean inverse) {
        int log2n = d.log2Size();
        int n = d.size();
        if (n == 1) {
            return;
        }
        boolean par = parallel(log2n);
        long[] tw = d.twiddles();
        bitReverse(a, log2n, par);
        int blockLog2 = Math.min(log2n, BLOCK_LOG2);
        int block = 1 << blockLog2;
        forRange(n >>> blockLog2, par, (from, to) -> {
            long[] tmp = new long[4];
            for (int b = from; b < to; b++) {
                int base = b << blockLog2;
                for (int logH = 0; logH < blockLog2; logH++) {
                    int h = 1 << logH;
                    int stride = log2n - 1 - logH; // ω_{2h}^j = ω_n^{j·n/(2h)}
                    for (int start = base; start < base + block; start += h << 1) {
                        for (int j = 0; j < h; j++) {
                            butterfly(a, start + j, h, tw, j << stride, tmp);
                        }
                    }
                }
            }
        });
        for (int logH = blockLog2; logH < log2n; logH++) {
            final int h = 1 << logH;
            final int lh = logH;
            final int stride = log2n - 1 - logH;
            forRange(n >>> 1, par, (from, to) -> {
                long[] tmp = new long[4];
                for (int k = from; k < to; k++) {
                    int j = k & (h - 1);
                    int i = ((k >>> lh) << (lh + 1)) + j;
                    butterfly(a, i, h, tw, j << stride, tmp);
                }
            });
        }
        if (inverse) {
            reverseTail(a, n, par);
        }
    }

    /**
     * a[i] ↔ a[n − i] for 0 &lt; i &lt; n/2: turns the forward transform into the unscaled inverse, since
     * Σ_j A_j ω^{−jk} = Σ_j A_j ω^{j(n−k)}.
     */
    private static void reverseTail(long[] a, int n, boolean par) {
        forRange(n / 2 - 1, par, (from, to) -> {
            for (int i = from + 1; i < to + 1; i++) {
                int x = i << 2;
                int y = (n - i) << 2;
                for (int l = 0; l < 4; l++) {
                    long t = a[x + l];
                    a[x + l] = a[y + l];
                    a[y + l] = t;
                }
            }
        });
    }

    /** (a[i], a[i+h]) ← (a[i] + w·a[i+h], a[i] − w·a[i+h]) with w = tw[t] = ω^t; t = 0 means w = 1. */
    private static void butterfly(long[] a, int i, int h, long[] tw, int t, long[] tmp) {
        int lo = i << 2;
        int hi = (i + h) << 2;
        if (t == 0) {
            System.arraycopy(a, hi, tmp, 0, 4);
        } else {
            FrArithmetic.mul(a, hi, tw, t << 2, tmp, 0);
        }
        FrArithmetic.sub(a, lo, tmp, 0, a, hi);
        FrArithmetic.add(a, lo, tmp, 0, a, lo);
    }

    private static void bitReverse(long[] a, int log2n, boolean par) {
        int n = 1 << log2n;
        int shift = 32 - log2n;
        forRange(n, par, (from, to) -> {
            for (int i = from; i < to; i++) {
                int r = Integer.reverse(i) >>> shift;
                if (i < r) {
                    int x = i << 2;
                    int y = r << 2;
                    for (int l = 0; l < 4; l++) {
                        long t = a[x + l];
                        a[x + l] = a[y + l];
                        a[y + l] = t;
                    }
                }
            }
        });
    }

    /** a[i] ← a[i] · first · ratioⁱ. */
    private static void scaleByPowers(long[] a, Fr first, Fr ratio) {
        int n = a.length >>> 2;
        boolean par = parallel(31 - Integer.numberOfLeadingZeros(Math.max(n, 1)));
        boolean constant = ratio.isOne();
        forRange(n, par, (from, to) -> {
            long[] cur = new long[4];
            long[] step = new long[4];
            first.mul(ratio.pow(from)).toMontgomeryLimbs(cur, 0);
            ratio.toMontgomeryLimbs(step, 0);
            for (int i = from; i < to; i++) {
                FrArithmetic.mul(a, i << 2, cur, 0, a, i << 2);
                if (!constant) {
                    FrArithmetic.mul(cur, 0, step, 0, cur, 0);
                }
            }
        });
    }
}
