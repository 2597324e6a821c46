package io.zkinfer.circuits.gadgets;

import io.zkinfer.algebra.testing.TestRandom;
import io.zkinfer.circuits.builder.Circuit;
import io.zkinfer.circuits.builder.CircuitBuilder;
import io.zkinfer.circuits.builder.Signal;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.zkinfer.circuits.gadgets.GadgetAssertions.assertRejected;
import static io.zkinfer.circuits.gadgets.GadgetAssertions.assertSatisfied;
import static io.zkinfer.circuits.gadgets.GadgetAssertions.shifted;
import static io.zkinfer.circuits.gadgets.IntegerReference.integer;
import static org.junit.jupiter.api.Assertions.assertEquals;

class SoftmaxTest {

    /** The exp table of docs/quantization.md §7 for input scale s: floor(exp(−k·2^−s)·2^E + 0.5), cut after a 0. */
    static long[] expTable(int bits, int scale) {
        int e = bits + 8;
        List<Long> t = new ArrayList<>();
        for (int k = 0; k < 1 << bits; k++) {
            long v = (long) Math.floor(StrictMath.exp(-k * Math.pow(2, -scale)) * Math.pow(2, e) + 0.5);
            t.add(v);
            if (v == 0) {
                break;
            }
        }
        return t.stream().mapToLong(Long::longValue).toArray();
    }

    /** The cost of Softmax's Javadoc, from the documented costs of its parts. */
    static long expectedCost(int n, int k, long[] table, int outShift) {
        long clamp = RescaleTest.clampCost(Interval.of(0, (1L << k) - 1), 0, table.length - 1, false);
        int ws = BigInteger.valueOf(table[0]).multiply(BigInteger.valueOf(n)).bitLength();
        int wq = Interval.of(0, (table[0] << outShift) + (1L << (ws - 1)) - 1).signedWidth();
        return (n - 1L) * (k + 3) + n * (clamp + LookupTest.expectedCost(table)) + ws + 1 + n * (2L * ws + wq + 3);
    }

    @Test
    void softmaxAgreesWithTheExecutorsIntSoftmax() {
        Random rnd = TestRandom.forTest(SoftmaxTest.class);
        int k = 8;
        int outShift = 6;
        for (int scale : new int[] {4, 2}) {
            long[] table = expTable(k, scale);
            for (int t = 0; t < 8; t++) {
                int n = 2 + rnd.nextInt(9);
                long[] xs = new long[n];
                for (int i = 0; i < n; i++) {
                    xs[i] = t == 0 ? 7 : rnd.nextInt(256) - 128; // one row of ties
                }
                CircuitBuilder b = new CircuitBuilder();
                List<Signal> in = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    in.add(b.privateInput("x" + i, xs[i]));
                }
                List<Signal> ys = Softmax.softmax(b, in, k, table, outShift);
                assertEquals(expectedCost(n, k, table, outShift), b.numConstraints());
                List<Signal> outs = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    outs.add(b.publicOutput("y" + i, ys.get(i)));
                }
                Circuit c = b.build();
                CircuitBuilder w = CircuitBuilder.witnessOnly();
                List<Signal> wIn = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    wIn.add(w.privateInput("x" + i, xs[i]));
                }
                List<Signal> wYs = Softmax.softmax(w, wIn, k, table, outShift);
                for (int i = 0; i < n; i++) {
                    w.publicOutput("y" + i, wYs.get(i));
                }
                assertEquals(c.witness(), w.witness()); // the same code, witness only
                assertEquals(c.numConstraints(), w.numConstraints());
                long[] ref = IntegerReference.run("IntSoftmax", Map.of("axis", integer(-1), "out_shift",
                        integer(outShift)), IntegerReference.vector(xs), IntegerReference.vector(table));
                for (int i = 0; i < n; i++) {
                    assertEquals(ref[i], outs.get(i).longValue(), "softmax element " + i + " of " + n);
                }
                assertSatisfied(c);
                assertRejected(c, shifted(c, outs.get(0), 1));
            }
        }
    }
}
