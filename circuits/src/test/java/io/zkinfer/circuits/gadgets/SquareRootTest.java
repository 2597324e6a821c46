package io.zkinfer.circuits.gadgets;

import io.zkinfer.algebra.testing.TestRandom;
import io.zkinfer.circuits.builder.Circuit;
import io.zkinfer.circuits.builder.CircuitBuilder;
import io.zkinfer.circuits.builder.Signal;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.Random;

import static io.zkinfer.circuits.gadgets.GadgetAssertions.assertRejected;
import static io.zkinfer.circuits.gadgets.GadgetAssertions.assertSatisfied;
import static io.zkinfer.circuits.gadgets.GadgetAssertions.cheat;
import static io.zkinfer.circuits.gadgets.GadgetAssertions.shifted;
import static org.junit.jupiter.api.Assertions.assertEquals;

class SquareRootTest {

    @Test
    void floorSqrtIsExactAtSquaresAndBetween() {
        Random rnd = TestRandom.forTest(SquareRootTest.class);
        for (int n : new int[] {1, 2, 8, 15, 16, 31, 62}) {
            long top = (1L << n) - 1;
            long[] xs = {0, 1, top, rnd.nextLong(top + 1), 3, 4, 8, 9};
            CircuitBuilder b = new CircuitBuilder();
            Signal[] ys = new Signal[xs.length];
            int h = (n + 1) / 2;
            for (int i = 0; i < xs.length; i++) {
                long x = Math.min(xs[i], top);
                xs[i] = x;
                Signal in = b.privateInput("x" + i, x);
                int before = b.numConstraints();
                ys[i] = SquareRoot.floorSqrt(b, in, n);
                assertEquals(3 * h + 5, b.numConstraints() - before);
                ys[i] = b.publicOutput("y" + i, ys[i]);
            }
            Circuit c = b.build();
            for (int i = 0; i < xs.length; i++) {
                assertEquals(BigInteger.valueOf(xs[i]).sqrt().longValueExact(), ys[i].longValue(), "sqrt " + xs[i]);
            }
            assertSatisfied(c);
            assertRejected(c, shifted(c, ys[2], 1));
            assertRejected(c, shifted(c, ys[2], -1));
        }
    }

    /** A root one too small leaves a remainder above 2y; one too large a negative remainder. */
    @Test
    void aNeighbouringRootIsRejected() {
        long x = 1000; // floor(sqrt) = 31, 31² = 961
        for (long y : new long[] {30, 32}) {
            CircuitBuilder b = new CircuitBuilder(cheat("y.bit", BigInteger.valueOf(y), null));
            Signal root = SquareRoot.floorSqrt(b, b.privateInput("x", x), 12);
            assertEquals(y, root.longValue());
            assertRejected(b.build());
        }
    }
}
