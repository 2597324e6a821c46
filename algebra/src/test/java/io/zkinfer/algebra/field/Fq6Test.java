package io.zkinfer.algebra.field;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Fq6Test extends FieldContract<Fq6> {
    @Override protected Fq6 zero() { return Fq6.ZERO; }
    @Override protected Fq6 one() { return Fq6.ONE; }
    @Override protected Fq6 random(Random r) { return Fq6.random(r); }
    @Override protected Fq6 add(Fq6 a, Fq6 b) { return a.add(b); }
    @Override protected Fq6 sub(Fq6 a, Fq6 b) { return a.sub(b); }
    @Override protected Fq6 neg(Fq6 a) { return a.neg(); }
    @Override protected Fq6 mul(Fq6 a, Fq6 b) { return a.mul(b); }
    @Override protected Fq6 square(Fq6 a) { return a.square(); }
    @Override protected Fq6 inverse(Fq6 a) { return a.inverse(); }
    @Override protected Fq6 pow(Fq6 a, BigInteger e) { return a.pow(e); }
    @Override protected BigInteger order() { return Fq.MODULUS.pow(6); }
    @Override protected int trials() { return 40; }

    @Test
    void definingRelations() {
        assertEquals(Fq6.of(Fq2.NON_RESIDUE, Fq2.ZERO, Fq2.ZERO), Fq6.V.square().mul(Fq6.V));
        for (int i = 0; i < trials(); i++) {
            Fq6 a = Fq6.random(rnd);
            Fq2 b0 = Fq2.random(rnd), b1 = Fq2.random(rnd);
            assertEquals(a.mul(Fq6.V), a.mulByNonResidue());
            assertEquals(a.mul(Fq6.of(b0, Fq2.ZERO, Fq2.ZERO)), a.mulByFq2(b0));
            assertEquals(a.mul(Fq6.of(b0, b1, Fq2.ZERO)), a.mulBy01(b0, b1));
            assertEquals(a.mul(Fq6.of(Fq2.ZERO, b1, Fq2.ZERO)), a.mulBy1(b1));
            assertEquals(a.add(a), a.dbl());
        }
    }

    @Test
    void frobeniusIsPowerP() {
        for (int i = 0; i < 5; i++) {
            Fq6 a = Fq6.random(rnd);
            Fq6 x = a;
            for (int k = 0; k <= 6; k++) {
                assertEquals(x, a.frobenius(k), "power " + k);
                x = x.pow(Fq.MODULUS);
            }
            assertEquals(a.frobenius(1).frobenius(2), a.frobenius(3));
        }
        assertThrows(IllegalArgumentException.class, () -> Fq6.ONE.frobenius(-1));
    }
}
