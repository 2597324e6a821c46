import io.zkinfer.algebra.curve.G1Affine;
import io.zkinfer.algebra.curve.G1Point;
import io.zkinfer.algebra.curve.G2Affine;
import io.zkinfer.algebra.curve.G2Point;
import io.zkinfer.algebra.field.Fr;
import io.zkinfer.algebra.msm.Msm;
import io.zkinfer.algebra.poly.Ntt;
import io.zkinfer.algebra.spi.JavaKernelBackend;
import io.zkinfer.algebra.spi.KernelBackend;
import io.zkinfer.algebra.spi.QapMatrices;
import io.zkinfer.kernels.cuda.CudaKernelBackendProvider;
import java.util.Arrays;
import java.util.Random;

/**
 * The CUDA backend through JNI against the Java backend, for benchmarks/gpu/run.sh on a machine without
 * Maven: MSM on G1 and G2 (random, witness-like and edge-case inputs), every NTT variant, the QAP quotient
 * step, refusal of an unreduced scalar, and the wall time of one JNI call beside the Java one. Prints one
 * line per check and exits 1 if any fails, 3 if the backend is unavailable. Arguments: [seed [--java-against-itself]], the
 * latter running the checks on the Java backend alone, at sizes up to 2^12, to test them where there is no GPU
 * (native-libs' GpuScriptJniCheckTest does).
 */
public final class JniParityCheck {
    private static int failures;
    private static final JavaKernelBackend JAVA = new JavaKernelBackend();

    public static void main(String[] args) {
        long seed = args.length > 0 ? Long.parseLong(args[0]) : System.nanoTime();
        boolean selfTest = args.length > 1 && args[1].equals("--java-against-itself");
        System.out.println("JNI parity check, seed " + seed + (selfTest ? " (the checks themselves, on the Java backend)" : ""));
        KernelBackend cuda = selfTest ? new JavaKernelBackend() : new CudaKernelBackendProvider().backend();
        if (!cuda.isAvailable()) {
            System.out.println("CUDA backend unavailable: " + cuda.unavailableReason());
            System.exit(3);
        }
        System.out.println("backend: " + cuda);
        Random rnd = new Random(seed);
        int largest = selfTest ? 1 << 12 : 1 << 20; // the checks themselves need no large sizes
        for (int n : new int[] {1, 2, 17, 1000, 5003, 1 << 16, 1 << 18}) {
            if (n <= largest) {
                msmG1(cuda, rnd, n, 0);
            }
        }
        msmG1(cuda, rnd, Math.min(1 << 16, largest), 80);
        for (int n : new int[] {1, 300, 4000}) {
            msmG2(cuda, rnd, n);
        }
        edgeCases(cuda);
        for (int k : new int[] {0, 1, 5, 12, 16, 20}) {
            if (1 << k <= largest) {
                ntt(cuda, rnd, k);
            }
        }
        for (int k : new int[] {1, 12, 20}) {
            if (1 << k <= largest) {
                qap(cuda, rnd, k);
            }
        }
        System.out.println(failures == 0 ? "JNI PARITY OK" : "JNI PARITY FAILURES: " + failures);
        System.exit(failures == 0 ? 0 : 1);
    }

    private static void check(boolean ok, String what) {
        System.out.println((ok ? "OK   " : "FAIL ") + what);
        if (!ok) {
            failures++;
        }
    }

    private static G1Affine[] g1Bases(Random rnd, int n) {
        G1Point[] pts = new G1Point[n];
        G1Point p = G1Point.GENERATOR.mul(Fr.random(rnd));
        G1Point step = G1Point.GENERATOR.mul(Fr.random(rnd));
        for (int i = 0; i < n; i++) {
            pts[i] = p;
            p = p.add(step);
        }
        return G1Point.batchToAffine(pts);
    }

    private static Fr[] scalars(Random rnd, int n, int onesPercent) {
        Fr[] s = new Fr[n];
        for (int i = 0; i < n; i++) {
            int roll = rnd.nextInt(100);
            s[i] = roll < onesPercent ? (rnd.nextBoolean() ? Fr.ONE : Fr.ONE.neg())
                    : roll < onesPercent + 5 ? Fr.ZERO : Fr.random(rnd);
        }
        return s;
    }

    private static void msmG1(KernelBackend cuda, Random rnd, int n, int onesPercent) {
        G1Affine[] bases = g1Bases(rnd, n);
        if (n > 10) {
            bases[n / 2] = G1Affine.INFINITY;
        }
        long[] s = Msm.canonicalScalars(scalars(rnd, n, onesPercent), n);
        long t0 = System.nanoTime();
        G1Point expected = JAVA.msmG1(bases, s);
        long t1 = System.nanoTime();
        G1Point got = cuda.msmG1(bases, s);
        long t2 = System.nanoTime();
        got = cuda.msmG1(bases, s);
        long t3 = System.nanoTime();
        check(expected.equals(got), String.format("MSM G1 n=%d%s (Java %.1f ms, CUDA through JNI %.1f ms first, %.1f ms"
                + " second)", n, onesPercent > 0 ? " witness-like" : "", (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6));
    }

    private static void msmG2(KernelBackend cuda, Random rnd, int n) {
        G2Affine[] bases = new G2Affine[n];
        G2Point p = G2Point.GENERATOR.mul(Fr.random(rnd));
        G2Point step = G2Point.GENERATOR.mul(Fr.random(rnd));
        for (int i = 0; i < n; i++) {
            bases[i] = i % 97 == 5 ? G2Affine.INFINITY : p.toAffine();
            p = p.add(step);
        }
        long[] s = Msm.canonicalScalars(scalars(rnd, n, 30), n);
        check(JAVA.msmG2(bases, s).equals(cuda.msmG2(bases, s)), "MSM G2 n=" + n);
    }

    private static void edgeCases(KernelBackend cuda) {
        G1Affine g = G1Affine.GENERATOR;
        check(cuda.msmG1(new G1Affine[0], new long[0]).isInfinity(), "MSM of nothing = O");
        check(cuda.msmG1(new G1Affine[] {g, g.neg()}, Msm.canonicalScalars(new Fr[] {Fr.of(7), Fr.of(7)}, 2))
                .isInfinity(), "7G − 7G = O");
        check(cuda.msmG1(new G1Affine[] {g}, Msm.canonicalScalars(new Fr[] {Fr.ONE.neg()}, 1))
                .equals(G1Point.GENERATOR.neg()), "(r − 1)·G = −G");
        long[] r = {0x43e1f593f0000001L, 0x2833e84879b97091L, 0xb85045b68181585dL, 0x30644e72e131a029L};
        boolean refused;
        try {
            cuda.msmG1(new G1Affine[] {g}, r);
            refused = false;
        } catch (IllegalArgumentException e) {
            refused = e.getMessage().contains(">= r");
        }
        check(refused, "scalar r refused with IllegalArgumentException");
    }

    private static void ntt(KernelBackend cuda, Random rnd, int k) {
        int n = 1 << k;
        Fr[] a = new Fr[n];
        for (int i = 0; i < n; i++) {
            a[i] = Fr.random(rnd);
        }
        long[] v = Ntt.toLimbs(a);
        Fr shift = Fr.rootOfUnity(k + 1);
        boolean ok = true;
        for (int variant = 0; variant < 4; variant++) {
            long[] expected = v.clone();
            long[] got = v.clone();
            boolean inverse = (variant & 1) == 1;
            if (variant < 2) {
                JAVA.ntt(expected, inverse);
                cuda.ntt(got, inverse);
            } else {
                JAVA.cosetNtt(expected, shift, inverse);
                cuda.cosetNtt(got, shift, inverse);
            }
            ok &= Arrays.equals(expected, got);
        }
        check(ok, "NTT n=2^" + k + ": forward, inverse, coset forward, coset inverse equal the Java Ntt");
    }

    /**
     * The QAP quotient step on 2^k rows, the lower half used: two A entries, one B and one C entry a row, the C value
     * the row's (A·z)(B·z), so the witness check passes and the whole step runs.
     */
    private static void qap(KernelBackend cuda, Random rnd, int k) {
        int rows = Math.max(1, (1 << k) / 2);
        int wires = rows + 2;
        Fr[] z = new Fr[wires];
        z[0] = Fr.ONE;
        for (int w = 1; w < wires; w++) {
            z[w] = Fr.random(rnd);
        }
        int[] m = new int[4 * rows], row = new int[4 * rows], col = new int[4 * rows];
        long[] v = new long[16 * rows];
        for (int j = 0; j < rows; j++) {
            Fr a0 = Fr.random(rnd), a1 = Fr.random(rnd), b0 = Fr.random(rnd);
            int bWire = 1 + rnd.nextInt(wires - 1);
            Fr product = a0.mul(z[j + 1]).add(a1.mul(z[j + 2])).mul(b0.mul(z[bWire]));
            Fr[] values = {a0, a1, b0, product};
            int[] matrices = {QapMatrices.A, QapMatrices.A, QapMatrices.B, QapMatrices.C};
            int[] columns = {j + 1, j + 2, bWire, 0};
            for (int e = 0; e < 4; e++) {
                m[4 * j + e] = matrices[e];
                row[4 * j + e] = j;
                col[4 * j + e] = columns[e];
                values[e].toMontgomeryLimbs(v, 16 * j + 4 * e);
            }
        }
        QapMatrices matrices = new QapMatrices(m, row, col, v);
        long[] witness = new long[4 * wires];
        for (int w = 0; w < wires; w++) {
            z[w].toMontgomeryLimbs(witness, 4 * w);
        }
        long t0 = System.nanoTime();
        long[] expected = JAVA.qapQuotient(matrices, witness, k);
        long t1 = System.nanoTime();
        long[] got = cuda.qapQuotient(matrices, witness, k);
        long t2 = System.nanoTime();
        check(Arrays.equals(expected, got), String.format("QAP quotient step on 2^%d rows (Java %.1f ms, on the CUDA"
                + " backend %.1f ms)", k, (t1 - t0) / 1e6, (t2 - t1) / 1e6));
    }
}
