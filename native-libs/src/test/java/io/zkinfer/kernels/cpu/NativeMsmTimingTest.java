package io.zkinfer.kernels.cpu;

import io.zkinfer.algebra.curve.G1Affine;
import io.zkinfer.algebra.curve.G2Affine;
import io.zkinfer.algebra.msm.Msm;
import io.zkinfer.algebra.poly.Ntt;
import io.zkinfer.algebra.field.Fr;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Prints native and Java kernel times at 2^16 (best of three) for a quick look; asserts nothing (timings
 * belong in the JMH benchmarks).
 */
class NativeMsmTimingTest {
    private static final int LOG2 = 16;

    @Test
    void printsNativeAndJavaTimes() {
        NativeKernelBackend nb = NativeBackends.requireAvailable();
        Random rnd = new Random(1);
        int n = 1 << LOG2;
        G1Affine[] g1 = RandomPoints.g1(rnd, n);
        long[] s = new long[4 * n];
        for (int i = 0; i < n; i++) {
            Fr.random(rnd).toMontgomeryLimbs(s, 4 * i); // uniform limbs below r, as canonical scalars
        }
        G2Affine[] g2 = RandomPoints.g2(rnd, n / 8);
        long[] s2 = java.util.Arrays.copyOf(s, n / 2);
        long[] values = new long[4 * n];
        for (int i = 0; i < n; i++) {
            Fr.random(rnd).toMontgomeryLimbs(values, 4 * i);
        }
        report("G1 MSM 2^" + LOG2, () -> Msm.g1(g1, s), () -> nb.msmG1(g1, s));
        report("G2 MSM 2^" + (LOG2 - 3), () -> Msm.g2(g2, s2), () -> nb.msmG2(g2, s2));
        report("NTT 2^" + LOG2, () -> Ntt.forward(values), () -> nb.ntt(values, false));
    }

    private static void report(String what, Runnable java, Runnable nativeKernel) {
        double j = best(java);
        double c = best(nativeKernel);
        System.out.printf("%s: Java %.1f ms, native %.1f ms (%.1fx) on %d threads, %s%n", what, j, c, j / c,
                Runtime.getRuntime().availableProcessors(), NativeKernels.isa());
    }

    private static double best(Runnable r) {
        double best = Double.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long t = System.nanoTime();
            r.run();
            best = Math.min(best, (System.nanoTime() - t) / 1e6);
        }
        return best;
    }
}
