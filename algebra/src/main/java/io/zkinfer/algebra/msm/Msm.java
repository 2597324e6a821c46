package io.zkinfer.algebra.msm;

import io.zkinfer.algebra.curve.G1Affine;
import io.zkinfer.algebra.curve.G1Point;
import io.zkinfer.algebra.curve.G2Affine;
import io.zkinfer.algebra.curve.G2Point;
import io.zkinfer.algebra.field.Fq;
import io.zkinfer.algebra.field.Fq2;
import io.zkinfer.algebra.field.FrArithmetic;
import io.zkinfer.algebra.field.Fr;

/**
 * Multi-scalar multiplication Σᵢ sᵢ·Pᵢ on BN254 G1 and G2 by the parallel bucket method
 * (Pippenger) with signed digits.
 *
 * <p>Scalars come either as {@link Fr} values or, for hot paths, as a {@code long[]} of canonical
 * (not Montgomery) integers, 4 little-endian limbs per scalar; a canonical scalar ≥ r is refused.
 * Zero scalars and infinite bases are skipped, terms with scalar 1 are summed apart, a scalar
 * above (r − 1)/2 is folded to its negative ({@code s·P = (r − s)·(−P)}, so a small negative
 * integer costs what a small positive one does), and the window count follows the largest scalar,
 * so witness-like inputs (mostly 0, 1 and small signed values) cost much less than random ones. The result equals the naive sum for every input, including
 * repeated bases, P and −P, and empty input (the point at infinity). Work is spread over the
 * common {@link java.util.concurrent.ForkJoinPool} and the calling thread; thread-safe.
 */
public final class Msm {
    private static final long R0 = 0x43e1f593f0000001L, R1 = 0x2833e84879b97091L,
            R2 = 0xb85045b68181585dL, R3 = 0x30644e72e131a029L;
    /** (r − 1)/2, limbs little-endian. */
    private static final long HALF0 = (R0 >>> 1) | (R1 << 63), HALF1 = (R1 >>> 1) | (R2 << 63),
            HALF2 = (R2 >>> 1) | (R3 << 63), HALF3 = R3 >>> 1;

    private Msm() {
    }

    /** Σ scalars[i]·bases[i] on G1. */
    public static G1Point g1(G1Affine[] bases, Fr[] scalars) {
        return g1(bases, canonicalScalars(scalars, bases.length));
    }

    /** Σ sᵢ·bases[i] on G1, sᵢ the canonical scalar in scalars[4i .. 4i+3] (little-endian limbs). */
    public static G1Point g1(G1Affine[] bases, long[] scalars) {
        checkScalars(scalars, bases.length);
        int n = bases.length;
        long[] affine = new long[8 * n];
        int[] active = new int[n];
        long[] folded = scalars;
        int m = 0;
        for (int i = 0; i < n; i++) {
            G1Affine p = bases[i];
            if (p.isInfinity() || isZeroScalar(scalars, i)) {
                continue;
            }
            boolean negate = isAboveHalf(scalars, 4 * i);
            if (negate) {
                folded = folded == scalars ? scalars.clone() : folded;
                negateScalar(scalars, folded, 4 * i);
            }
            p.x().toMontgomeryLimbs(affine, 8 * i);
            (negate ? p.y().neg() : p.y()).toMontgomeryLimbs(affine, 8 * i + 4);
            active[m++] = i;
        }
        long[] r = Pippenger.run(G1JacobianKernel::new, 4, affine, folded, active, m);
        if (isZero(r, 8, 4)) {
            return G1Point.INFINITY;
        }
        return G1Point.fromJacobian(fq(r, 0), fq(r, 4), fq(r, 8));
    }

    /** Σ scalars[i]·bases[i] on G2. */
    public static G2Point g2(G2Affine[] bases, Fr[] scalars) {
        return g2(bases, canonicalScalars(scalars, bases.length));
    }

    /** Σ sᵢ·bases[i] on G2, sᵢ the canonical scalar in scalars[4i .. 4i+3] (little-endian limbs). */
    public static G2Point g2(G2Affine[] bases, long[] scalars) {
        checkScalars(scalars, bases.length);
        int n = bases.length;
        long[] affine = new long[16 * n];
        int[] active = new int[n];
        long[] folded = scalars;
        int m = 0;
        for (int i = 0; i < n; i++) {
            G2Affine p = bases[i];
            if (p.isInfinity() || isZeroScalar(scalars, i)) {
                continue;
            }
            boolean negate = isAboveHalf(scalars, 4 * i);
            if (negate) {
                folded = folded == scalars ? scalars.clone() : folded;
                negateScalar(scalars, folded, 4 * i);
            }
            int o = 16 * i;
            Fq2 y = negate ? p.y().neg() : p.y();
            p.x().c0().toMontgomeryLimbs(affine, o);
            p.x().c1().toMontgomeryLimbs(affine, o + 4);
            y.c0().toMontgomeryLimbs(affine, o + 8);
            y.c1().toMontgomeryLimbs(affine, o + 12);
            active[m++] = i;
        }
        long[] r = Pippenger.run(G2JacobianKernel::new, 8, affine, folded, active, m);
        if (isZero(r, 16, 8)) {
            return G2Point.INFINITY;
        }
        return G2Point.fromJacobian(fq2(r, 0), fq2(r, 8), fq2(r, 16));
    }

    /** Fr values as canonical scalars, 4 little-endian limbs each. */
    public static long[] canonicalScalars(Fr[] scalars, int expectedCount) {
        if (scalars.length != expectedCount) {
            throw new IllegalArgumentException("MSM got " + expectedCount + " bases but " + scalars.length
                    + " scalars; pass exactly one scalar per base");
        }
        long[] out = new long[4 * scalars.length];
        for (int i = 0; i < scalars.length; i++) {
            scalars[i].toMontgomeryLimbs(out, 4 * i);
            FrArithmetic.fromMontgomery(out, 4 * i, out, 4 * i);
        }
        return out;
    }

    private static void checkScalars(long[] scalars, int n) {
        if (scalars.length != 4 * n) {
            throw new IllegalArgumentException("MSM got " + n + " bases but a scalar array of " + scalars.length
                    + " longs; pass 4 little-endian limbs per scalar (" + 4 * n + " longs)");
        }
        for (int i = 0; i < n; i++) {
            if (!isReduced(scalars, 4 * i)) {
                throw new IllegalArgumentException("MSM scalar " + i + " is not reduced: "
                        + new java.math.BigInteger(1, bigEndian(scalars, 4 * i))
                        + " >= r; scalars must be canonical integers in [0, r)");
            }
        }
    }

    private static boolean isReduced(long[] s, int o) {
        long[] r = {R0, R1, R2, R3};
        for (int i = 3; i >= 0; i--) {
            int cmp = Long.compareUnsigned(s[o + i], r[i]);
            if (cmp != 0) {
                return cmp < 0;
            }
        }
        return false;
    }

    private static byte[] bigEndian(long[] s, int o) {
        byte[] b = new byte[32];
        for (int i = 0; i < 32; i++) {
            b[31 - i] = (byte) (s[o + i / 8] >>> (8 * (i % 8)));
        }
        return b;
    }

    /** Whether the canonical scalar at {@code o} exceeds (r − 1)/2, the largest "non-negative" residue. */
    private static boolean isAboveHalf(long[] s, int o) {
        long[] half = {HALF0, HALF1, HALF2, HALF3};
        for (int i = 3; i >= 0; i--) {
            int cmp = Long.compareUnsigned(s[o + i], half[i]);
            if (cmp != 0) {
                return cmp > 0;
            }
        }
        return false;
    }

    /** {@code dst[o..o+3] = r − src[o..o+3]} for a canonical, non-zero scalar. */
    private static void negateScalar(long[] src, long[] dst, int o) {
        long[] r = {R0, R1, R2, R3};
        long borrow = 0;
        for (int i = 0; i < 4; i++) {
            long a = r[i];
            long b = src[o + i];
            long d = a - b - borrow;
            borrow = (Long.compareUnsigned(a, b) < 0 || (a == b && borrow != 0)) ? 1 : 0;
            dst[o + i] = d;
        }
    }

    private static boolean isZeroScalar(long[] s, int i) {
        int o = 4 * i;
        return (s[o] | s[o + 1] | s[o + 2] | s[o + 3]) == 0;
    }

    private static boolean isZero(long[] a, int o, int len) {
        for (int i = 0; i < len; i++) {
            if (a[o + i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static Fq fq(long[] a, int o) {
        return Fq.fromMontgomeryLimbs(a[o], a[o + 1], a[o + 2], a[o + 3]);
    }

    private static Fq2 fq2(long[] a, int o) {
        return Fq2.of(fq(a, o), fq(a, o + 4));
    }
}
