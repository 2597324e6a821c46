package io.zkinfer.kernels.cpu;

import java.nio.ByteBuffer;

/**
 * The JNI methods of {@code libzkinfer_native}, and nothing else: the one place Java calls C. Arrays go
 * over whole; every C error arrives as an exception ({@link IllegalArgumentException} for bad input,
 * {@link NativeKernelException} for out-of-memory and thread failures). Callers are
 * {@link NativeKernelBackend} (after {@link NativeLibraryLoader} has loaded the library) and tests.
 */
final class NativeKernels {
    private NativeKernels() {
    }

    /** The arithmetic the kernels run with on this CPU: "bmi2-adx" or "portable". */
    static native String isa();

    /** Forces the portable kernels (true) or restores run-time CPU detection (false); for tests. */
    static native void forcePortable(boolean force);

    /**
     * Σ sᵢ·Pᵢ on G1. {@code bases}: a direct buffer of n affine points, 8 native-order limbs each (x, y
     * in Montgomery form; all zero = infinity); {@code scalars}: 4n canonical limbs; {@code out}: 12
     * limbs, Jacobian X, Y, Z in Montgomery form (Z = 0 is infinity).
     */
    static native void msmG1(ByteBuffer bases, long[] scalars, int n, int threads, long[] out);

    /** As {@link #msmG1} on G2: 16 limbs per base (x.c0, x.c1, y.c0, y.c1), 24 limbs out. */
    static native void msmG2(ByteBuffer bases, long[] scalars, int n, int threads, long[] out);

    /**
     * In-place NTT of 2^log2n Fr elements (4 Montgomery limbs each). {@code omega}, {@code nInverse}: the
     * domain's generator and 1/n; {@code coset}: null, or the shift (forward) / the shift's inverse
     * (inverse). On an exception the values are unchanged.
     */
    static native void ntt(long[] values, int log2n, long[] omega, long[] nInverse, long[] coset, boolean inverse,
                           int threads);

    /**
     * The Groth16 quotient step ({@code KernelBackend.qapQuotient}) on the domain of 2^log2n rows: the entries
     * (matrix, row, column, 4 Montgomery value limbs each; {@code hasC}: some are C's, so the rows are checked)
     * against the witness (4 Montgomery limbs per wire); {@code omega}, {@code nInverse}: the domain's generator
     * and 1/n; {@code shift}: the odd coset's g = ω₂ₙ. The entries are copied into native memory {@code batch}
     * at a time (44 bytes each). Fills {@code out} (4·2^log2n limbs, canonical) and returns −1, or returns the
     * smallest row the witness does not satisfy, leaving {@code out} unchanged.
     */
    static native int qapQuotient(int[] matrix, int[] row, int[] column, long[] values, boolean hasC, long[] witness,
                                  int log2n, long[] omega, long[] nInverse, long[] shift, long[] out, int batch,
                                  int threads);
}
