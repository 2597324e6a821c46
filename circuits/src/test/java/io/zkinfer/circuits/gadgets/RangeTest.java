package io.zkinfer.circuits.gadgets;

import io.zkinfer.algebra.field.Fr;
import io.zkinfer.algebra.testing.TestRandom;
import io.zkinfer.circuits.builder.Circuit;
import io.zkinfer.circuits.builder.CircuitBuilder;
import io.zkinfer.circuits.builder.Signal;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.Random;
import java.util.function.BiConsumer;

import static io.zkinfer.circuits.gadgets.GadgetAssertions.assertRejected;
import static io.zkinfer.circuits.gadgets.GadgetAssertions.assertSatisfied;
import static io.zkinfer.circuits.gadgets.GadgetAssertions.tampered;
import static org.junit.jupiter.api.Assertions.assertEquals;

class RangeTest {

    private static Circuit check(long x, BiConsumer<CircuitBuilder, Signal> gadget) {
        CircuitBuilder b = new CircuitBuilder();
        gadget.accept(b, b.privateInput("x", x));
        return b.build();
    }

    @Test
    void bitsAreTheBinaryDigitsAndCostKPlusOne() {
        CircuitBuilder b = new CircuitBuilder();
        Signal[] bits = Bits.decompose(b, b.privateInput("x", 0b1011_0110), 8);
        Circuit c = b.build();
        assertEquals(9, c.numConstraints());
        StringBuilder digits = new StringBuilder();
        for (int i = 7; i >= 0; i--) {
            digits.append(bits[i].longValue());
        }
        assertEquals("10110110", digits.toString());
        assertSatisfied(c);
        assertRejected(c, tampered(c, bits[1], 0)); // a flipped bit no longer recomposes
        assertRejected(c, tampered(c, bits[1], 2)); // not a bit
    }

    @Test
    void unsignedAcceptsExactlyZeroToTwoToTheK() {
        for (int k : new int[] {0, 1, 8, 16, 64}) {
            BigInteger top = BigInteger.ONE.shiftLeft(k).subtract(BigInteger.ONE);
            for (BigInteger v : new BigInteger[] {BigInteger.ZERO, top}) {
                CircuitBuilder b = new CircuitBuilder();
                Range.unsigned(b, b.privateInput("x", Fr.reduce(v)), k);
                Circuit c = b.build();
                assertEquals(k + 1, c.numConstraints());
                assertSatisfied(c);
            }
            for (BigInteger v : new BigInteger[] {BigInteger.ONE.negate(), top.add(BigInteger.ONE)}) {
                CircuitBuilder b = new CircuitBuilder();
                Range.unsigned(b, b.privateInput("x", Fr.reduce(v)), k);
                assertRejected(b.build());
            }
        }
    }

    @Test
    void signedAcceptsExactlyTheSignedKBitIntegers() {
        int k = 8;
        for (long v = -200; v <= 200; v++) {
            Circuit c = check(v, (b, x) -> Range.signed(b, x, k));
            assertEquals(k + 1, c.numConstraints());
            if (v >= -128 && v <= 127) {
                assertSatisfied(c);
            } else {
                assertRejected(c);
            }
        }
    }

    @Test
    void belowANonPowerOfTwoNeedsTheSecondCheck() {
        for (long v = -3; v < 20; v++) {
            Circuit c = check(v, (b, x) -> Range.below(b, x, BigInteger.TEN));
            assertEquals(2 * 4 + 2, c.numConstraints());
            if (v >= 0 && v < 10) {
                assertSatisfied(c);
            } else {
                assertRejected(c);
            }
        }
        assertEquals(5, check(3, (b, x) -> Range.below(b, x, BigInteger.valueOf(16))).numConstraints());
        assertEquals(1, check(0, (b, x) -> Range.below(b, x, BigInteger.ONE)).numConstraints());
        assertRejected(check(1, (b, x) -> Range.below(b, x, BigInteger.ONE)));
    }

    @Test
    void withinAcceptsExactlyTheInterval() {
        Random rnd = TestRandom.forTest(RangeTest.class);
        for (int t = 0; t < 200; t++) {
            long lo = rnd.nextInt(2000) - 1000;
            long hi = lo + rnd.nextInt(300);
            long v = lo - 5 + rnd.nextInt((int) (hi - lo) + 10);
            Circuit c = check(v, (b, x) -> Range.within(b, x, Interval.of(lo, hi)));
            if (v >= lo && v <= hi) {
                assertSatisfied(c);
            } else {
                assertRejected(c);
            }
        }
    }

    @Test
    void intervalsKnowTheirSignedWidth() {
        assertEquals(8, Interval.of(-128, 127).signedWidth());
        assertEquals(9, Interval.magnitude(128).signedWidth());
        assertEquals(1, Interval.of(0, 0).signedWidth());
        assertEquals(1, Interval.of(-1, 0).signedWidth());
        assertEquals(2, Interval.of(0, 1).signedWidth());
        assertEquals(4, Interval.of(3, 7).signedWidth());
        assertEquals(64, Interval.of(Long.MIN_VALUE, Long.MAX_VALUE).signedWidth());
    }
}
