package io.zkinfer.algebra.poly;

import io.zkinfer.algebra.field.Fr;
import io.zkinfer.algebra.field.FrArithmetic;

/**
 * The multiplicative subgroup H = {ω⁰, ω¹, …, ω^(n−1)} of Fr* of size n = 2^k, where
 * ω = {@link Fr#rootOfUnity(int) Fr.rootOfUnity(k)} is the primitive n-th root of unity that
 * snarkjs/ffjavascript also uses ({@code Fr.w[k]}), so evaluations agree with theirs.
 *
 * <p>Domains are immutable and cached per size. The one twiddle table {@link Ntt} uses, ω^j for
 * j &lt; n/2 (n/2 elements, 16·n bytes), is built on first use; stage h reads ω_{2h}^j = ω^{j·n/(2h)}
 * from it with a stride, and the inverse transform reuses it (see {@link Ntt}).
 */
public final class EvaluationDomain {
    private static final EvaluationDomain[] CACHE = new EvaluationDomain[Fr.TWO_ADICITY + 1];

    private final int log2Size;
    private final int size;
    private final Fr generator;
    private final Fr generatorInverse;
    private final Fr nInverse;
    private volatile long[] twiddles;

    private EvaluationDomain(int log2Size) {
        this.log2Size = log2Size;
        this.size = 1 << log2Size;
        this.generator = Fr.rootOfUnity(log2Size);
        this.generatorInverse = generator.inverse();
        this.nInverse = Fr.of(size).inverse();
    }

    /** The domain of size 2^log2Size, 0 ≤ log2Size ≤ {@link Fr#TWO_ADICITY}. */
    public static EvaluationDomain ofLog2(int log2Size) {
        if (log2Size < 0 || log2Size > Fr.TWO_ADICITY) {
            throw new IllegalArgumentException("domain size 2^" + log2Size + " is out of range: BN254 Fr supports"
                    + " radix-2 domains of size 2^0 .. 2^" + Fr.TWO_ADICITY);
        }
        synchronized (CACHE) {
            EvaluationDomain d = CACHE[log2Size];
            if (d == null) {
                d = new EvaluationDomain(log2Size);
                CACHE[log2Size] = d;
            }
            return d;
        }
    }

    /** The domain of exactly {@code size} elements; {@code size} must be a power of two. */
    public static EvaluationDomain ofSize(int size) {
        if (size <= 0 || Integer.bitCount(size) != 1) {
            throw new IllegalArgumentException("domain size " + size + " is not a power of two;"
                    + " pad to " + (size <= 0 ? 1 : Integer.highestOneBit(size - 1) << 1)
                    + " or use EvaluationDomain.atLeast(" + size + ")");
        }
        return ofLog2(Integer.numberOfTrailingZeros(size));
    }

    /** The smallest domain with at least {@code minSize} elements (minSize ≥ 1). */
    public static EvaluationDomain atLeast(int minSize) {
        if (minSize <= 1) {
            return ofLog2(0);
        }
        return ofLog2(32 - Integer.numberOfLeadingZeros(minSize - 1));
    }

    /** n = 2^k. */
    public int size() {
        return size;
    }

    /** k = log2(n). */
    public int log2Size() {
        return log2Size;
    }

    /** ω, the primitive n-th root of unity generating the domain. */
    public Fr generator() {
        return generator;
    }

    /** ω⁻¹. */
    public Fr generatorInverse() {
        return generatorInverse;
    }

    /** n⁻¹ in Fr, the scaling factor of the inverse transform. */
    public Fr nInverse() {
        return nInverse;
    }

    /** ω^i (any int i, reduced mod n). */
    public Fr element(int i) {
        return generator.pow(Math.floorMod((long) i, (long) size));
    }

    /** ω^j for 0 ≤ j &lt; n/2 (Montgomery limbs, 4 per element), built on first use. */
    long[] twiddles() {
        long[] t = twiddles;
        if (t == null) {
            synchronized (this) {
                t = twiddles;
                if (t == null) {
                    t = buildTwiddles();
                    twiddles = t;
                }
            }
        }
        return t;
    }

    private long[] buildTwiddles() {
        int half = Math.max(size >>> 1, 1);
        long[] t = new long[4 * half];
        Fr.ONE.toMontgomeryLimbs(t, 0);
        long[] w = new long[4];
        generator.toMontgomeryLimbs(w, 0);
        for (int j = 1; j < half; j++) {
            FrArithmetic.mul(t, 4 * (j - 1), w, 0, t, 4 * j);
        }
        return t;
    }

    @Override
    public String toString() {
        return "EvaluationDomain(n=2^" + log2Size + ")";
    }
}
