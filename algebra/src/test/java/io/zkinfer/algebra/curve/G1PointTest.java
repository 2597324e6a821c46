package io.zkinfer.algebra.curve;

import io.zkinfer.algebra.testing.TestRandom;

import io.zkinfer.algebra.field.Fq;
import io.zkinfer.algebra.field.Fr;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class G1PointTest {

    private static final int ROUNDS = 10;
    private final Random rnd = TestRandom.forTest(G1PointTest.class);

    private G1Point randomPoint() {
        return G1Point.GENERATOR.mul(Fr.random(rnd));
    }

    /** The same point with Jacobian coordinates scaled by a random λ: (λ²X : λ³Y : λZ). */
    private G1Point rescaled(G1Point p) {
        Fq l = Fq.random(rnd);
        Fq l2 = l.square();
        return G1Point.fromJacobian(p.x().mul(l2), p.y().mul(l2).mul(l), p.z().mul(l));
    }

    @Test
    void generatorIsOnCurveAndHasOrderR() {
        assertTrue(G1Affine.GENERATOR.isOnCurve());
        assertTrue(G1Point.GENERATOR.isOnCurve());
        assertTrue(G1Point.GENERATOR.mul(Fr.MODULUS).isInfinity());
        assertFalse(G1Point.GENERATOR.mul(Fr.MODULUS.subtract(BigInteger.ONE)).isInfinity());
        assertEquals(G1Affine.GENERATOR, G1Point.GENERATOR.toAffine());
    }

    @Test
    void groupLaws() {
        for (int i = 0; i < ROUNDS; i++) {
            G1Point a = randomPoint();
            G1Point b = randomPoint();
            G1Point c = randomPoint();
            assertTrue(a.isOnCurve());
            assertEquals(a.add(b), b.add(a), "commutativity");
            assertEquals(a.add(b).add(c), a.add(b.add(c)), "associativity");
            assertEquals(a, a.add(G1Point.INFINITY), "right identity");
            assertEquals(a, G1Point.INFINITY.add(a), "left identity");
            assertTrue(a.add(a.neg()).isInfinity(), "inverse");
            assertEquals(a.dbl(), a.add(a), "add falls back to doubling");
            assertEquals(a.dbl(), a.add(rescaled(a)), "doubling detected across representations");
            assertEquals(a.add(b), a.addAffine(b.toAffine()), "mixed addition");
            assertEquals(a.dbl(), a.addAffine(a.toAffine()), "mixed addition doubles");
            assertTrue(a.addAffine(a.toAffine().neg()).isInfinity(), "mixed addition of the inverse");
            assertEquals(a, G1Point.INFINITY.addAffine(a.toAffine()));
            assertTrue(a.add(b).isOnCurve() && a.dbl().isOnCurve());
        }
        assertTrue(G1Point.INFINITY.dbl().isInfinity());
        assertTrue(G1Point.INFINITY.neg().isInfinity());
    }

    @Test
    void equalityIsProjective() {
        G1Point a = randomPoint();
        G1Point scaled = rescaled(a);
        assertEquals(a, scaled);
        assertEquals(a.hashCode(), scaled.hashCode());
        assertNotEquals(a, a.neg());
        assertNotEquals(a, G1Point.INFINITY);
        assertEquals(G1Point.INFINITY, G1Point.fromJacobian(Fq.of(5), Fq.of(7), Fq.ZERO));
    }

    @Test
    void scalarMultiplicationMatchesRepeatedAddition() {
        G1Point p = randomPoint();
        G1Point acc = G1Point.INFINITY;
        for (int k = 0; k <= 40; k++) {
            assertEquals(acc, p.mul(BigInteger.valueOf(k)), "k = " + k);
            assertEquals(acc, p.mul(Fr.of(k)), "Fr k = " + k);
            assertEquals(acc.neg(), p.mul(BigInteger.valueOf(-k)), "k = -" + k);
            acc = acc.add(p);
        }
        Fr a = Fr.random(rnd);
        Fr b = Fr.random(rnd);
        assertEquals(p.mul(a).add(p.mul(b)), p.mul(a.add(b)), "[a]P + [b]P = [a+b]P");
        assertEquals(p.mul(a).mul(b), p.mul(a.mul(b)), "[b]([a]P) = [ab]P");
        assertEquals(p.mul(a), p.mul(a.toBigInteger().add(Fr.MODULUS)), "order r");
    }

    @Test
    void batchToAffineMatchesIndividualConversion() {
        G1Point[] points = new G1Point[12];
        for (int i = 0; i < points.length; i++) {
            points[i] = i % 5 == 3 ? G1Point.INFINITY : rescaled(randomPoint());
        }
        G1Affine[] batch = G1Point.batchToAffine(points);
        for (int i = 0; i < points.length; i++) {
            assertEquals(points[i].toAffine(), batch[i], "index " + i);
            assertTrue(batch[i].isOnCurve());
        }
        assertEquals(0, G1Point.batchToAffine(new G1Point[0]).length);
    }

    @Test
    void affineFactoryRejectsPointsOffTheCurve() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> G1Affine.of(Fq.ONE, Fq.of(3)));
        assertTrue(e.getMessage().contains("not on the BN254 G1 curve"), e.getMessage());
        assertEquals(G1Affine.GENERATOR, G1Affine.of(Fq.ONE, Fq.of(2)));
        assertEquals(G1Affine.GENERATOR.neg(), G1Affine.of(Fq.ONE, Fq.of(2).neg()));
        assertTrue(G1Affine.INFINITY.toJacobian().isInfinity());
        assertEquals(G1Affine.INFINITY, G1Point.INFINITY.toAffine());
    }
}
