package io.zkinfer.algebra.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.zkinfer.algebra.curve.G1Affine;
import io.zkinfer.algebra.curve.G1Point;
import io.zkinfer.algebra.curve.G2Affine;
import io.zkinfer.algebra.curve.G2Point;
import io.zkinfer.algebra.field.Fr;
import io.zkinfer.algebra.msm.Msm;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The MSM contract every {@link KernelBackend} must meet: msmG1/msmG2 equal Σ sᵢ·Pᵢ for every
 * input, including empty input, zero scalars, r − 1, infinity bases, repeated and opposite bases,
 * and refuse unreduced scalars. By default it runs against every available backend found by
 * {@link java.util.ServiceLoader}; a native module subclasses it and overrides {@link #backends()}.
 */
public abstract class MsmContract extends BackendContract {
    private static final Fr R_MINUS_ONE = Fr.ONE.neg();

    protected MsmContract() {
        super(Capability.MSM_G1);
    }

    /** Random scalars with zeros, ones and r − 1 sprinkled in. */
    private static Fr[] scalars(Random rnd, int n) {
        Fr[] s = new Fr[n];
        for (int i = 0; i < n; i++) {
            switch (rnd.nextInt(8)) {
                case 0: s[i] = Fr.ZERO; break;
                case 1: s[i] = Fr.ONE; break;
                case 2: s[i] = R_MINUS_ONE; break;
                case 3: s[i] = Fr.of(rnd.nextInt(1000)); break;
                default: s[i] = Fr.random(rnd);
            }
        }
        return s;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void g1MatchesKnownDiscreteLogSum(KernelBackend backend) {
        assumeAvailable(backend);
        Random rnd = new Random(seed());
        for (int n : new int[] {0, 1, 2, 3, 5, 17, 100, 1000, 1500}) {
            KnownLogBases fixture = KnownLogBases.random(rnd, n);
            Fr[] s = scalars(rnd, n);
            G1Point got = backend.msmG1(fixture.g1(), Msm.canonicalScalars(s, n));
            assertEquals(G1Point.GENERATOR.mul(fixture.dot(s)), got, "n=" + n);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void smallScalarsAsInWitnesses(KernelBackend backend) {
        assumeAvailable(backend);
        Random rnd = new Random(seed() + 4);
        int n = 1300;
        KnownLogBases fixture = KnownLogBases.random(rnd, n);
        G1Affine[] bases = fixture.g1();
        for (int bits : new int[] {1, 2, 13, 64, 65, 130}) {
            Fr[] s = new Fr[n];
            for (int i = 0; i < n; i++) {
                s[i] = Fr.of(new java.math.BigInteger(bits, rnd));
            }
            assertEquals(G1Point.GENERATOR.mul(fixture.dot(s)), backend.msmG1(bases, Msm.canonicalScalars(s, n)),
                    "scalars below 2^" + bits);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void smallSignedScalarsAsInWitnesses(KernelBackend backend) {
        assumeAvailable(backend);
        Random rnd = new Random(seed() + 6);
        int n = 1400;
        KnownLogBases fixture = KnownLogBases.random(rnd, n);
        for (int bits : new int[] {2, 20, 100}) {
            Fr[] s = new Fr[n];
            for (int i = 0; i < n; i++) {
                Fr v = Fr.of(new java.math.BigInteger(bits, rnd));
                s[i] = i % 3 == 0 ? v : v.neg(); // r − v: the field's encoding of a small negative integer
            }
            s[7] = Fr.ONE.neg();
            s[8] = Fr.ZERO;
            assertEquals(G1Point.GENERATOR.mul(fixture.dot(s)), backend.msmG1(fixture.g1(), Msm.canonicalScalars(s, n)),
                    "signed scalars below 2^" + bits);
            if (backend.capabilities().contains(Capability.MSM_G2)) {
                assertEquals(G2Point.GENERATOR.mul(fixture.dot(s)),
                        backend.msmG2(fixture.g2(), Msm.canonicalScalars(s, n)), "G2, signed scalars below 2^" + bits);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void witnessesFullOfBits(KernelBackend backend) {
        assumeAvailable(backend);
        Random rnd = new Random(seed() + 5);
        int n = 2500;
        KnownLogBases fixture = KnownLogBases.random(rnd, n);
        G1Affine[] bases = fixture.g1();
        for (int percentOnes : new int[] {100, 70, 25}) {
            Fr[] s = new Fr[n];
            for (int i = 0; i < n; i++) {
                int roll = rnd.nextInt(100);
                s[i] = roll < percentOnes ? Fr.ONE : roll < percentOnes + 10 ? Fr.ZERO : Fr.random(rnd);
            }
            assertEquals(G1Point.GENERATOR.mul(fixture.dot(s)), backend.msmG1(bases, Msm.canonicalScalars(s, n)),
                    percentOnes + "% ones");
        }
        if (backend.capabilities().contains(Capability.MSM_G2)) {
            Fr[] s = new Fr[n];
            for (int i = 0; i < n; i++) {
                s[i] = i % 4 == 3 ? Fr.random(rnd) : Fr.ONE;
            }
            assertEquals(G2Point.GENERATOR.mul(fixture.dot(s)), backend.msmG2(fixture.g2(), Msm.canonicalScalars(s, n)),
                    "G2, 75% ones");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void g1MatchesNaiveSum(KernelBackend backend) {
        assumeAvailable(backend);
        Random rnd = new Random(seed() + 1);
        for (int n : new int[] {1, 2, 3, 9, 17}) {
            G1Affine[] bases = KnownLogBases.random(rnd, n).g1();
            Fr[] s = scalars(rnd, n);
            G1Point expected = G1Point.INFINITY;
            for (int i = 0; i < n; i++) {
                expected = expected.add(bases[i].toJacobian().mul(s[i]));
            }
            assertEquals(expected, backend.msmG1(bases, Msm.canonicalScalars(s, n)), "n=" + n);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void g1EdgeCases(KernelBackend backend) {
        assumeAvailable(backend);
        G1Affine g = G1Affine.GENERATOR;
        G1Affine minusG = g.neg();
        long[] one = Msm.canonicalScalars(new Fr[] {Fr.ONE}, 1);
        assertEquals(G1Point.INFINITY, backend.msmG1(new G1Affine[0], new long[0]), "empty");
        assertEquals(G1Point.INFINITY, backend.msmG1(new G1Affine[] {G1Affine.INFINITY}, one), "infinity base");
        assertEquals(G1Point.INFINITY, backend.msmG1(new G1Affine[] {g}, new long[4]), "zero scalar");
        assertEquals(G1Point.INFINITY, backend.msmG1(new G1Affine[] {g, minusG},
                Msm.canonicalScalars(new Fr[] {Fr.of(7), Fr.of(7)}, 2)), "7G − 7G");
        assertEquals(G1Point.GENERATOR.mul(Fr.of(6)), backend.msmG1(new G1Affine[] {g, g, g},
                Msm.canonicalScalars(new Fr[] {Fr.ONE, Fr.of(2), Fr.of(3)}, 3)), "repeated base");
        assertEquals(G1Point.GENERATOR.neg(), backend.msmG1(new G1Affine[] {g},
                Msm.canonicalScalars(new Fr[] {R_MINUS_ONE}, 1)), "(r − 1)·G = −G");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void manyCopiesOfFewBasesWithEqualScalars(KernelBackend backend) {
        assumeAvailable(backend);
        Random rnd = new Random(seed() + 3);
        int n = 1200;
        Fr s = Fr.random(rnd);
        G1Affine[] bases = new G1Affine[n];
        G2Affine[] bases2 = new G2Affine[n];
        Fr[] scalars = new Fr[n];
        Fr dot = Fr.ZERO;
        for (int i = 0; i < n; i++) {
            boolean minus = i % 3 == 2;
            bases[i] = minus ? G1Affine.GENERATOR.neg() : G1Affine.GENERATOR;
            bases2[i] = minus ? G2Affine.GENERATOR.neg() : G2Affine.GENERATOR;
            scalars[i] = i % 5 == 4 ? Fr.of(i) : s;
            dot = dot.add(minus ? scalars[i].neg() : scalars[i]);
        }
        long[] canonical = Msm.canonicalScalars(scalars, n);
        assertEquals(G1Point.GENERATOR.mul(dot), backend.msmG1(bases, canonical), "G1");
        if (backend.capabilities().contains(Capability.MSM_G2)) {
            assertEquals(G2Point.GENERATOR.mul(dot), backend.msmG2(bases2, canonical), "G2");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void g2MatchesKnownDiscreteLogSum(KernelBackend backend) {
        assumeAvailable(backend);
        assumeTrue(backend.capabilities().contains(Capability.MSM_G2), "backend has no MSM_G2");
        Random rnd = new Random(seed() + 2);
        for (int n : new int[] {0, 1, 2, 3, 17, 150, 1400}) {
            KnownLogBases fixture = KnownLogBases.random(rnd, n);
            Fr[] s = scalars(rnd, n);
            G2Point got = backend.msmG2(fixture.g2(), Msm.canonicalScalars(s, n));
            assertEquals(G2Point.GENERATOR.mul(fixture.dot(s)), got, "n=" + n);
        }
        G2Affine g = G2Affine.GENERATOR;
        assertEquals(G2Point.INFINITY, backend.msmG2(new G2Affine[] {g, g.neg(), G2Affine.INFINITY},
                Msm.canonicalScalars(new Fr[] {Fr.of(5), Fr.of(5), Fr.of(9)}, 3)), "5G − 5G + 9·O");
        assertEquals(G2Point.GENERATOR.neg(), backend.msmG2(new G2Affine[] {g},
                Msm.canonicalScalars(new Fr[] {R_MINUS_ONE}, 1)), "(r − 1)·G = −G");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void refusesUnreducedScalarsAndLengthMismatch(KernelBackend backend) {
        assumeAvailable(backend);
        G1Affine[] bases = {G1Affine.GENERATOR, G1Affine.GENERATOR};
        long[] s = new long[8];
        // scalar 1 = r exactly (little-endian limbs of r)
        s[4] = 0x43e1f593f0000001L;
        s[5] = 0x2833e84879b97091L;
        s[6] = 0xb85045b68181585dL;
        s[7] = 0x30644e72e131a029L;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> backend.msmG1(bases, s));
        assertTrue(e.getMessage().contains("scalar 1") && e.getMessage().contains(">= r"), e.getMessage());
        long[] big = {0, 0, 0, -1L, 0, 0, 0, 0};
        assertThrows(IllegalArgumentException.class, () -> backend.msmG1(bases, big));
        assertThrows(IllegalArgumentException.class, () -> backend.msmG1(bases, new long[4]));
    }
}
