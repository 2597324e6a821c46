package io.zkinfer.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkinfer.algebra.field.Fr;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The boundary of {@code [0, r)} and the canonical-decimal rule, with the index named in every refusal. */
class PublicInputsTest {

    private static final BigInteger R = Fr.MODULUS;

    @Test
    void acceptsZeroAndRMinusOne() {
        List<Fr> xs = PublicInputs.fromBigIntegers(List.of(BigInteger.ZERO, R.subtract(BigInteger.ONE)), 2);
        assertEquals(Fr.ZERO, xs.get(0));
        assertEquals(Fr.ONE.neg(), xs.get(1));
        assertEquals(xs, PublicInputs.fromDecimals(List.of("0", R.subtract(BigInteger.ONE).toString()), 2));
    }

    @Test
    void refusesRAndAboveWithIndex() {
        for (BigInteger v : List.of(R, R.add(BigInteger.ONE), R.shiftLeft(1), BigInteger.TWO.pow(256))) {
            InvalidPublicInputException e = assertThrows(InvalidPublicInputException.class,
                    () -> PublicInputs.fromBigIntegers(List.of(BigInteger.ONE, BigInteger.ONE, v), 3));
            assertEquals(2, e.index());
            assertTrue(e.getMessage().startsWith("public input [2] = " + v + " is not reduced modulo r"),
                    e.getMessage());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-1", "+1", "01", "00", " 1", "1 ", "1.0", "1e3", "0x1", "１"})
    void refusesNonCanonicalDecimals(String s) {
        InvalidPublicInputException e = assertThrows(InvalidPublicInputException.class,
                () -> PublicInputs.fromDecimals(List.of("5", s), 2));
        assertEquals(1, e.index());
        assertTrue(e.getMessage().contains("not a canonical decimal"), e.getMessage());
    }

    @Test
    void refusesNullsAndWrongCounts() {
        assertEquals(0, assertThrows(InvalidPublicInputException.class,
                () -> PublicInputs.fromBigIntegers(Arrays.asList((BigInteger) null), 1)).index());
        InvalidPublicInputException count = assertThrows(InvalidPublicInputException.class,
                () -> PublicInputs.fromDecimals(List.of("1", "2", "3"), 1));
        assertEquals("expected 1 public input (the verifying key's nPublic), given 3", count.getMessage());
        assertThrows(InvalidPublicInputException.class, () -> PublicInputs.fromBigIntegers(null, 1));
    }
}
