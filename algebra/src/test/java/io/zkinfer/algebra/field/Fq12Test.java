package io.zkinfer.algebra.field;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Fq12Test extends FieldContract<Fq12> {
    @Override protected Fq12 zero() { return Fq12.ZERO; }
    @Override protected Fq12 one() { return Fq12.ONE; }
    @Override protected Fq12 random(Random r) { return Fq12.random(r); }
    @Override protected Fq12 add(Fq12 a, Fq12 b) { return a.add(b); }
    @Override protected Fq12 sub(Fq12 a, Fq12 b) { return a.sub(b); }
    @Override protected Fq12 neg(Fq12 a) { return a.neg(); }
    @Override protected Fq12 mul(Fq12 a, Fq12 b) { return a.mul(b); }
    @Override protected Fq12 square(Fq12 a) { return a.square(); }
    @Override protected Fq12 inverse(Fq12 a) { return a.inverse(); }
    @Override protected Fq12 pow(Fq12 a, BigInteger e) { return a.pow(e); }
    @Override protected BigInteger order() { return Fq.MODULUS.pow(12); }
    @Override protected int trials() { return 10; }

    /** An element of the cyclotomic subgroup: {@code f^((p^6-1)(p^2+1))}. */
    private Fq12 cyclotomic() {
        Fq12 f = Fq12.random(rnd);
        Fq12 t = f.conjugate().mul(f.inverse());
        return t.frobenius(2).mul(t);
    }

    @Test
    void definingRelations() {
        assertEquals(Fq12.of(Fq6.V, Fq6.ZERO), Fq12.W.square());
        for (int i = 0; i < trials(); i++) {
            Fq12 a = Fq12.random(rnd);
            Fq2 x0 = Fq2.random(rnd), x1 = Fq2.random(rnd), x3 = Fq2.random(rnd), x4 = Fq2.random(rnd);
            Fq12 line034 = Fq12.of(Fq6.of(x0, Fq2.ZERO, Fq2.ZERO), Fq6.of(x3, x4, Fq2.ZERO));
            assertEquals(a.mul(line034), a.mulBy034(x0, x3, x4));
            Fq12 w = Fq12.W;
            Fq12 lift0 = Fq12.of(Fq6.of(x0, Fq2.ZERO, Fq2.ZERO), Fq6.ZERO);
            Fq12 lift3 = Fq12.of(Fq6.of(x3, Fq2.ZERO, Fq2.ZERO), Fq6.ZERO);
            Fq12 lift4 = Fq12.of(Fq6.of(x4, Fq2.ZERO, Fq2.ZERO), Fq6.ZERO);
            assertEquals(lift0.add(lift3.mul(w)).add(lift4.mul(w.square().mul(w))), line034, "034 = x0 + x3 w + x4 w^3");
            Fq12 line014 = Fq12.of(Fq6.of(x0, x1, Fq2.ZERO), Fq6.of(Fq2.ZERO, x4, Fq2.ZERO));
            assertEquals(a.mul(line014), a.mulBy014(x0, x1, x4));
            assertEquals(Fq12.ONE, a.isZero() ? Fq12.ONE : a.mul(a.inverse()));
        }
    }

    @Test
    void frobeniusIsPowerP() {
        Fq12 a = Fq12.random(rnd);
        Fq12 x = a;
        for (int k = 0; k <= 12; k++) {
            assertEquals(x, a.frobenius(k), "power " + k);
            x = x.pow(Fq.MODULUS);
        }
        assertEquals(a.frobenius(6), a.conjugate());
        assertEquals(a.frobenius(1).frobenius(2), a.frobenius(3));
        assertThrows(IllegalArgumentException.class, () -> a.frobenius(-2));
    }

    @Test
    void cyclotomicSquaringAndPow() {
        for (int i = 0; i < trials(); i++) {
            Fq12 f = cyclotomic();
            assertEquals(Fq12.ONE, f.mul(f.conjugate()), "conjugate is the inverse in the cyclotomic subgroup");
            assertEquals(f.square(), f.cyclotomicSquare());
            BigInteger e = new BigInteger(64, rnd);
            assertEquals(f.pow(e), f.cyclotomicPow(e));
            assertEquals(f.pow(e.negate()), f.cyclotomicPow(e.negate()));
        }
        assertEquals(Fq12.ONE, Fq12.ONE.cyclotomicSquare());
    }
}
