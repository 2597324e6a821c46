package io.zkinfer.circuits.gadgets;

import io.zkinfer.algebra.field.Fr;
import io.zkinfer.algebra.testing.TestRandom;
import io.zkinfer.circuits.builder.Circuit;
import io.zkinfer.circuits.builder.CircuitBuilder;
import io.zkinfer.circuits.builder.HintRewriter;
import io.zkinfer.circuits.builder.Signal;
import io.zkinfer.inference.ir.Attribute;
import io.zkinfer.inference.quant.IntegerKernels;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.Map;
import java.util.Random;

import static io.zkinfer.circuits.gadgets.GadgetAssertions.assertRejected;
import static io.zkinfer.circuits.gadgets.GadgetAssertions.assertSatisfied;
import static io.zkinfer.circuits.gadgets.GadgetAssertions.cheat;
import static io.zkinfer.circuits.gadgets.GadgetAssertions.shifted;
import static io.zkinfer.circuits.gadgets.IntegerReference.integer;
import static io.zkinfer.circuits.gadgets.IntegerReference.ints;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Clamp and Rescale against the integer executor. */
class RescaleTest {

    /** The documented cost of a Rescale, computed independently of the gadget. */
    static long expectedCost(Interval x, long mul, long div, long lo, long hi) {
        long half = div / 2;
        long remainder = div == 1 ? 0 : Long.bitCount(div) == 1 ? 63 - Long.numberOfLeadingZeros(div)
                : 2L * (64 - Long.numberOfLeadingZeros(div - 1)) + 1;
        Interval q = x.times(BigInteger.valueOf(mul)).plus(BigInteger.valueOf(half)).floorDiv(BigInteger.valueOf(div));
        return remainder + clampCost(q, lo, hi, div > 1);
    }

    static long clampCost(Interval q, long lo, long hi, boolean rangeCheckWhenFree) {
        BigInteger l = BigInteger.valueOf(lo);
        BigInteger h = BigInteger.valueOf(hi);
        if (lo == hi) {
            return 0;
        }
        boolean lowBinds = l.compareTo(q.min()) > 0;
        boolean highBinds = h.compareTo(q.max()) < 0;
        if (lowBinds && highBinds && Long.bitCount(hi - lo + 1) == 1) {
            return q.plus(l.negate()).signedWidth() + 5;
        }
        long cost = 0;
        BigInteger mMax = q.max();
        if (lowBinds) {
            cost += q.plus(l.negate()).signedWidth() + 2;
            mMax = mMax.max(l);
        }
        if (h.compareTo(mMax) < 0) {
            cost += new Interval(q.min().max(l), mMax).subtractedFrom(h).signedWidth() + 2;
        }
        if (cost == 0 && rangeCheckWhenFree) {
            cost = q.signedWidth() + 1;
        }
        return cost;
    }

    @Test
    void clampAgreesWithIntegerKernelsAndCostsWhatItSays() {
        Random rnd = TestRandom.forTest(RescaleTest.class);
        int k = 12;
        long[][] bounds = {{-128, 127}, {0, 6}, {-5000, 5000}, {-3000, -2999}, {3000, 3000}, {-2048, 2047},
            {-100, 100}, {0, 0}, {-7, 8}, {5, Long.MAX_VALUE}, {Long.MIN_VALUE, 5}};
        for (long[] lh : bounds) {
            CircuitBuilder b = new CircuitBuilder();
            int n = 40;
            long[] xs = new long[n];
            Signal[] ys = new Signal[n];
            for (int i = 0; i < n; i++) {
                xs[i] = i < 2 ? (i == 0 ? -2048 : 2047) : rnd.nextInt(4096) - 2048;
                ys[i] = b.publicOutput("y" + i, Clamp.clamp(b, b.privateInput("x" + i, xs[i]), k, lh[0], lh[1]));
            }
            Circuit c = b.build();
            long perElement = clampCost(Interval.signedBits(k), lh[0], lh[1], false);
            assertEquals(n * (perElement + 1), c.numConstraints(), "bounds " + lh[0] + ".." + lh[1]);
            for (int i = 0; i < n; i++) {
                assertEquals(IntegerKernels.clamp(xs[i], lh[0], lh[1]), ys[i].longValue());
            }
            assertSatisfied(c);
            if (perElement > 0) {
                assertRejected(c, shifted(c, ys[2], 1));
            }
        }
        // a 15-bit input to [−128, 127]: x + 128 needs 16 signed bits; two comparisons would cost 16 + 2 + 15 + 2
        assertEquals(16 + 5, clampCost(Interval.signedBits(15), -128, 127, false));
        assertEquals(16 + 2 + 15 + 2, clampCost(Interval.signedBits(15), -100, 100, false));
        // the example of Rescale's Javadoc: an accumulator in [−2^20, 2^20], div = 2^8, to [−128, 127]
        assertEquals(8 + 14 + 5, expectedCost(Interval.magnitude(1 << 20), 1, 256, -128, 127));
    }

    /** The power-of-two form's in-range flag comes from an is-zero test; claiming either answer falsely fails. */
    @Test
    void theInRangeFlagCannotBeForged() {
        for (long x : new long[] {500, 5}) { // above hi (the high bits are not all 0), and in range
            boolean above = x > 127;
            CircuitBuilder honest = new CircuitBuilder();
            Signal y = Clamp.clamp(honest, honest.privateInput("x", x), 12, -128, 127);
            assertEquals(above ? 127 : 5, y.longValue());
            assertSatisfied(honest.build());
            HintRewriter flip = (scope, role, v) -> switch (role) {
                case "zero" -> above ? Fr.ONE : Fr.ZERO;
                case "inv" -> Fr.ZERO;
                default -> v;
            };
            CircuitBuilder b = new CircuitBuilder(flip);
            Signal forged = Clamp.clamp(b, b.privateInput("x", x), 12, -128, 127);
            assertEquals(above ? -128 + (500 + 128) % 256 : 127, forged.longValue()); // the lie carried through
            assertRejected(b.build());
        }
    }

    @Test
    void rescaleAgreesWithTheExecutorBitForBit() {
        Random rnd = TestRandom.forTest(RescaleTest.class);
        for (int t = 0; t < 60; t++) {
            long bound = 1L << (2 + rnd.nextInt(40));
            long mul = t % 3 == 0 ? 1 : 1 + rnd.nextInt(t % 3 == 1 ? 8 : 1 << 12);
            long div = switch (t % 4) {
                case 0 -> 1;
                case 1 -> 1L << rnd.nextInt(30);
                default -> 1 + rnd.nextInt(1 << 20);
            };
            long[] lh = switch (t % 5) {
                case 0 -> new long[] {-128, 127};
                case 1 -> new long[] {-32768, 32767};
                case 2 -> new long[] {1, 127}; // a divisor clamped away from 0
                case 3 -> new long[] {-3, 4}; // a Clip
                default -> new long[] {Long.MIN_VALUE, Long.MAX_VALUE}; // no clamp at all
            };
            int n = 30;
            long[] xs = new long[n];
            for (int i = 0; i < n; i++) {
                xs[i] = i == 0 ? -bound : i == 1 ? bound : i == 2 ? 0 : rnd.nextLong(-bound, bound + 1);
            }
            Interval range = Interval.magnitude(bound);
            CircuitBuilder b = new CircuitBuilder();
            Signal[] ys = new Signal[n];
            int before = 0;
            for (int i = 0; i < n; i++) {
                Signal x = b.privateInput("x" + i, xs[i]);
                before = b.numConstraints();
                ys[i] = Rescale.rescale(b, x, range, mul, div, lh[0], lh[1]);
                assertEquals(expectedCost(range, mul, div, lh[0], lh[1]), b.numConstraints() - before,
                        "mul " + mul + ", div " + div + ", bounds " + lh[0] + ".." + lh[1] + ", x bound " + bound);
                ys[i] = b.publicOutput("y" + i, ys[i]);
            }
            Circuit c = b.build();
            Map<String, Attribute> attrs = Map.of("mul", ints(mul), "div", ints(div), "lo", integer(lh[0]),
                    "hi", integer(lh[1]));
            long[] ref = IntegerReference.run("Rescale", attrs, IntegerReference.vector(xs));
            for (int i = 0; i < n; i++) {
                assertEquals(ref[i], ys[i].longValue(), "Rescale(" + xs[i] + ") mul " + mul + " div " + div);
                assertEquals(IntegerKernels.clamp(IntegerKernels.roundDiv(xs[i] * mul, div), lh[0], lh[1]),
                        ys[i].longValue());
            }
            assertSatisfied(c);
            assertRejected(c, shifted(c, ys[3], 1));
            assertRejected(c, shifted(c, ys[3], -1));
        }
    }

    /** A prover who swaps the remainder for another one in [0, div) leaves the quotient a non-integer. */
    @Test
    void anotherRemainderInRangeIsRejected() {
        for (long div : new long[] {256, 10, 7}) {
            long x = 1234;
            long honest = Math.floorMod(x + div / 2, div);
            BigInteger other = BigInteger.valueOf((honest + 1) % div);
            CircuitBuilder b = new CircuitBuilder(cheat("r.bit", other, null));
            Rescale.rescale(b, b.privateInput("x", x), Interval.signedBits(16), 1, div, -128, 127);
            assertRejected(b.build());
        }
    }

    /**
     * With div = 10 a 4-bit remainder can hold r + 10 (quotient one less, still an integer); only the second check,
     * {@code div − 1 − r ≥ 0}, rejects it.
     */
    @Test
    void aRemainderOfDivOrMoreIsRejectedWhenDivIsNotAPowerOfTwo() {
        long div = 10;
        long x = 40; // n = 45: q = 4, r = 5; the cheat is q = 3, r = 15
        CircuitBuilder honest = new CircuitBuilder();
        Rescale.rescale(honest, honest.privateInput("x", x), Interval.signedBits(8), 1, div, -128, 127);
        assertSatisfied(honest.build());
        CircuitBuilder b = new CircuitBuilder(cheat("r.bit", BigInteger.valueOf(15), null));
        Signal y = Rescale.rescale(b, b.privateInput("x", x), Interval.signedBits(8), 1, div, -128, 127);
        assertEquals(3, y.longValue()); // the cheat carried through: q = (45 − 15)/10
        Circuit c = b.build();
        assertRejected(c);
    }
}
