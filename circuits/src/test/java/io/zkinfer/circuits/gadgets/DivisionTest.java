package io.zkinfer.circuits.gadgets;

import io.zkinfer.algebra.testing.TestRandom;
import io.zkinfer.circuits.builder.Circuit;
import io.zkinfer.circuits.builder.CircuitBuilder;
import io.zkinfer.circuits.builder.Signal;
import io.zkinfer.inference.quant.IntegerKernels;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.zkinfer.circuits.gadgets.GadgetAssertions.assertRejected;
import static io.zkinfer.circuits.gadgets.GadgetAssertions.assertSatisfied;
import static io.zkinfer.circuits.gadgets.GadgetAssertions.cheat;
import static io.zkinfer.circuits.gadgets.GadgetAssertions.shifted;
import static io.zkinfer.circuits.gadgets.IntegerReference.integer;
import static io.zkinfer.circuits.gadgets.IntegerReference.ints;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Rounded division by a constant, mean, and IntDiv by a variable, against the integer executor. */
class DivisionTest {

    static long remainderCost(long d) {
        return d == 1 ? 0 : Long.bitCount(d) == 1 ? 63 - Long.numberOfLeadingZeros(d)
                : 2L * (64 - Long.numberOfLeadingZeros(d - 1)) + 1;
    }

    @Test
    void roundDivByAConstantAgreesWithRoundDiv() {
        Random rnd = TestRandom.forTest(DivisionTest.class);
        for (int t = 0; t < 40; t++) {
            long bound = 1L << (1 + rnd.nextInt(40));
            long d = t % 2 == 0 ? 1L << rnd.nextInt(12) : 1 + rnd.nextInt(100_000);
            Interval range = Interval.magnitude(bound);
            CircuitBuilder b = new CircuitBuilder();
            long[] xs = {-bound, bound, 0, rnd.nextLong(-bound, bound + 1), rnd.nextLong(-bound, bound + 1)};
            Signal[] qs = new Signal[xs.length];
            for (int i = 0; i < xs.length; i++) {
                Signal x = b.privateInput("x" + i, xs[i]);
                int before = b.numConstraints();
                qs[i] = Division.roundDiv(b, x, range, d);
                long qWidth = range.plus(BigInteger.valueOf(d / 2)).floorDiv(BigInteger.valueOf(d)).signedWidth();
                assertEquals(d == 1 ? 0 : remainderCost(d) + qWidth + 1, b.numConstraints() - before, "d = " + d);
                qs[i] = b.publicOutput("q" + i, qs[i]);
            }
            Circuit c = b.build();
            for (int i = 0; i < xs.length; i++) {
                assertEquals(IntegerKernels.roundDiv(xs[i], d), qs[i].longValue());
            }
            assertSatisfied(c);
            assertRejected(c, shifted(c, qs[3], 1));
        }
    }

    @Test
    void meanAgreesWithTheExecutorsIntMean() {
        Random rnd = TestRandom.forTest(DivisionTest.class);
        for (int count : new int[] {1, 2, 3, 4, 9, 49, 64}) {
            long[] xs = new long[count];
            for (int i = 0; i < count; i++) {
                xs[i] = rnd.nextInt(256) - 128;
            }
            CircuitBuilder b = new CircuitBuilder();
            List<Signal> in = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                in.add(b.privateInput("x" + i, xs[i]));
            }
            Signal mean = b.publicOutput("mean", Division.mean(b, in, Interval.of(-128, 127)));
            Circuit c = b.build();
            long[] ref = IntegerReference.run("IntMean", Map.of("keepdims", integer(0)), IntegerReference.vector(xs));
            assertEquals(ref[0], mean.longValue(), "mean of " + count);
            assertSatisfied(c);
            assertRejected(c, shifted(c, mean, 1));
        }
    }

    @Test
    void intDivAgreesWithTheExecutorAndCostsWhatItSays() {
        Random rnd = TestRandom.forTest(DivisionTest.class);
        int w = 8;
        int shift = 6;
        Interval range = Interval.of(-32768, 32767);
        int n = 60;
        long[] as = new long[n];
        long[] ds = new long[n];
        for (int i = 0; i < n; i++) {
            as[i] = i == 0 ? -32768 : i == 1 ? 32767 : rnd.nextInt(65536) - 32768;
            ds[i] = i == 2 ? 1 : i == 3 ? 255 : 1 + rnd.nextInt(255);
        }
        CircuitBuilder b = new CircuitBuilder();
        Signal[] qs = new Signal[n];
        for (int i = 0; i < n; i++) {
            Signal a = b.privateInput("a" + i, as[i]);
            Signal d = b.privateInput("d" + i, ds[i]);
            int before = b.numConstraints();
            qs[i] = Division.roundDiv(b, a, range, shift, d, w);
            assertEquals(3 * w + 23 + 4, b.numConstraints() - before); // q in [−2^21, 2^21 + 127]: 23 bits
            qs[i] = b.publicOutput("q" + i, qs[i]);
        }
        Circuit c = b.build();
        long[] ref = IntegerReference.run("IntDiv", Map.of("shift", integer(shift)), IntegerReference.vector(as),
                IntegerReference.vector(ds));
        for (int i = 0; i < n; i++) {
            assertEquals(ref[i], qs[i].longValue(), as[i] + " / " + ds[i]);
            assertEquals(IntegerKernels.roundDiv(as[i] << shift, ds[i]), qs[i].longValue());
        }
        assertSatisfied(c);
        assertRejected(c, shifted(c, qs[4], 1));
        assertRejected(c, shifted(c, qs[4], -1));
    }

    @Test
    void aPreparedDivisorIsDecomposedOnce() {
        CircuitBuilder b = new CircuitBuilder();
        Division.Divisor d = Division.divisor(b, b.privateInput("d", 10), 4);
        assertEquals(5, b.numConstraints());
        assertEquals(5, d.half().longValue());
        Interval range = Interval.of(-128, 127);
        long[] as = {-128, -15, -5, 0, 5, 15, 127};
        Signal[] qs = new Signal[as.length];
        for (int i = 0; i < as.length; i++) {
            Signal a = b.privateInput("a" + i, as[i]);
            int before = b.numConstraints();
            qs[i] = Division.roundDiv(b, a, range, 0, d);
            assertEquals(2 * 4 + 9 + 3, b.numConstraints() - before); // q in [−128, 134]: 9 bits
        }
        Circuit c = b.build();
        for (int i = 0; i < as.length; i++) {
            assertEquals(IntegerKernels.roundDiv(as[i], 10), qs[i].longValue());
        }
        assertSatisfied(c);
    }

    /** q − 1 with r + d keeps q·d + r = n; the check d − 1 − r ≥ 0 rejects it. */
    @Test
    void intDivRejectsAnotherQuotientAndRemainder() {
        long a = 100;
        long d = 7; // n = 100 + 3 = 103 = 14·7 + 5
        CircuitBuilder honest = new CircuitBuilder();
        Signal honestA = honest.privateInput("a", a);
        Division.roundDiv(honest, honestA, Interval.of(-128, 127), 0, honest.privateInput("d", d), 4);
        assertSatisfied(honest.build());
        CircuitBuilder b = new CircuitBuilder(cheat("r.bit", BigInteger.valueOf(12), BigInteger.valueOf(13)));
        Signal q = Division.roundDiv(b, b.privateInput("a", a), Interval.of(-128, 127), 0, b.privateInput("d", d), 4);
        assertEquals(13, q.longValue());
        assertRejected(b.build());
        CircuitBuilder b2 = new CircuitBuilder(cheat("r.bit", BigInteger.valueOf(6), BigInteger.valueOf(14)));
        Division.roundDiv(b2, b2.privateInput("a", a), Interval.of(-128, 127), 0, b2.privateInput("d", d), 4);
        assertRejected(b2.build()); // r in range but q·d + r ≠ n
    }

    @Test
    void intDivRefusesANonPositiveDivisorNamingTheScope() {
        CircuitBuilder b = new CircuitBuilder();
        try (var s = b.scope("norm")) {
            ArithmeticException e = assertThrows(ArithmeticException.class, () -> Division.roundDiv(b,
                    b.privateInput("a", 5), Interval.of(-128, 127), 0, b.privateInput("d", 0), 8));
            assertTrue(e.getMessage().contains("'norm'"), e.getMessage());
        }
    }
}
