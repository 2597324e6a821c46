package io.zkinfer.kernels.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.zkinfer.algebra.curve.G1Affine;
import io.zkinfer.algebra.curve.G1Point;
import io.zkinfer.algebra.curve.G2Affine;
import io.zkinfer.algebra.curve.G2Point;
import io.zkinfer.algebra.field.Fr;
import io.zkinfer.algebra.msm.Msm;
import io.zkinfer.algebra.poly.Ntt;
import io.zkinfer.algebra.spi.JavaKernelBackend;
import io.zkinfer.algebra.testing.TestRandom;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The CUDA backend against the Java backend on random sizes (not powers of two for the MSM, so that
 * window and segment boundaries fall anywhere), sparse and infinite bases, G2, and every NTT variant.
 * Skipped with the reason when no device is present.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CudaParityTest {
    private static final CudaKernelBackend CUDA = CudaBackends.CUDA;
    private static final JavaKernelBackend JAVA = new JavaKernelBackend();
    private long seed;

    @BeforeAll
    void announce() {
        CudaBackends.announce(getClass());
        seed = TestRandom.seed(getClass().getSimpleName());
    }

    @BeforeEach
    void needsDevice() {
        assumeTrue(CUDA.isAvailable(), () -> "the CUDA backend is unavailable: " + CUDA.unavailableReason());
    }

    private static G1Affine[] randomBases(Random rnd, int n) {
        G1Point[] pts = new G1Point[n];
        G1Point p = G1Point.GENERATOR.mul(Fr.random(rnd));
        G1Point step = G1Point.GENERATOR.mul(Fr.random(rnd));
        for (int i = 0; i < n; i++) {
            pts[i] = p;
            p = p.add(step);
        }
        return G1Point.batchToAffine(pts);
    }

    @Test
    void msmMatchesJavaOnRandomSizes() {
        Random rnd = new Random(seed);
        for (int n : new int[] {1, 31, 257, 1000 + rnd.nextInt(3000), 40_000 + rnd.nextInt(30_000)}) {
            G1Affine[] bases = randomBases(rnd, n);
            Fr[] s = new Fr[n];
            for (int i = 0; i < n; i++) {
                s[i] = Fr.random(rnd);
            }
            long[] scalars = Msm.canonicalScalars(s, n);
            assertEquals(JAVA.msmG1(bases, scalars), CUDA.msmG1(bases, scalars), "n=" + n);
        }
    }

    @Test
    void msmWithZerosInfinityAndSmallSignedScalars() {
        Random rnd = new Random(seed + 1);
        int n = 5000;
        G1Affine[] bases = randomBases(rnd, n);
        Fr[] s = new Fr[n];
        for (int i = 0; i < n; i++) {
            switch (i % 5) {
                case 0: s[i] = Fr.ZERO; break;
                case 1: bases[i] = G1Affine.INFINITY; s[i] = Fr.random(rnd); break;
                case 2: s[i] = Fr.of(rnd.nextInt(100)).neg(); break;
                case 3: s[i] = Fr.ONE; break;
                default: s[i] = Fr.random(rnd);
            }
        }
        long[] scalars = Msm.canonicalScalars(s, n);
        long[] before = scalars.clone();
        assertEquals(JAVA.msmG1(bases, scalars), CUDA.msmG1(bases, scalars));
        assertArrayEquals(before, scalars, "the caller's scalars are not modified");
        assertEquals(G1Point.INFINITY, CUDA.msmG1(new G1Affine[] {G1Affine.INFINITY, G1Affine.GENERATOR},
                new long[8]), "all zero");
    }

    @Test
    void g2MsmMatchesJava() {
        Random rnd = new Random(seed + 3);
        for (int n : new int[] {1, 77, 2000 + rnd.nextInt(2000)}) {
            G2Affine[] bases = new G2Affine[n];
            G2Point p = G2Point.GENERATOR.mul(Fr.random(rnd));
            G2Point step = G2Point.GENERATOR.mul(Fr.random(rnd));
            Fr[] s = new Fr[n];
            for (int i = 0; i < n; i++) {
                bases[i] = i % 50 == 7 ? G2Affine.INFINITY : p.toAffine();
                p = p.add(step);
                s[i] = i % 3 == 0 ? Fr.ONE.neg() : Fr.random(rnd);
            }
            long[] scalars = Msm.canonicalScalars(s, n);
            assertEquals(JAVA.msmG2(bases, scalars), CUDA.msmG2(bases, scalars), "n=" + n);
        }
    }

    @Test
    void nttMatchesJavaInEveryVariant() {
        Random rnd = new Random(seed + 2);
        for (int k : new int[] {1, 2, 7, 11, 16, 18}) {
            int n = 1 << k;
            Fr[] a = new Fr[n];
            for (int i = 0; i < n; i++) {
                a[i] = Fr.random(rnd);
            }
            long[] v = Ntt.toLimbs(a);
            Fr shift = Fr.rootOfUnity(k + 1);
            for (int variant = 0; variant < 4; variant++) {
                long[] expected = v.clone();
                long[] got = v.clone();
                boolean inverse = (variant & 1) == 1;
                if (variant < 2) {
                    JAVA.ntt(expected, inverse);
                    CUDA.ntt(got, inverse);
                } else {
                    JAVA.cosetNtt(expected, shift, inverse);
                    CUDA.cosetNtt(got, shift, inverse);
                }
                assertArrayEquals(expected, got, "n=2^" + k + " variant " + variant);
            }
        }
    }

    @Test
    void refusesBadInputBeforeTheDevice() {
        assertThrows(IllegalArgumentException.class, () -> CUDA.ntt(new long[12], false));
        assertThrows(IllegalArgumentException.class, () -> CUDA.ntt(new long[6], false));
        assertThrows(IllegalArgumentException.class, () -> CUDA.cosetNtt(new long[8], Fr.ZERO, true));
    }
}
