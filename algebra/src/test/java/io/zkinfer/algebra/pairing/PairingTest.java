package io.zkinfer.algebra.pairing;

import io.zkinfer.algebra.codec.SnarkjsFixtures;
import io.zkinfer.algebra.codec.SnarkjsJson;
import io.zkinfer.algebra.curve.G1Affine;
import io.zkinfer.algebra.curve.G1Point;
import io.zkinfer.algebra.curve.G2Affine;
import io.zkinfer.algebra.curve.G2Point;
import io.zkinfer.algebra.testing.TestRandom;
import io.zkinfer.algebra.field.Fq;
import io.zkinfer.algebra.field.Fq12;
import io.zkinfer.algebra.field.Fr;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PairingTest {

    private final Random rnd = TestRandom.forTest(PairingTest.class);

    private static final G1Affine P = G1Affine.GENERATOR;
    private static final G2Affine Q = G2Affine.GENERATOR;

    @Test
    void matchesSnarkjsOnGenerators() {
        assertEquals(SnarkjsJson.fq12FromJson(SnarkjsFixtures.E_GENERATORS), Pairing.pair(P, Q));
    }

    @Test
    void matchesSnarkjsOnOtherPoints() {
        G1Affine p = G1Point.GENERATOR.mul(SnarkjsFixtures.A).toAffine();
        G2Affine q = G2Point.GENERATOR.mul(SnarkjsFixtures.B).toAffine();
        assertEquals(SnarkjsJson.g1FromJson(SnarkjsFixtures.P_AFFINE), p);
        assertEquals(SnarkjsJson.g2FromJson(SnarkjsFixtures.Q_AFFINE), q);
        assertEquals(SnarkjsJson.fq12FromJson(SnarkjsFixtures.E_PQ), Pairing.pair(p, q));
    }

    @Test
    void bilinearNonDegenerateOfOrderR() {
        Fr a = Fr.random(rnd);
        Fr b = Fr.random(rnd);
        Fq12 e = Pairing.pair(P, Q);
        assertFalse(e.isOne(), "non-degenerate");
        assertTrue(e.pow(Fr.MODULUS).isOne(), "e(P, Q)^r = 1");
        Fq12 eab = Pairing.pair(G1Point.GENERATOR.mul(a).toAffine(), G2Point.GENERATOR.mul(b).toAffine());
        assertEquals(e.pow(a.mul(b).toBigInteger()), eab, "e(aP, bQ) = e(P, Q)^(ab)");
        G1Affine p1 = G1Point.GENERATOR.mul(a).toAffine();
        G1Affine p2 = G1Point.GENERATOR.mul(b).toAffine();
        G1Affine sum = p1.toJacobian().addAffine(p2).toAffine();
        assertEquals(Pairing.pair(p1, Q).mul(Pairing.pair(p2, Q)), Pairing.pair(sum, Q), "linear in G1");
        G2Affine q1 = G2Point.GENERATOR.mul(a).toAffine();
        G2Affine q2 = G2Point.GENERATOR.mul(b).toAffine();
        G2Affine qsum = q1.toJacobian().addAffine(q2).toAffine();
        assertEquals(Pairing.pair(P, q1).mul(Pairing.pair(P, q2)), Pairing.pair(P, qsum), "linear in G2");
    }

    @Test
    void pairingCheckHasEip197Semantics() {
        Fr a = Fr.random(rnd);
        Fr b = Fr.random(rnd);
        G1Affine aP = G1Point.GENERATOR.mul(a).toAffine();
        G2Affine bQ = G2Point.GENERATOR.mul(b).toAffine();
        G1Affine minusAbP = G1Point.GENERATOR.mul(a.mul(b)).neg().toAffine();
        assertTrue(Pairing.pairingCheck(new G1Affine[] {aP, minusAbP}, new G2Affine[] {bQ, Q}));
        G1Affine wrong = G1Point.GENERATOR.mul(a.mul(b).add(Fr.ONE)).neg().toAffine();
        assertFalse(Pairing.pairingCheck(new G1Affine[] {aP, wrong}, new G2Affine[] {bQ, Q}));
        assertTrue(Pairing.pairingCheck(new G1Affine[0], new G2Affine[0]), "empty product is 1");
        assertTrue(Pairing.pairingCheck(new G1Affine[] {G1Affine.INFINITY, P}, new G2Affine[] {Q, G2Affine.INFINITY}));
        assertFalse(Pairing.pairingCheck(new G1Affine[] {P}, new G2Affine[] {Q}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Pairing.pairingCheck(new G1Affine[] {P}, new G2Affine[0]));
        assertTrue(e.getMessage().contains("1 G1 and 0 G2"), e.getMessage());
    }

    @Test
    void multiMillerLoopIsTheProductOfSingleLoops() {
        G1Affine p2 = G1Point.GENERATOR.mul(Fr.random(rnd)).toAffine();
        G2Affine q2 = G2Point.GENERATOR.mul(Fr.random(rnd)).toAffine();
        Fq12 both = Pairing.millerLoop(new G1Affine[] {P, p2}, new G2Affine[] {Q, q2});
        Fq12 single = Pairing.millerLoop(new G1Affine[] {P}, new G2Affine[] {Q})
                .mul(Pairing.millerLoop(new G1Affine[] {p2}, new G2Affine[] {q2}));
        assertEquals(single, both);
        assertNotEquals(Fq12.ONE, both);
        PreparedG2[] prepared = {Pairing.prepare(Q), Pairing.prepare(q2)};
        assertEquals(both, Pairing.millerLoop(new G1Affine[] {P, p2}, prepared), "prepared G2 gives the same loop");
        assertEquals(Q, prepared[0].point());
    }

    @Test
    void preparedPairingCheck() {
        Fr a = Fr.random(rnd);
        PreparedG2 minusQ = Pairing.prepare(Q.neg());
        G1Affine aP = G1Point.GENERATOR.mul(a).toAffine();
        G2Affine aQ = G2Point.GENERATOR.mul(a).toAffine();
        assertTrue(Pairing.pairingCheck(new G1Affine[] {P, aP}, new PreparedG2[] {Pairing.prepare(aQ), minusQ}));
        assertFalse(Pairing.pairingCheck(new G1Affine[] {P, P}, new PreparedG2[] {Pairing.prepare(aQ), minusQ}));
        PreparedG2 infinity = Pairing.prepare(G2Affine.INFINITY);
        assertTrue(infinity.isInfinity());
        assertTrue(Pairing.pairingCheck(new G1Affine[] {P}, new PreparedG2[] {infinity}));
        assertThrows(IllegalArgumentException.class,
                () -> Pairing.pairingCheck(new G1Affine[0], new PreparedG2[] {minusQ}));
    }

    @Test
    void finalExponentiationEqualsPlainExponentiation() {
        Fq12 f = Fq12.random(rnd);
        BigInteger x = MillerLoop.X;
        BigInteger m = x.shiftLeft(1).multiply(x.pow(2).multiply(BigInteger.valueOf(6))
                .add(x.multiply(BigInteger.valueOf(3))).add(BigInteger.ONE));
        BigInteger exponent = Fq.MODULUS.pow(12).subtract(BigInteger.ONE).divide(Fr.MODULUS).multiply(m);
        assertEquals(f.pow(exponent), Pairing.finalExponentiation(f));
        assertTrue(m.gcd(Fr.MODULUS).equals(BigInteger.ONE), "m is coprime to r");
    }
}
