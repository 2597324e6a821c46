package io.zkinfer.algebra.poly;

import io.zkinfer.algebra.testing.TestRandom;

import static io.zkinfer.algebra.testing.NaivePolynomials.evaluate;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.zkinfer.algebra.field.Fr;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class NttTest {
    private static long seed;

    @BeforeAll
    static void seed() {
        seed = TestRandom.seed("NttTest");
    }

    private static Fr[] random(Random rnd, int n) {
        Fr[] a = new Fr[n];
        for (int i = 0; i < n; i++) {
            a[i] = Fr.random(rnd);
        }
        return a;
    }


    @Test
    void forwardMatchesNaiveDft() {
        Random rnd = new Random(seed);
        for (int k = 0; k <= 6; k++) {
            int n = 1 << k;
            Fr[] a = random(rnd, n);
            Fr[] e = a.clone();
            Ntt.forward(e);
            Fr w = Fr.rootOfUnity(k);
            for (int i = 0; i < n; i++) {
                assertEquals(evaluate(a, w.pow(i)), e[i], "n=" + n + " i=" + i);
            }
        }
    }

    @Test
    void inverseUndoesForwardIncludingParallelSizes() {
        Random rnd = new Random(seed + 1);
        for (int k : new int[] {0, 1, 2, 3, 5, 8, 11, 12, 13}) {
            int n = 1 << k;
            long[] a = Ntt.toLimbs(random(rnd, n));
            long[] b = a.clone();
            Ntt.forward(b);
            Ntt.inverse(b);
            assertArrayEquals(a, b, "n=2^" + k);
            Ntt.inverse(b);
            Ntt.forward(b);
            assertArrayEquals(a, b, "n=2^" + k + " (inverse first)");
        }
    }

    @Test
    void parallelAndSerialSizesAgreeWithNaiveAtSamplePoints() {
        Random rnd = new Random(seed + 2);
        int k = Ntt.PARALLEL_LOG2_THRESHOLD + 1;
        Fr[] a = random(rnd, 1 << k);
        Fr[] e = a.clone();
        Ntt.forward(e);
        Fr w = Fr.rootOfUnity(k);
        for (int i : new int[] {0, 1, 2, 1000, (1 << k) - 1}) {
            assertEquals(evaluate(a, w.pow(i)), e[i], "i=" + i);
        }
    }

    @Test
    void cosetForwardEvaluatesOnShiftedDomain() {
        Random rnd = new Random(seed + 3);
        for (int k = 0; k <= 5; k++) {
            int n = 1 << k;
            Fr shift = Fr.rootOfUnity(k + 1); // snarkjs's odd coset
            Fr[] a = random(rnd, n);
            Fr[] e = a.clone();
            Ntt.cosetForward(e, shift);
            Fr w = Fr.rootOfUnity(k);
            for (int i = 0; i < n; i++) {
                assertEquals(evaluate(a, shift.mul(w.pow(i))), e[i], "n=" + n + " i=" + i);
            }
            Ntt.cosetInverse(e, shift);
            assertArrayEquals(a, e, "coset round trip n=" + n);
        }
    }

    @Test
    void cosetRoundTripWithArbitraryShiftAndParallelSize() {
        Random rnd = new Random(seed + 4);
        for (int k : new int[] {4, 13}) {
            Fr shift = Fr.MULTIPLICATIVE_GENERATOR.mul(Fr.random(rnd));
            long[] a = Ntt.toLimbs(random(rnd, 1 << k));
            long[] b = a.clone();
            Ntt.cosetForward(b, shift);
            Ntt.cosetInverse(b, shift);
            assertArrayEquals(a, b, "n=2^" + k);
        }
    }

    @Test
    void polynomialProductViaNttEqualsSchoolbook() {
        Random rnd = new Random(seed + 5);
        for (int da : new int[] {1, 3, 17, 40}) {
            int db = da / 2 + 2;
            Fr[] a = random(rnd, da);
            Fr[] b = random(rnd, db);
            Fr[] expected = new Fr[da + db - 1];
            java.util.Arrays.fill(expected, Fr.ZERO);
            for (int i = 0; i < da; i++) {
                for (int j = 0; j < db; j++) {
                    expected[i + j] = expected[i + j].add(a[i].mul(b[j]));
                }
            }
            int n = EvaluationDomain.atLeast(da + db - 1).size();
            Fr[] fa = padded(a, n);
            Fr[] fb = padded(b, n);
            Ntt.forward(fa);
            Ntt.forward(fb);
            for (int i = 0; i < n; i++) {
                fa[i] = fa[i].mul(fb[i]);
            }
            Ntt.inverse(fa);
            for (int i = 0; i < n; i++) {
                assertEquals(i < expected.length ? expected[i] : Fr.ZERO, fa[i], "coefficient " + i);
            }
        }
    }

    private static Fr[] padded(Fr[] a, int n) {
        Fr[] r = new Fr[n];
        java.util.Arrays.fill(r, Fr.ZERO);
        System.arraycopy(a, 0, r, 0, a.length);
        return r;
    }

    @Test
    void rejectsSizesThatAreNotPowersOfTwo() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Ntt.forward(new long[4 * 3]));
        assertEquals(true, e.getMessage().contains("not a power of two"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Ntt.forward(new long[5]));
        assertThrows(IllegalArgumentException.class, () -> Ntt.forward(new long[0]));
        assertThrows(IllegalArgumentException.class, () -> Ntt.cosetInverse(new long[8], Fr.ZERO));
    }
}
