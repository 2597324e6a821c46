package io.zkinfer.kernels.cpu;

import io.zkinfer.algebra.curve.G1Affine;
import io.zkinfer.algebra.curve.G1Point;
import io.zkinfer.algebra.curve.G2Affine;
import io.zkinfer.algebra.curve.G2Point;
import io.zkinfer.algebra.field.Fq;
import io.zkinfer.algebra.field.Fq2;
import io.zkinfer.algebra.field.Fr;
import io.zkinfer.algebra.poly.EvaluationDomain;
import io.zkinfer.algebra.spi.Capability;
import io.zkinfer.algebra.spi.KernelBackend;
import io.zkinfer.algebra.spi.QapMatrices;
import io.zkinfer.algebra.spi.UnsatisfiedRowException;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * The native CPU backend ("native", rank {@value #RANK}): G1/G2 MSM by Pippenger's method with signed
 * windows, the radix-2 NTT over Fr and the Groth16 QAP quotient step, in C on all cores, with BMI2/ADX arithmetic where the CPU has it.
 * Results are identical to the Java backend's. When the library cannot be loaded the backend stays
 * registered but {@link #isAvailable()} is false and {@link #unavailableReason()} says why.
 */
public final class NativeKernelBackend implements KernelBackend {
    /** The name selecting this backend with {@code -Dzkinfer.backend=native}. */
    public static final String NAME = "native";
    /** Above the Java backend (0), below a GPU backend. */
    public static final int RANK = 100;
    /** {@code -Dzkinfer.native.threads=N} caps the kernel threads (default: available processors). */
    public static final String THREADS_PROPERTY = "zkinfer.native.threads";

    private static final int MAX_LOG2_NTT = 28;
    /** QAP entries copied into native memory at a time: 2^20 of them, 44 MiB. */
    static final int QAP_BATCH = 1 << 20;

    private final NativeLibraryLoader.Result library;
    private final FlatBases flatBases = new FlatBases();
    private final int threads;

    /** The backend for the library that {@code loader} loads (or fails to load). */
    public NativeKernelBackend(NativeLibraryLoader loader) {
        this.library = loader.load();
        this.threads = Math.max(1, Integer.getInteger(THREADS_PROPERTY, Runtime.getRuntime().availableProcessors()));
    }

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
        return library.available();
    }

    @Override
    public String unavailableReason() {
        return library.available() ? "" : library.detail();
    }

    /** The arithmetic the C kernels run with on this CPU and their thread count; empty when unavailable. */
    @Override
    public String description() {
        return library.available() ? "C, " + NativeKernels.isa() + " arithmetic, " + threads + " threads" : "";
    }

    @Override
    public G1Point msmG1(G1Affine[] bases, long[] scalars) {
        checkSizes(bases.length, scalars);
        requireAvailable();
        if (bases.length == 0) {
            return G1Point.INFINITY;
        }
        long[] out = new long[12];
        NativeKernels.msmG1(flatBases.g1(bases), scalars, bases.length, threads, out);
        if (isZero(out, 8)) {
            return G1Point.INFINITY;
        }
        return G1Point.fromJacobian(fq(out, 0), fq(out, 4), fq(out, 8));
    }

    @Override
    public G2Point msmG2(G2Affine[] bases, long[] scalars) {
        checkSizes(bases.length, scalars);
        requireAvailable();
        if (bases.length == 0) {
            return G2Point.INFINITY;
        }
        long[] out = new long[24];
        NativeKernels.msmG2(flatBases.g2(bases), scalars, bases.length, threads, out);
        if (isZero(out, 16) && isZero(out, 20)) {
            return G2Point.INFINITY;
        }
        return G2Point.fromJacobian(Fq2.of(fq(out, 0), fq(out, 4)), Fq2.of(fq(out, 8), fq(out, 12)),
                Fq2.of(fq(out, 16), fq(out, 20)));
    }

    @Override
    public void ntt(long[] values, boolean inverse) {
        EvaluationDomain d = domainOf(values);
        requireAvailable();
        NativeKernels.ntt(values, d.log2Size(), limbs(d.generator()), limbs(d.nInverse()), null, inverse, threads);
    }

    @Override
    public void cosetNtt(long[] values, Fr shift, boolean inverse) {
        Objects.requireNonNull(shift, "shift");
        EvaluationDomain d = domainOf(values);
        if (inverse && shift.isZero()) {
            throw new IllegalArgumentException("coset shift must be non-zero (a zero shift collapses the coset to {0})");
        }
        requireAvailable();
        NativeKernels.ntt(values, d.log2Size(), limbs(d.generator()), limbs(d.nInverse()),
                limbs(inverse ? shift.inverse() : shift), inverse, threads);
    }

    /**
     * The whole step in one native call on all threads: the sums (the entries copied in batches, never all at
     * once), the check, six NTTs and the pointwise work.
     */
    @Override
    public long[] qapQuotient(QapMatrices matrices, long[] witness, int log2n) {
        return qapQuotient(matrices, witness, log2n, QAP_BATCH);
    }

    /** {@link #qapQuotient(QapMatrices, long[], int)} copying {@code batch} entries into native memory at a time. */
    long[] qapQuotient(QapMatrices matrices, long[] witness, int log2n, int batch) {
        matrices.requireFits(log2n, witness);
        requireAvailable();
        EvaluationDomain d = EvaluationDomain.ofSize(1 << log2n);
        long[] out = new long[4 << log2n];
        int failing = NativeKernels.qapQuotient(matrices.matrixIds(), matrices.rows(), matrices.columns(),
                matrices.valueLimbs(), matrices.hasC(), witness, log2n, limbs(d.generator()), limbs(d.nInverse()),
                limbs(Fr.rootOfUnity(log2n + 1)), out, batch, threads);
        if (failing >= 0) {
            throw new UnsatisfiedRowException(failing);
        }
        return out;
    }

    private void requireAvailable() {
        if (!library.available()) {
            throw new IllegalStateException("native kernel backend is unavailable: " + library.detail());
        }
    }

    private static void checkSizes(int n, long[] scalars) {
        if (scalars.length != 4L * n) {
            throw new IllegalArgumentException("MSM has " + n + " bases but " + scalars.length
                    + " scalar limbs; expected 4 little-endian limbs per scalar (" + 4L * n + ")");
        }
    }

    private static EvaluationDomain domainOf(long[] values) {
        if (values.length % 4 != 0) {
            throw new IllegalArgumentException("NTT input length " + values.length
                    + " is not a multiple of 4 (4 Montgomery limbs per Fr element)");
        }
        int n = values.length / 4;
        if (n == 0 || Integer.bitCount(n) != 1 || n > (1 << MAX_LOG2_NTT)) {
            throw new IllegalArgumentException("NTT size " + n + " is not a power of two up to 2^" + MAX_LOG2_NTT
                    + "; pad the input with zeros to " + (n <= 1 ? 1 : Integer.highestOneBit(n - 1) << 1) + " elements");
        }
        return EvaluationDomain.ofSize(n);
    }

    private static long[] limbs(Fr x) {
        long[] l = new long[4];
        x.toMontgomeryLimbs(l, 0);
        return l;
    }

    private static Fq fq(long[] l, int o) {
        return Fq.fromMontgomeryLimbs(l[o], l[o + 1], l[o + 2], l[o + 3]);
    }

    private static boolean isZero(long[] l, int o) {
        return (l[o] | l[o + 1] | l[o + 2] | l[o + 3]) == 0;
    }

    @Override
    public String toString() {
        return "KernelBackend(native, rank " + RANK + (isAvailable() ? ", " + library.detail() : ", unavailable: "
                + library.detail()) + ")";
    }
}
