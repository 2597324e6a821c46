package io.zkinfer.kernels.cuda;

import io.zkinfer.algebra.curve.G1Affine;
import io.zkinfer.algebra.curve.G1Point;
import io.zkinfer.algebra.curve.G2Affine;
import io.zkinfer.algebra.curve.G2Point;
import io.zkinfer.algebra.field.Fq;
import io.zkinfer.algebra.field.Fq2;
import io.zkinfer.algebra.field.Fr;
import io.zkinfer.algebra.poly.Ntt;
import io.zkinfer.algebra.spi.Capability;
import io.zkinfer.algebra.spi.KernelBackend;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * The CUDA kernel backend (rank {@value #RANK}): G1 and G2 MSM by the bucket method and the radix-2 Fr NTT
 * on the first CUDA device, with the same results as the Java backend. Available when
 * {@code libzkinfer_cuda.so} is packaged, loads, and finds a device; otherwise {@link #unavailableReason()}
 * says which of these failed. Arguments are checked here, before
 * any native call, and refused with {@link IllegalArgumentException}; device failures surface as
 * {@link CudaKernelException}. Thread-safe (each calling thread uses its own CUDA stream).
 */
public final class CudaKernelBackend implements KernelBackend {
    /** The name selecting this backend with {@code -Dzkinfer.backend=cuda}. */
    public static final String NAME = "cuda";
    /** Above the native CPU backend (100). */
    public static final int RANK = 200;

    private static final int MAX_LOG2_SIZE = Fr.TWO_ADICITY;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int rank() {
        return RANK;
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.MSM_G1, Capability.MSM_G2, Capability.NTT);
    }

    @Override
    public boolean isAvailable() {
        return CudaLibrary.state().available();
    }

    @Override
    public String unavailableReason() {
        return CudaLibrary.state().reason();
    }

    /** The device the kernels run on (name, compute capability, memory), or "" when unavailable. */
    public String device() {
        return CudaLibrary.state().device();
    }

    @Override
    public G1Point msmG1(G1Affine[] bases, long[] scalars) {
        checkScalars(scalars, bases.length);
        requireAvailable();
        int n = bases.length;
        long[] flat = new long[8 * n];
        long[] s = scalars;
        for (int i = 0; i < n; i++) {
            G1Affine p = bases[i];
            if (p.isInfinity()) {
                s = withoutTerm(scalars, s, i);
                continue;
            }
            p.x().toMontgomeryLimbs(flat, 8 * i);
            p.y().toMontgomeryLimbs(flat, 8 * i + 4);
        }
        long[] out = new long[12];
        CudaKernels.msmG1(flat, s, n, out);
        if ((out[8] | out[9] | out[10] | out[11]) == 0) {
            return G1Point.INFINITY;
        }
        return G1Point.fromJacobian(fq(out, 0), fq(out, 4), fq(out, 8));
    }

    @Override
    public G2Point msmG2(G2Affine[] bases, long[] scalars) {
        checkScalars(scalars, bases.length);
        requireAvailable();
        int n = bases.length;
        long[] flat = new long[16 * n];
        long[] s = scalars;
        for (int i = 0; i < n; i++) {
            G2Affine p = bases[i];
            if (p.isInfinity()) {
                s = withoutTerm(scalars, s, i);
                continue;
            }
            int o = 16 * i;
            p.x().c0().toMontgomeryLimbs(flat, o);
            p.x().c1().toMontgomeryLimbs(flat, o + 4);
            p.y().c0().toMontgomeryLimbs(flat, o + 8);
            p.y().c1().toMontgomeryLimbs(flat, o + 12);
        }
        long[] out = new long[24];
        CudaKernels.msmG2(flat, s, n, out);
        boolean infinity = true;
        for (int l = 16; l < 24; l++) {
            infinity &= out[l] == 0;
        }
        if (infinity) {
            return G2Point.INFINITY;
        }
        return G2Point.fromJacobian(fq2(out, 0), fq2(out, 8), fq2(out, 16));
    }

    /** The point at infinity contributes nothing: a zero scalar drops its term on the device (copy on first use). */
    private static long[] withoutTerm(long[] original, long[] current, int i) {
        long[] s = current == original ? original.clone() : current;
        Arrays.fill(s, 4 * i, 4 * i + 4, 0L);
        return s;
    }

    @Override
    public void ntt(long[] values, boolean inverse) {
        int log2n = log2Size(values);
        requireAvailable();
        CudaKernels.ntt(values, log2n, inverse, null);
    }

    @Override
    public void cosetNtt(long[] values, Fr shift, boolean inverse) {
        int log2n = log2Size(values);
        if (shift.isZero()) {
            if (inverse) {
                throw new IllegalArgumentException("coset shift must be non-zero (a zero shift collapses the coset to {0})");
            }
            Ntt.cosetForward(values, shift); // every point is 0: A(0) everywhere; nothing for a device to do
            return;
        }
        requireAvailable();
        long[] g = new long[4];
        shift.toMontgomeryLimbs(g, 0);
        CudaKernels.ntt(values, log2n, inverse, g);
    }

    private void requireAvailable() {
        CudaLibrary.State st = CudaLibrary.state();
        if (!st.available()) {
            throw new CudaKernelException("the CUDA backend is unavailable: " + st.reason());
        }
    }

    private static Fq fq(long[] a, int o) {
        return Fq.fromMontgomeryLimbs(a[o], a[o + 1], a[o + 2], a[o + 3]);
    }

    private static Fq2 fq2(long[] a, int o) {
        return Fq2.of(fq(a, o), fq(a, o + 4));
    }

    private static void checkScalars(long[] scalars, int n) {
        if (scalars.length != 4L * n) {
            throw new IllegalArgumentException("MSM got " + n + " bases but a scalar array of " + scalars.length
                    + " longs; pass 4 little-endian limbs per scalar (" + 4L * n + " longs)");
        }
        for (int i = 0; i < n; i++) {
            int o = 4 * i;
            if (!isReduced(scalars[o], scalars[o + 1], scalars[o + 2], scalars[o + 3])) {
                BigInteger v = BigInteger.ZERO;
                for (int l = 3; l >= 0; l--) {
                    v = v.shiftLeft(64).or(new BigInteger(Long.toUnsignedString(scalars[o + l])));
                }
                throw new IllegalArgumentException("MSM scalar " + i + " is not reduced: " + v
                        + " >= r; scalars must be canonical integers in [0, r)");
            }
        }
    }

    /** s < r, limbs little-endian, compared as unsigned from the top. */
    private static boolean isReduced(long s0, long s1, long s2, long s3) {
        long[] s = {s3, s2, s1, s0};
        long[] r = {0x30644e72e131a029L, 0xb85045b68181585dL, 0x2833e84879b97091L, 0x43e1f593f0000001L};
        for (int l = 0; l < 4; l++) {
            int c = Long.compareUnsigned(s[l], r[l]);
            if (c != 0) {
                return c < 0;
            }
        }
        return false;
    }

    private static int log2Size(long[] values) {
        if (values.length % 4 != 0) {
            throw new IllegalArgumentException("NTT input length " + values.length
                    + " is not a multiple of 4 (4 Montgomery limbs per Fr element)");
        }
        int n = values.length / 4;
        if (n == 0 || Integer.bitCount(n) != 1) {
            throw new IllegalArgumentException("NTT size " + n + " is not a power of two; pad the input with zeros to "
                    + (n <= 1 ? 1 : Integer.highestOneBit(n - 1) << 1) + " elements");
        }
        int log2n = Integer.numberOfTrailingZeros(n);
        if (log2n > MAX_LOG2_SIZE) {
            throw new IllegalArgumentException("NTT size 2^" + log2n + " exceeds Fr's largest radix-2 domain, 2^"
                    + MAX_LOG2_SIZE);
        }
        return log2n;
    }

    @Override
    public String toString() {
        return "KernelBackend(cuda, rank " + RANK + (isAvailable() ? ", " + device() : ", unavailable") + ")";
    }
}
