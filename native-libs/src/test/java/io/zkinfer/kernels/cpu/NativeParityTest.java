package io.zkinfer.kernels.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkinfer.algebra.curve.G1Affine;
import io.zkinfer.algebra.curve.G1Point;
import io.zkinfer.algebra.curve.G2Affine;
import io.zkinfer.algebra.curve.G2Point;
import io.zkinfer.algebra.field.Fr;
import io.zkinfer.algebra.msm.Msm;
import io.zkinfer.algebra.poly.Ntt;
import io.zkinfer.algebra.spi.JavaKernelBackend;
import io.zkinfer.algebra.spi.RandomQap;
import io.zkinfer.algebra.spi.UnsatisfiedRowException;
import io.zkinfer.algebra.testing.TestRandom;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Native against Java on random inputs of many sizes, on both arithmetic paths (BMI2/ADX and portable): the MSMs,
 * the NTT and the QAP quotient step.
 */
class NativeParityTest {
    private static long seed;

    @BeforeAll
    static void seed() {
        seed = TestRandom.seed(NativeParityTest.class.getSimpleName());
    }

    @AfterEach
    void restoreDetection() {
        if (NativeBackends.registered().isAvailable()) {
            NativeKernels.forcePortable(false);
        }
    }

    @ParameterizedTest(name = "portable={0}")
    @ValueSource(booleans = {false, true})
    void g1MsmEqualsJavaOnManySizes(boolean portable) {
        NativeKernelBackend nb = NativeBackends.requireAvailable();
        NativeKernels.forcePortable(portable);
        Random rnd = new Random(seed);
        for (int n : new int[] {1, 2, 3, 17, 1000, (1 << 12) + 5, 1 << 16}) {
            G1Affine[] bases = RandomPoints.g1(rnd, n);
            bases[rnd.nextInt(n)] = G1Affine.INFINITY;
            long[] s = RandomPoints.scalars(rnd, n);
            assertEquals(Msm.g1(bases, s), nb.msmG1(bases, s), "n=" + n + " isa=" + NativeKernels.isa());
        }
    }

    @ParameterizedTest(name = "portable={0}")
    @ValueSource(booleans = {false, true})
    void g2MsmEqualsJavaOnManySizes(boolean portable) {
        NativeKernelBackend nb = NativeBackends.requireAvailable();
        NativeKernels.forcePortable(portable);
        Random rnd = new Random(seed + 1);
        // 2^15 + 3 terms take 2048 buckets a window: the buckets are summed in segments (msm_reduce.inc)
        for (int n : new int[] {1, 2, 3, 17, 1000, (1 << 12) + 5, (1 << 15) + 3}) {
            G2Affine[] bases = RandomPoints.g2(rnd, n);
            bases[rnd.nextInt(n)] = G2Affine.INFINITY;
            long[] s = RandomPoints.scalars(rnd, n);
            assertEquals(Msm.g2(bases, s), nb.msmG2(bases, s), "n=" + n + " isa=" + NativeKernels.isa());
        }
    }

    /**
     * A few points, their negations and a few scalars, repeated: the same base lands in the same bucket
     * again and again, so bucket additions meet doublings (P + P) and cancellations (P + (−P)), and the
     * points waiting for a bucket overflow their queue. At 20,000 terms a window has 1024 buckets, summed in
     * segments whose running sums meet the same doublings and cancellations.
     */
    @ParameterizedTest(name = "portable={0}, n={1}")
    @CsvSource({"false, 5000", "true, 5000", "false, 20000", "true, 20000"})
    void repeatedAndOpposedBasesEqualJava(boolean portable, int n) {
        NativeKernelBackend nb = NativeBackends.requireAvailable();
        NativeKernels.forcePortable(portable);
        Random rnd = new Random(seed + 4);
        G1Affine[] pool1 = RandomPoints.g1(rnd, 4);
        G2Affine[] pool2 = RandomPoints.g2(rnd, 4);
        long[] scalarPool = RandomPoints.scalars(rnd, 3);
        G1Affine[] g1 = new G1Affine[n];
        G2Affine[] g2 = new G2Affine[n];
        long[] s = new long[4 * n];
        for (int i = 0; i < n; i++) {
            int p = rnd.nextInt(4);
            boolean neg = rnd.nextBoolean();
            g1[i] = neg ? pool1[p].neg() : pool1[p];
            g2[i] = neg ? pool2[p].neg() : pool2[p];
            System.arraycopy(scalarPool, 4 * rnd.nextInt(3), s, 4 * i, 4);
        }
        assertEquals(Msm.g1(g1, s), nb.msmG1(g1, s), "G1 isa=" + NativeKernels.isa());
        assertEquals(Msm.g2(g2, s), nb.msmG2(g2, s), "G2 isa=" + NativeKernels.isa());
    }

    @Test
    void edgeCases() {
        NativeKernelBackend nb = NativeBackends.requireAvailable();
        Random rnd = new Random(seed + 2);
        G1Affine[] bases = RandomPoints.g1(rnd, 40);
        assertEquals(G1Point.INFINITY, nb.msmG1(bases, new long[4 * 40]), "all scalars zero");
        G1Affine[] infinite = new G1Affine[5];
        java.util.Arrays.fill(infinite, G1Affine.INFINITY);
        assertEquals(G1Point.INFINITY, nb.msmG1(infinite, RandomPoints.scalars(rnd, 5)), "all bases infinite");
        long[] rMinusOne = Msm.canonicalScalars(new Fr[] {Fr.ONE.neg()}, 1);
        assertEquals(bases[0].toJacobian().neg(), nb.msmG1(new G1Affine[] {bases[0]}, rMinusOne), "(r − 1)·P = −P");
        G2Affine[] g2 = RandomPoints.g2(rnd, 3);
        assertEquals(g2[1].toJacobian().neg(), nb.msmG2(new G2Affine[] {g2[1]}, rMinusOne), "G2 (r − 1)·P = −P");
        long[] s = RandomPoints.scalars(rnd, 40);
        s[4 * 39 + 3] = -1L; // scalar 39 ≥ 2^192·(2^64 − 1) > r
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> nb.msmG1(bases, s));
        assertTrue(e.getMessage().contains("scalar 39") && e.getMessage().contains(">= r"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> nb.msmG2(g2, new long[4]), "length mismatch");
    }

    @Test
    void reusedBaseArraysAreReflattenedWhenRefilled() {
        NativeKernelBackend nb = NativeBackends.requireAvailable();
        Random rnd = new Random(seed + 3);
        G1Affine[] bases = RandomPoints.g1(rnd, 64);
        long[] s = RandomPoints.scalars(rnd, 64);
        assertEquals(Msm.g1(bases, s), nb.msmG1(bases, s));
        assertEquals(Msm.g1(bases, s), nb.msmG1(bases, s), "cached");
        bases[10] = bases[11].neg();
        assertEquals(Msm.g1(bases, s), nb.msmG1(bases, s), "after replacing an element");
    }

    @ParameterizedTest(name = "portable={0}")
    @ValueSource(booleans = {false, true})
    void nttIsBitIdenticalToJava(boolean portable) {
        NativeKernelBackend nb = NativeBackends.requireAvailable();
        NativeKernels.forcePortable(portable);
        Random rnd = new Random(seed + 4);
        for (int k = 0; k <= 16; k++) {
            Fr[] a = new Fr[1 << k];
            for (int i = 0; i < a.length; i++) {
                a[i] = Fr.random(rnd);
            }
            Fr shift = Fr.rootOfUnity(k + 1);
            long[] expected = Ntt.toLimbs(a);
            long[] got = expected.clone();
            Ntt.forward(expected);
            nb.ntt(got, false);
            assertArrayEquals(expected, got, "forward 2^" + k);
            Ntt.inverse(expected);
            nb.ntt(got, true);
            assertArrayEquals(expected, got, "inverse 2^" + k);
            Ntt.cosetForward(expected, shift);
            nb.cosetNtt(got, shift, false);
            assertArrayEquals(expected, got, "coset forward 2^" + k);
            Ntt.cosetInverse(expected, shift);
            nb.cosetNtt(got, shift, true);
            assertArrayEquals(expected, got, "coset inverse 2^" + k);
            assertArrayEquals(Ntt.toLimbs(a), got, "round trips 2^" + k);
        }
    }

    @Test
    void nttRefusesBadSizesAndLeavesValuesUnchanged() {
        NativeKernelBackend nb = NativeBackends.requireAvailable();
        long[] three = Ntt.toLimbs(new Fr[] {Fr.of(1), Fr.of(2), Fr.of(3)});
        long[] copy = three.clone();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> nb.ntt(three, false));
        assertTrue(e.getMessage().contains("not a power of two"), e.getMessage());
        assertArrayEquals(copy, three);
        assertThrows(IllegalArgumentException.class, () -> nb.ntt(new long[6], false));
        assertThrows(IllegalArgumentException.class, () -> nb.ntt(new long[0], true));
        long[] four = Ntt.toLimbs(new Fr[] {Fr.of(1), Fr.of(2), Fr.of(3), Fr.of(4)});
        assertThrows(IllegalArgumentException.class, () -> nb.cosetNtt(four, Fr.ZERO, true));
    }

    /**
     * The QAP quotient step: sizes where the NTTs run on one thread and on all, a domain mostly empty (a real
     * key's padding), with and without C.
     */
    @ParameterizedTest(name = "portable={0}")
    @ValueSource(booleans = {false, true})
    void qapQuotientEqualsJava(boolean portable) {
        NativeKernelBackend nb = NativeBackends.requireAvailable();
        NativeKernels.forcePortable(portable);
        JavaKernelBackend java = new JavaKernelBackend();
        Random rnd = new Random(seed + 5);
        int[][] shapes = {{2, 3, 3}, {11, 2000, 700}, {12, 4096, 2000}, {15, 20000, 9000}};
        for (int[] s : shapes) {
            RandomQap qap = new RandomQap(rnd, s[0], s[1], s[2]);
            long[] z = qap.witnessLimbs();
            String what = "2^" + s[0] + " rows, " + s[1] + " used, isa=" + NativeKernels.isa();
            assertArrayEquals(java.qapQuotient(qap.withC, z, s[0]), nb.qapQuotient(qap.withC, z, s[0]), what);
            assertArrayEquals(java.qapQuotient(qap.withoutC, z, s[0]), nb.qapQuotient(qap.withoutC, z, s[0]),
                    what + ", without C");
        }
    }

    /** The JNI layer copies the entries in batches (2^20 in use); smaller batches show the seams. */
    @ParameterizedTest(name = "batch={0}")
    @ValueSource(ints = {1, 7, 1000})
    void qapEntriesCopiedInBatchesGiveTheSameQuotient(int batch) {
        NativeKernelBackend nb = NativeBackends.requireAvailable();
        RandomQap qap = new RandomQap(new Random(seed + 6), 9, 500, 200);
        long[] z = qap.witnessLimbs();
        assertArrayEquals(new JavaKernelBackend().qapQuotient(qap.withC, z, 9),
                nb.qapQuotient(qap.withC, z, 9, batch));
        UnsatisfiedRowException e = assertThrows(UnsatisfiedRowException.class,
                () -> nb.qapQuotient(qap.withCOffAt(499, 250), z, 9, batch));
        assertEquals(250, e.row());
    }

    @ParameterizedTest(name = "portable={0}")
    @ValueSource(booleans = {false, true})
    void qapUnsatisfiedRowInTheLastChunkIsFound(boolean portable) {
        NativeKernelBackend nb = NativeBackends.requireAvailable();
        NativeKernels.forcePortable(portable);
        RandomQap qap = new RandomQap(new Random(seed + 7), 14, 1 << 14, 3000);
        UnsatisfiedRowException e = assertThrows(UnsatisfiedRowException.class,
                () -> nb.qapQuotient(qap.withCOffAt((1 << 14) - 1, (1 << 14) - 4000), qap.witnessLimbs(), 14));
        assertEquals((1 << 14) - 4000, e.row());
    }

    @Test
    void printsTheArithmeticInUse() {
        NativeKernelBackend nb = NativeBackends.requireAvailable();
        System.out.println("native kernels: " + nb.description());
        assertTrue(NativeKernels.isa().equals("bmi2-adx") || NativeKernels.isa().equals("portable"));
    }
}
