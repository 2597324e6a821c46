package io.zkinfer.algebra.curve;

import io.zkinfer.algebra.testing.TestRandom;

import io.zkinfer.algebra.field.Fq;
import io.zkinfer.algebra.field.Fq2;
import io.zkinfer.algebra.field.Fr;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class G2PointTest {

    private static final int ROUNDS = 5;
    /** #E'(Fq2) = r·(2p − r) for BN curves, so [2p − r] maps the twist into G2. */
    private static final BigInteger COFACTOR = Fq.MODULUS.shiftLeft(1).subtract(Fr.MODULUS);

    private final Random rnd = TestRandom.forTest(G2PointTest.class);

    private G2Point randomPoint() {
        return G2Point.GENERATOR.mul(Fr.random(rnd));
    }

    private G2Point rescaled(G2Point p) {
        Fq2 l = Fq2.random(rnd);
        Fq2 l2 = l.square();
        return G2Point.fromJacobian(p.x().mul(l2), p.y().mul(l2).mul(l), p.z().mul(l));
    }

    /** A random point of the twist E'(Fq2): random x, y = √(x³ + b'); almost surely outside G2. */
    private G2Affine randomTwistPoint() {
        while (true) {
            Fq2 x = Fq2.random(rnd);
            Fq2 y = x.square().mul(x).add(G2Affine.B).sqrt();
            if (y != null) {
                return G2Affine.unchecked(x, y);
            }
        }
    }

    @Test
    void generatorIsOnTwistAndHasOrderR() {
        assertTrue(G2Affine.GENERATOR.isOnCurve());
        assertTrue(G2Affine.GENERATOR.isInSubgroup());
        assertTrue(G2Point.GENERATOR.mul(Fr.MODULUS).isInfinity());
        assertFalse(G2Point.GENERATOR.mul(Fr.MODULUS.subtract(BigInteger.ONE)).isInfinity());
        assertEquals(G2Affine.GENERATOR, G2Point.GENERATOR.toAffine());
        assertEquals(G2Affine.B.mul(Fq2.NON_RESIDUE), Fq2.of(Fq.of(3), Fq.ZERO), "b' = 3/(9+u)");
    }

    @Test
    void groupLaws() {
        for (int i = 0; i < ROUNDS; i++) {
            G2Point a = randomPoint();
            G2Point b = randomPoint();
            G2Point c = randomPoint();
            assertTrue(a.isOnCurve());
            assertEquals(a.add(b), b.add(a), "commutativity");
            assertEquals(a.add(b).add(c), a.add(b.add(c)), "associativity");
            assertEquals(a, a.add(G2Point.INFINITY));
            assertEquals(a, G2Point.INFINITY.add(a));
            assertTrue(a.add(a.neg()).isInfinity());
            assertEquals(a.dbl(), a.add(rescaled(a)));
            assertEquals(a.add(b), a.addAffine(b.toAffine()));
            assertEquals(a.dbl(), a.addAffine(a.toAffine()));
            assertTrue(a.addAffine(a.toAffine().neg()).isInfinity());
            assertEquals(a, rescaled(a));
            assertEquals(a.hashCode(), rescaled(a).hashCode());
            assertNotEquals(a, a.neg());
        }
    }

    @Test
    void scalarMultiplicationMatchesRepeatedAddition() {
        G2Point p = randomPoint();
        G2Point acc = G2Point.INFINITY;
        for (int k = 0; k <= 20; k++) {
            assertEquals(acc, p.mul(BigInteger.valueOf(k)), "k = " + k);
            assertEquals(acc.neg(), p.mul(BigInteger.valueOf(-k)), "k = -" + k);
            acc = acc.add(p);
        }
        Fr a = Fr.random(rnd);
        Fr b = Fr.random(rnd);
        assertEquals(p.mul(a).mul(b), p.mul(a.mul(b)));
        assertEquals(p.mul(a).add(p.mul(b)), p.mul(a.add(b)));
    }

    @Test
    void batchToAffineMatchesIndividualConversion() {
        G2Point[] points = new G2Point[7];
        for (int i = 0; i < points.length; i++) {
            points[i] = i == 2 ? G2Point.INFINITY : rescaled(randomPoint());
        }
        G2Affine[] batch = G2Point.batchToAffine(points);
        for (int i = 0; i < points.length; i++) {
            assertEquals(points[i].toAffine(), batch[i], "index " + i);
        }
    }

    @Test
    void psiActsAsMultiplicationByP() {
        G2Point p = randomPoint();
        assertEquals(p.mul(Fq.MODULUS), p.psi());
        assertEquals(p.toAffine().psi(), p.psi().toAffine());
    }

    @Test
    void subgroupCheckAgreesWithOrderR() {
        for (int i = 0; i < 3; i++) {
            G2Affine outside = randomTwistPoint();
            assertTrue(outside.isOnCurve());
            assertFalse(outside.toJacobian().mul(Fr.MODULUS).isInfinity(), "[r]P != O off the subgroup");
            assertFalse(outside.isInSubgroup(), "fast check rejects " + outside);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> G2Affine.of(outside.x(), outside.y()));
            assertTrue(e.getMessage().contains("not in the order-r subgroup of G2"), e.getMessage());

            G2Point cleared = outside.toJacobian().mul(COFACTOR);
            assertTrue(cleared.mul(Fr.MODULUS).isInfinity(), "[r][h]P = O");
            assertTrue(cleared.isInSubgroup(), "fast check accepts [h]P");
            assertTrue(randomPoint().isInSubgroup());
        }
    }

    @Test
    void affineFactoryRejectsPointsOffTheTwist() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> G2Affine.of(G2Affine.GENERATOR.x(), G2Affine.GENERATOR.y().add(Fq2.ONE)));
        assertTrue(e.getMessage().contains("not on the BN254 G2 twist curve"), e.getMessage());
        assertEquals(G2Affine.GENERATOR, G2Affine.of(G2Affine.GENERATOR.x(), G2Affine.GENERATOR.y()));
        assertTrue(G2Affine.INFINITY.isInSubgroup());
        assertEquals(G2Affine.INFINITY, G2Point.INFINITY.toAffine());
    }
}
