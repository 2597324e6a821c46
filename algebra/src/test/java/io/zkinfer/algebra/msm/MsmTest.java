package io.zkinfer.algebra.msm;

import io.zkinfer.algebra.testing.TestRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkinfer.algebra.curve.G1Affine;
import io.zkinfer.algebra.curve.G1Point;
import io.zkinfer.algebra.curve.G2Affine;
import io.zkinfer.algebra.curve.G2Point;
import io.zkinfer.algebra.field.Fr;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The Fr[] entry points and window choice; the full MSM contract is io.zkinfer.algebra.spi.MsmContract. */
class MsmTest {
    @Test
    void frScalarsAgreeWithNaiveSum() {
        long seed = TestRandom.seed("MsmTest");
        Random rnd = new Random(seed);
        int n = 12;
        G1Point[] pts = new G1Point[n];
        G2Point[] pts2 = new G2Point[n];
        Fr[] s = new Fr[n];
        G1Point expected = G1Point.INFINITY;
        G2Point expected2 = G2Point.INFINITY;
        for (int i = 0; i < n; i++) {
            Fr k = Fr.random(rnd);
            pts[i] = G1Point.GENERATOR.mul(k);
            pts2[i] = G2Point.GENERATOR.mul(k);
            s[i] = i == 3 ? Fr.ZERO : i == 4 ? Fr.ONE.neg() : Fr.random(rnd);
            expected = expected.add(pts[i].mul(s[i]));
            expected2 = expected2.add(pts2[i].mul(s[i]));
        }
        assertEquals(expected, Msm.g1(G1Point.batchToAffine(pts), s));
        assertEquals(expected2, Msm.g2(G2Point.batchToAffine(pts2), s));
    }

    @Test
    void canonicalScalarsAreStandardFormLittleEndian() {
        long[] c = Msm.canonicalScalars(new Fr[] {Fr.of(5), Fr.ONE.neg()}, 2);
        assertEquals(5L, c[0]);
        assertEquals(0L, c[1] | c[2] | c[3]);
        assertEquals(0x43e1f593f0000000L, c[4]); // r − 1, low limb
        assertEquals(0x30644e72e131a029L, c[7]);
    }

    @Test
    void mismatchedLengthsAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Msm.g1(new G1Affine[] {G1Affine.GENERATOR}, new Fr[] {Fr.ONE, Fr.ONE}));
        assertTrue(e.getMessage().contains("1 bases but 2 scalars"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Msm.g2(new G2Affine[] {G2Affine.GENERATOR}, new long[3]));
    }

    @Test
    void windowGrowsWithSize() {
        int previous = 0;
        for (int m : new int[] {1, 10, 100, 1000, 10_000, 100_000, 1_000_000}) {
            int c = Pippenger.windowBits(m);
            assertTrue(c >= previous && c >= 1 && c <= 15, "m=" + m + " c=" + c);
            previous = c;
        }
    }

    @Test
    void concurrentCallsAgreeWithSequentialOnes() throws Exception {
        Random rnd = new Random(7);
        int n = 2000;
        G1Point step = G1Point.GENERATOR.mul(Fr.random(rnd));
        G1Point[] pts = new G1Point[n];
        pts[0] = step;
        for (int i = 1; i < n; i++) {
            pts[i] = pts[i - 1].add(step);
        }
        G1Affine[] bases = G1Point.batchToAffine(pts);
        long[][] scalars = new long[4][];
        G1Point[] expected = new G1Point[4];
        for (int t = 0; t < 4; t++) {
            Fr[] s = new Fr[n];
            for (int i = 0; i < n; i++) {
                s[i] = Fr.random(rnd);
            }
            scalars[t] = Msm.canonicalScalars(s, n);
            expected[t] = Msm.g1(bases, scalars[t]);
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            java.util.List<java.util.concurrent.Future<G1Point>> got = new java.util.ArrayList<>();
            for (int t = 0; t < 4; t++) {
                long[] sc = scalars[t];
                got.add(pool.submit(() -> Msm.g1(bases, sc)));
            }
            for (int t = 0; t < 4; t++) {
                assertEquals(expected[t], got.get(t).get(), "call " + t);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
