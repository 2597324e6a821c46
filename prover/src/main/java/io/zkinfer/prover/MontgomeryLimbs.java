package io.zkinfer.prover;

import io.zkinfer.algebra.field.FrArithmetic;

/**
 * Limb-level helpers for bulk buffers (4 little-endian 64-bit limbs per element): leaving Montgomery form
 * for whole Fr vectors (the MSM takes canonical scalars) and the canonical-range check for Fq coordinates
 * read from files. Allocation-free.
 */
final class MontgomeryLimbs {

    /** BN254 base field modulus p, little-endian limbs. */
    static final long[] Q = {0x3c208c16d87cfd47L, 0x97816a916871ca8dL, 0xb85045b68181585dL, 0x30644e72e131a029L};
    /** BN254 scalar field modulus r, little-endian limbs. */
    static final long[] R = {0x43e1f593f0000001L, 0x2833e84879b97091L, 0xb85045b68181585dL, 0x30644e72e131a029L};

    private MontgomeryLimbs() {
    }

    /** True when the 4-limb value at {@code a[off..off+3]} is strictly below the 4-limb modulus {@code m}. */
    static boolean lessThan(long[] a, int off, long[] m) {
        for (int i = 3; i >= 0; i--) {
            int c = Long.compareUnsigned(a[off + i], m[i]);
            if (c != 0) {
                return c < 0;
            }
        }
        return false;
    }

    /** Converts {@code count} Fr elements from Montgomery to canonical form ({@code in} and {@code out} may alias). */
    static void frFromMontgomery(long[] in, int inOff, long[] out, int outOff, int count) {
        for (int e = 0; e < count; e++) {
            FrArithmetic.fromMontgomery(in, inOff + 4 * e, out, outOff + 4 * e);
        }
    }
}
