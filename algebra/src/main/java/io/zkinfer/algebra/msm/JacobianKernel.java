package io.zkinfer.algebra.msm;

/**
 * Jacobian point arithmetic for a short-Weierstrass curve y² = x³ + b (a = 0) on limb buffers.
 *
 * <p>A field element takes {@link #elementLimbs()} longs in Montgomery form; a Jacobian point
 * (X : Y : Z), with x = X/Z², y = Y/Z³, takes three elements (X, Y, Z) and is the point at infinity
 * when Z = 0; an affine point takes two (x, y). Instances own scratch space and are not
 * thread-safe: each worker uses its own.
 */
interface JacobianKernel {
    /** Longs per field element: 4 for Fq (G1), 8 for Fq2 (G2). */
    int elementLimbs();

    /** p ← O. */
    void setInfinity(long[] p, int po);

    /** True when p is the point at infinity (Z = 0). */
    boolean isInfinity(long[] p, int po);

    /** Affine copy dst ← src, or −src when negate. */
    void copyAffine(long[] src, int so, long[] dst, int dOff, boolean negate);

    /** p ← p + q for affine q (or p − q when negate), both possibly equal: "mixed" addition. */
    void addAffine(long[] p, int po, long[] q, int qo, boolean negate);

    /** p ← p + q, both Jacobian (q is read only; p and q must not overlap). */
    void add(long[] p, int po, long[] q, int qo);

    /** p ← 2p. */
    void dbl(long[] p, int po);

    /**
     * Batch-affine addition with one shared inversion (Montgomery's trick): for k &lt; count, the
     * affine point at buckets[bo[k]] becomes itself + q (or − q when neg[k]), q the affine point
     * at points[po[k]]. The caller guarantees the buckets are distinct, finite, and have an x
     * different from their q's (so no doubling or cancellation occurs): about 6 multiplications
     * per addition instead of 11 for a mixed Jacobian one.
     */
    void batchAddAffine(long[] buckets, int[] bo, long[] points, int[] po, boolean[] neg, int count);
}
