package io.zkinfer.algebra.spi;

import static io.zkinfer.algebra.testing.NaivePolynomials.evaluate;
import static io.zkinfer.algebra.testing.NaivePolynomials.interpolate;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkinfer.algebra.field.Fr;
import io.zkinfer.algebra.field.FrArithmetic;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract of {@link KernelBackend#qapQuotient} for every backend: the quotient scalars are (a·b − c)(g·ωʲ)
 * computed from the definition (interpolation by the inverse DFT sum, evaluation by Horner), the same with and
 * without C, the first unsatisfied row is named, and entries outside the domain or the witness are refused. Runs
 * against every available backend by default; override {@link #backends()} to target one.
 */
public abstract class QapContract extends BackendContract {
    protected QapContract() {
        super(Capability.NTT);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void quotientIsTheDefinition(KernelBackend backend) {
        assumeAvailable(backend);
        Random rnd = new Random(seed());
        for (int k : new int[] {0, 1, 3, 6}) {
            int n = 1 << k;
            RandomQap qap = new RandomQap(rnd, k, n - n / 4, 9);
            long[] h = backend.qapQuotient(qap.withC, qap.witnessLimbs(), k);
            assertArrayEquals(canonical(fromDefinition(qap)), h, "2^" + k + " rows");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void theQuotientIsTheSameWithoutC(KernelBackend backend) {
        assumeAvailable(backend);
        RandomQap qap = new RandomQap(new Random(seed() + 1), 10, 1000, 300);
        assertArrayEquals(backend.qapQuotient(qap.withC, qap.witnessLimbs(), 10),
                backend.qapQuotient(qap.withoutC, qap.witnessLimbs(), 10));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void theFirstUnsatisfiedRowIsNamed(KernelBackend backend) {
        assumeAvailable(backend);
        RandomQap qap = new RandomQap(new Random(seed() + 2), 13, 8000, 500);
        UnsatisfiedRowException e = assertThrows(UnsatisfiedRowException.class,
                () -> backend.qapQuotient(qap.withCOffAt(7000, 4097, 6), qap.witnessLimbs(), 13));
        assertEquals(6, e.row());
        e = assertThrows(UnsatisfiedRowException.class,
                () -> backend.qapQuotient(qap.withCOffAt(7999), qap.witnessLimbs(), 13));
        assertEquals(7999, e.row());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void entriesOutsideTheDomainOrTheWitnessAreRefused(KernelBackend backend) {
        assumeAvailable(backend);
        RandomQap qap = new RandomQap(new Random(seed() + 3), 4, 16, 5);
        long[] z = qap.witnessLimbs();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> backend.qapQuotient(qap.withC, z, 3));
        assertTrue(e.getMessage().contains("outside the domain of 8 rows"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> backend.qapQuotient(qap.withC, java.util.Arrays.copyOf(z, 8), 4));
        assertTrue(e.getMessage().contains("but the witness has 2 wires"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> backend.qapQuotient(qap.withC, java.util.Arrays.copyOf(z, 21), 4));
        assertTrue(e.getMessage().contains("not a multiple of 4"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> backend.qapQuotient(qap.withC, z, 28));
        assertTrue(e.getMessage().contains("out of range"), e.getMessage());
    }

    /** (a·b − c)(g·ωʲ) from the definition, in O(n²) Fr arithmetic. */
    private static Fr[] fromDefinition(RandomQap qap) {
        int n = 1 << qap.log2n;
        Fr[][] onDomain = new Fr[3][n];
        for (Fr[] values : onDomain) {
            java.util.Arrays.fill(values, Fr.ZERO);
        }
        QapMatrices m = qap.withoutC;
        long[] v = m.valueLimbs();
        for (int i = 0; i < m.size(); i++) {
            Fr value = Fr.fromMontgomeryLimbs(v[4 * i], v[4 * i + 1], v[4 * i + 2], v[4 * i + 3]);
            int row = m.rows()[i];
            onDomain[m.matrixIds()[i]][row] = onDomain[m.matrixIds()[i]][row].add(value.mul(qap.z[m.columns()[i]]));
        }
        for (int j = 0; j < n; j++) {
            onDomain[2][j] = onDomain[0][j].mul(onDomain[1][j]);
        }
        Fr w = Fr.rootOfUnity(qap.log2n);
        Fr g = Fr.rootOfUnity(qap.log2n + 1);
        Fr[][] coefficients = new Fr[3][];
        for (int p = 0; p < 3; p++) {
            coefficients[p] = interpolate(onDomain[p], w);
        }
        Fr[] h = new Fr[n];
        for (int j = 0; j < n; j++) {
            Fr x = g.mul(w.pow(j));
            h[j] = evaluate(coefficients[0], x).mul(evaluate(coefficients[1], x)).sub(evaluate(coefficients[2], x));
        }
        return h;
    }

    private static long[] canonical(Fr[] values) {
        long[] l = new long[4 * values.length];
        for (int i = 0; i < values.length; i++) {
            values[i].toMontgomeryLimbs(l, 4 * i);
            FrArithmetic.fromMontgomery(l, 4 * i, l, 4 * i);
        }
        return l;
    }
}
