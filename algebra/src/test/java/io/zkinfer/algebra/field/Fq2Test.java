package io.zkinfer.algebra.field;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Fq2Test extends FieldContract<Fq2> {
    @Override protected Fq2 zero() { return Fq2.ZERO; }
    @Override protected Fq2 one() { return Fq2.ONE; }
    @Override protected Fq2 random(Random r) { return Fq2.random(r); }
    @Override protected Fq2 add(Fq2 a, Fq2 b) { return a.add(b); }
    @Override protected Fq2 sub(Fq2 a, Fq2 b) { return a.sub(b); }
    @Override protected Fq2 neg(Fq2 a) { return a.neg(); }
    @Override protected Fq2 mul(Fq2 a, Fq2 b) { return a.mul(b); }
    @Override protected Fq2 square(Fq2 a) { return a.square(); }
    @Override protected Fq2 inverse(Fq2 a) { return a.inverse(); }
    @Override protected Fq2 pow(Fq2 a, BigInteger e) { return a.pow(e); }
    @Override protected BigInteger order() { return Fq.MODULUS.pow(2); }
    @Override protected int trials() { return 100; }

    @Test
    void definingRelations() {
        assertEquals(Fq2.ONE.neg(), Fq2.U.square());
        assertEquals(Fq2.of(Fq.of(9), Fq.ONE), Fq2.NON_RESIDUE);
        for (int i = 0; i < trials(); i++) {
            Fq2 a = Fq2.random(rnd);
            Fq s = Fq.random(rnd);
            assertEquals(a.mul(Fq2.NON_RESIDUE), a.mulByNonResidue());
            assertEquals(a.mul(Fq2.of(s, Fq.ZERO)), a.mulByFq(s));
            assertEquals(a.add(a), a.dbl());
            assertEquals(Fq2.ONE, a.isZero() ? Fq2.ONE : a.div(a));
        }
        BigInteger order = Fq.MODULUS.pow(2).subtract(BigInteger.ONE);
        assertNotEquals(Fq2.ONE, Fq2.NON_RESIDUE.pow(order.shiftRight(1)), "xi must not be a square");
        assertNotEquals(Fq2.ONE, Fq2.NON_RESIDUE.pow(order.divide(BigInteger.valueOf(3))), "xi must not be a cube");
    }

    @Test
    void frobeniusIsPowerP() {
        for (int i = 0; i < 10; i++) {
            Fq2 a = Fq2.random(rnd);
            for (int k = 0; k <= 3; k++) {
                assertEquals(a.pow(Fq.MODULUS.pow(k)), a.frobenius(k), "power " + k);
            }
            assertEquals(a.frobenius(1), a.conjugate());
        }
    }

    @Test
    void squareRoots() {
        BigInteger half = Fq.MODULUS.pow(2).subtract(BigInteger.ONE).shiftRight(1);
        int nonSquares = 0;
        for (int i = 0; i < 40; i++) {
            Fq2 a = Fq2.random(rnd);
            Fq2 r = a.square().sqrt();
            assertTrue(r.equals(a) || r.equals(a.neg()));
            Fq2 s = a.sqrt();
            boolean isSquare = a.pow(half).isOne();
            assertEquals(isSquare, s != null);
            if (s == null) {
                nonSquares++;
            } else {
                assertEquals(a, s.square());
            }
        }
        assertTrue(nonSquares > 0, "a random sample of 40 elements should contain a non-square");
        assertEquals(Fq2.ZERO, Fq2.ZERO.sqrt());
        assertEquals(Fq2.ONE.neg(), Fq2.ONE.neg().sqrt().square());
        assertNull(Fq2.NON_RESIDUE.sqrt());
        Fq2 b = Fq2.of(Fq.ZERO, Fq.of(5));
        assertEquals(b.c1().isLexicographicallyLargest(), b.isLexicographicallyLargest());
        Fq2 c = Fq2.of(Fq.of(-1), Fq.ZERO);
        assertTrue(c.isLexicographicallyLargest());
    }
}
