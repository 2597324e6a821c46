package io.zkinfer.algebra.msm;

import io.zkinfer.algebra.field.FqArithmetic;

/**
 * Fq2 = Fq[u]/(u² + 1) on limb buffers: an element is 8 longs, c0 then c1, each 4 Montgomery limbs.
 * Instance methods share one scratch buffer, so an instance belongs to one thread; results may
 * alias operands.
 */
final class Fq2Kernel {
    private static final int F = 4;
    private final long[] s = new long[4 * F];

    /** r = a + b. */
    void add(long[] a, int ao, long[] b, int bo, long[] r, int ro) {
        FqArithmetic.add(a, ao, b, bo, r, ro);
        FqArithmetic.add(a, ao + F, b, bo + F, r, ro + F);
    }

    /** r = a − b. */
    void sub(long[] a, int ao, long[] b, int bo, long[] r, int ro) {
        FqArithmetic.sub(a, ao, b, bo, r, ro);
        FqArithmetic.sub(a, ao + F, b, bo + F, r, ro + F);
    }

    /** r = a·b (Karatsuba: 3 Fq multiplications). */
    void mul(long[] a, int ao, long[] b, int bo, long[] r, int ro) {
        long[] s = this.s;
        FqArithmetic.mul(a, ao, b, bo, s, 0);               // v0 = a0·b0
        FqArithmetic.mul(a, ao + F, b, bo + F, s, F);       // v1 = a1·b1
        FqArithmetic.add(a, ao, a, ao + F, s, 2 * F);
        FqArithmetic.add(b, bo, b, bo + F, s, 3 * F);
        FqArithmetic.mul(s, 2 * F, s, 3 * F, s, 2 * F);     // (a0 + a1)(b0 + b1)
        FqArithmetic.sub(s, 2 * F, s, 0, s, 2 * F);
        FqArithmetic.sub(s, 2 * F, s, F, r, ro + F);        // c1 = … − v0 − v1
        FqArithmetic.sub(s, 0, s, F, r, ro);                // c0 = v0 − v1
    }

    /** r = a² = ((a0 + a1)(a0 − a1), 2·a0·a1). */
    void square(long[] a, int ao, long[] r, int ro) {
        long[] s = this.s;
        FqArithmetic.add(a, ao, a, ao + F, s, 0);
        FqArithmetic.sub(a, ao, a, ao + F, s, F);
        FqArithmetic.mul(a, ao, a, ao + F, s, 2 * F);
        FqArithmetic.mul(s, 0, s, F, r, ro);
        FqArithmetic.add(s, 2 * F, s, 2 * F, r, ro + F);
    }

    /** r = a⁻¹ = (c0 − c1·u)/(c0² + c1²); a must be non-zero. */
    void inverse(long[] a, int ao, long[] r, int ro) {
        long[] s = this.s;
        FqArithmetic.square(a, ao, s, 0);
        FqArithmetic.square(a, ao + F, s, F);
        FqArithmetic.add(s, 0, s, F, s, 0);
        FqArithmetic.inverse(s, 0, s, 0);
        FqArithmetic.mul(a, ao, s, 0, r, ro);
        FqArithmetic.mul(a, ao + F, s, 0, r, ro + F);
        FqArithmetic.neg(r, ro + F, r, ro + F);
    }

    /** r = 1. */
    static void setOne(long[] r, int ro) {
        FqArithmetic.setOne(r, ro);
        java.util.Arrays.fill(r, ro + F, ro + 2 * F, 0L);
    }
}
