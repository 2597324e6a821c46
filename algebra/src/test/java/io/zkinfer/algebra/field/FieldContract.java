package io.zkinfer.algebra.field;

import io.zkinfer.algebra.testing.TestRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * Field axioms checked on random elements, shared by every field implementation (Fq, Fr, Fq2, Fq6, Fq12).
 * The seed comes from {@code -Dzkinfer.seed} or {@link System#nanoTime()} and is logged for every test.
 *
 * @param <F> the element type
 */
public abstract class FieldContract<F> {

    protected Random rnd;

    protected abstract F zero();

    protected abstract F one();

    protected abstract F random(Random rnd);

    protected abstract F add(F a, F b);

    protected abstract F sub(F a, F b);

    protected abstract F neg(F a);

    protected abstract F mul(F a, F b);

    protected abstract F square(F a);

    protected abstract F inverse(F a);

    protected abstract F pow(F a, BigInteger e);

    /** The number of elements of the field. */
    protected abstract BigInteger order();

    /** Random trials per property; smaller for the expensive extension fields. */
    protected int trials() {
        return 100;
    }

    @BeforeEach
    protected void seedRandom(TestInfo info) {
        rnd = new Random(TestRandom.seed(getClass().getSimpleName() + "."
                + info.getTestMethod().map(m -> m.getName()).orElse("?")));
    }

    private F nonZero() {
        F x;
        do {
            x = random(rnd);
        } while (x.equals(zero()));
        return x;
    }

    @Test
    public void identities() {
        for (int i = 0; i < trials(); i++) {
            F a = random(rnd);
            assertEquals(a, add(a, zero()));
            assertEquals(a, mul(a, one()));
            assertEquals(zero(), mul(a, zero()));
            assertEquals(zero(), add(a, neg(a)));
            assertEquals(zero(), sub(a, a));
            assertEquals(a, neg(neg(a)));
        }
        assertEquals(zero(), neg(zero()));
        assertNotEquals(zero(), one());
    }

    @Test
    public void commutativityAndAssociativity() {
        for (int i = 0; i < trials(); i++) {
            F a = random(rnd), b = random(rnd), c = random(rnd);
            assertEquals(add(a, b), add(b, a));
            assertEquals(mul(a, b), mul(b, a));
            assertEquals(add(add(a, b), c), add(a, add(b, c)));
            assertEquals(mul(mul(a, b), c), mul(a, mul(b, c)));
        }
    }

    @Test
    public void distributivityAndSubtraction() {
        for (int i = 0; i < trials(); i++) {
            F a = random(rnd), b = random(rnd), c = random(rnd);
            assertEquals(add(mul(a, b), mul(a, c)), mul(a, add(b, c)));
            assertEquals(sub(mul(a, b), mul(a, c)), mul(a, sub(b, c)));
            assertEquals(add(a, neg(b)), sub(a, b));
            assertEquals(a, add(sub(a, b), b));
        }
    }

    @Test
    public void squareIsMulSelf() {
        for (int i = 0; i < trials(); i++) {
            F a = random(rnd);
            assertEquals(mul(a, a), square(a));
        }
        assertEquals(one(), square(one()));
        assertEquals(one(), square(neg(one())));
    }

    @Test
    public void inverses() {
        for (int i = 0; i < trials(); i++) {
            F a = nonZero();
            F inv = inverse(a);
            assertEquals(one(), mul(a, inv));
            assertEquals(a, inverse(inv));
        }
        assertEquals(one(), inverse(one()));
        assertThrows(ArithmeticException.class, () -> inverse(zero()));
    }

    @Test
    public void powLaws() {
        for (int i = 0; i < Math.max(2, trials() / 10); i++) {
            F a = nonZero();
            BigInteger e1 = new BigInteger(80, rnd), e2 = new BigInteger(80, rnd);
            assertEquals(one(), pow(a, BigInteger.ZERO));
            assertEquals(a, pow(a, BigInteger.ONE));
            assertEquals(square(a), pow(a, BigInteger.TWO));
            assertEquals(mul(pow(a, e1), pow(a, e2)), pow(a, e1.add(e2)));
            assertEquals(pow(pow(a, e1), e2), pow(a, e1.multiply(e2)));
            assertEquals(inverse(pow(a, e1)), pow(a, e1.negate()));
        }
    }

    @Test
    public void lagrangeOrderOfTheMultiplicativeGroup() {
        for (int i = 0; i < 2; i++) {
            F a = nonZero();
            assertEquals(one(), pow(a, order().subtract(BigInteger.ONE)));
            assertEquals(a, pow(a, order()));
        }
    }

    @Test
    public void equalsAndHashCode() {
        for (int i = 0; i < trials(); i++) {
            F a = random(rnd);
            F same = add(sub(a, one()), one());
            assertEquals(a, same);
            assertEquals(a.hashCode(), same.hashCode());
            assertTrue(!a.equals(add(a, one())));
        }
    }
}
