package io.zkinfer.algebra.spi;

import static io.zkinfer.algebra.testing.NaivePolynomials.evaluate;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.zkinfer.algebra.field.Fr;
import io.zkinfer.algebra.poly.Ntt;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The NTT contract every {@link KernelBackend} must meet: forward = evaluation at ωⁱ (natural order),
 * inverse undoes it, and the coset variants evaluate at shift·ωⁱ. Runs against every available
 * backend by default; override {@link #backends()} to target one.
 */
public abstract class NttContract extends BackendContract {
    protected NttContract() {
        super(Capability.NTT);
    }

    private static Fr[] random(Random rnd, int n) {
        Fr[] a = new Fr[n];
        for (int i = 0; i < n; i++) {
            a[i] = Fr.random(rnd);
        }
        return a;
    }


    private static Fr at(long[] v, int i) {
        return Fr.fromMontgomeryLimbs(v[4 * i], v[4 * i + 1], v[4 * i + 2], v[4 * i + 3]);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void forwardEvaluatesAndInverseInterpolates(KernelBackend backend) {
        assumeAvailable(backend);
        Random rnd = new Random(seed());
        for (int k : new int[] {0, 1, 2, 5, 10, 14}) {
            int n = 1 << k;
            Fr[] a = random(rnd, n);
            long[] v = Ntt.toLimbs(a);
            backend.ntt(v, false);
            Fr w = Fr.rootOfUnity(k);
            for (int i : new int[] {0, n / 3, n - 1}) {
                assertEquals(evaluate(a, w.pow(i)), at(v, i), "n=2^" + k + " i=" + i);
            }
            backend.ntt(v, true);
            assertArrayEquals(Ntt.toLimbs(a), v, "round trip n=2^" + k);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void cosetTransformsUseTheShift(KernelBackend backend) {
        assumeAvailable(backend);
        Random rnd = new Random(seed() + 1);
        for (int k : new int[] {0, 3, 12}) {
            int n = 1 << k;
            Fr shift = Fr.rootOfUnity(k + 1);
            Fr[] a = random(rnd, n);
            long[] v = Ntt.toLimbs(a);
            backend.cosetNtt(v, shift, false);
            Fr w = Fr.rootOfUnity(k);
            for (int i : new int[] {0, n / 2, n - 1}) {
                assertEquals(evaluate(a, shift.mul(w.pow(i))), at(v, i), "n=2^" + k + " i=" + i);
            }
            backend.cosetNtt(v, shift, true);
            assertArrayEquals(Ntt.toLimbs(a), v, "coset round trip n=2^" + k);
        }
    }
}
