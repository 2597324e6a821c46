package io.zkinfer.circuits.r1cs;

import io.zkinfer.algebra.field.Fr;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LinearCombinationTest {

    private static final Fr[] W = {Fr.ONE, Fr.of(33), Fr.of(3), Fr.of(11)};

    @Test
    void evaluatesSumOfCoefficientTimesWire() {
        LinearCombination lc = LinearCombination.of(new int[] {0, 2, 3}, new Fr[] {Fr.of(7), Fr.of(2), Fr.of(-1)});
        assertEquals(Fr.of(7 + 6 - 11), lc.evaluate(W));
        assertEquals(Fr.ZERO, LinearCombination.ZERO.evaluate(W));
        assertEquals(Fr.of(5), LinearCombination.constant(Fr.of(5)).evaluate(W));
        assertEquals(3, lc.maxWire());
        assertEquals(-1, LinearCombination.ZERO.maxWire());
    }

    @Test
    void rejectsUnsortedRepeatedOrNegativeWires() {
        Fr[] two = {Fr.ONE, Fr.ONE};
        IllegalArgumentException unsorted = assertThrows(IllegalArgumentException.class,
                () -> LinearCombination.of(new int[] {3, 1}, two));
        assertTrue(unsorted.getMessage().contains("strictly increasing"), unsorted.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LinearCombination.of(new int[] {2, 2}, two));
        assertThrows(IllegalArgumentException.class, () -> LinearCombination.of(new int[] {-1}, new Fr[] {Fr.ONE}));
        assertThrows(IllegalArgumentException.class, () -> LinearCombination.of(new int[] {1}, two));
    }

    @Test
    void isImmutable() {
        int[] wires = {1, 2};
        Fr[] coeffs = {Fr.ONE, Fr.of(2)};
        LinearCombination lc = LinearCombination.of(wires, coeffs);
        wires[0] = 0;
        coeffs[0] = Fr.ZERO;
        lc.wires()[1] = 3;
        assertEquals(1, lc.wire(0));
        assertEquals(Fr.ONE, lc.coefficient(0));
        assertEquals(2, lc.wire(1));
        assertEquals(LinearCombination.of(new int[] {1, 2}, new Fr[] {Fr.ONE, Fr.of(2)}), lc);
    }

    @Test
    void evaluateNamesMissingWire() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LinearCombination.term(9, Fr.ONE).evaluate(W));
        assertTrue(e.getMessage().contains("wire 9"), e.getMessage());
    }
}
