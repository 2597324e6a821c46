package io.zkinfer.algebra.poly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.zkinfer.algebra.field.Fr;
import org.junit.jupiter.api.Test;

class EvaluationDomainTest {
    @Test
    void generatorIsAPrimitiveRootOfTheDomainSize() {
        for (int k = 1; k <= 16; k++) {
            EvaluationDomain d = EvaluationDomain.ofLog2(k);
            Fr w = d.generator();
            assertEquals(Fr.ONE, w.pow(d.size()), "ω^n for n=2^" + k);
            assertEquals(Fr.ONE.neg(), w.pow(d.size() / 2), "ω^(n/2) for n=2^" + k);
            assertEquals(Fr.ONE, w.mul(d.generatorInverse()));
            assertEquals(Fr.ONE, d.nInverse().mul(Fr.of(d.size())));
        }
    }

    @Test
    void elementsArePowersOfTheGenerator() {
        EvaluationDomain d = EvaluationDomain.ofSize(8);
        assertEquals(Fr.ONE, d.element(0));
        assertEquals(d.generator(), d.element(1));
        assertEquals(d.generator().pow(5), d.element(5));
        assertEquals(d.element(7), d.element(-1));
        assertNotEquals(Fr.ONE, d.element(3));
    }

    @Test
    void sizingAndCaching() {
        assertSame(EvaluationDomain.ofLog2(10), EvaluationDomain.ofSize(1024));
        assertEquals(1024, EvaluationDomain.atLeast(1000).size());
        assertEquals(1024, EvaluationDomain.atLeast(1024).size());
        assertEquals(1, EvaluationDomain.atLeast(1).size());
        assertEquals(2, EvaluationDomain.atLeast(2).size());
        assertThrows(IllegalArgumentException.class, () -> EvaluationDomain.ofSize(12));
        assertThrows(IllegalArgumentException.class, () -> EvaluationDomain.ofLog2(Fr.TWO_ADICITY + 1));
    }
}
