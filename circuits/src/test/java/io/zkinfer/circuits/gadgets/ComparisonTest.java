package io.zkinfer.circuits.gadgets;

import io.zkinfer.algebra.testing.TestRandom;
import io.zkinfer.circuits.builder.Circuit;
import io.zkinfer.circuits.builder.CircuitBuilder;
import io.zkinfer.circuits.builder.Signal;
import io.zkinfer.inference.quant.IntegerKernels;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.zkinfer.circuits.gadgets.GadgetAssertions.assertRejected;
import static io.zkinfer.circuits.gadgets.GadgetAssertions.assertSatisfied;
import static io.zkinfer.circuits.gadgets.GadgetAssertions.shifted;
import static io.zkinfer.circuits.gadgets.GadgetAssertions.tampered;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Comparison, selection, maximum, argmax and ReLU. */
class ComparisonTest {

    private static final int K = 8;

    private static long random8(Random rnd) {
        return rnd.nextInt(256) - 128;
    }

    @Test
    void comparisonsAgreeWithTheIntegersAndTheirBitsCannotBeFlipped() {
        long[][] cases = {{-128, 127}, {127, -128}, {5, 5}, {-1, 0}, {0, -1}};
        for (long[] xy : cases) {
            for (int op = 0; op < 4; op++) {
                CircuitBuilder b = new CircuitBuilder();
                Signal x = b.privateInput("x", xy[0]);
                Signal y = b.privateInput("y", xy[1]);
                Signal c = switch (op) {
                    case 0 -> Comparison.isGreaterOrEqual(b, x, y, K + 1);
                    case 1 -> Comparison.isGreaterThan(b, x, y, K + 1);
                    case 2 -> Comparison.isLessThan(b, x, y, K + 1);
                    default -> Comparison.isLessOrEqual(b, x, y, K + 1);
                };
                boolean expected = switch (op) {
                    case 0 -> xy[0] >= xy[1];
                    case 1 -> xy[0] > xy[1];
                    case 2 -> xy[0] < xy[1];
                    default -> xy[0] <= xy[1];
                };
                Signal out = b.publicOutput("c", c);
                Circuit circuit = b.build();
                // n + 1 with n = K + 1; [x ≥ y] and [x ≤ y] are a bit wire that becomes the output itself, the
                // other two are 1 − bit and need the output equality
                assertEquals(K + 2 + (op == 0 || op == 3 ? 0 : 1), circuit.numConstraints());
                assertEquals(expected ? 1 : 0, out.longValue(), "op " + op + " on " + xy[0] + ", " + xy[1]);
                assertSatisfied(circuit);
                assertRejected(circuit, tampered(circuit, out, expected ? 0 : 1));
            }
        }
    }

    @Test
    void aDifferenceOutsideTheWidthHasNoWitness() {
        CircuitBuilder b = new CircuitBuilder();
        Comparison.isGreaterOrEqual(b, b.privateInput("x", 127), b.privateInput("y", -128), K); // 255 needs 9 bits
        assertRejected(b.build());
    }

    @Test
    void selectPicksOneOfTwoAtOneConstraint() {
        for (long c = 0; c <= 1; c++) {
            CircuitBuilder b = new CircuitBuilder();
            Signal cond = b.privateInput("c", c);
            b.assertBoolean(cond);
            Signal picked = Select.ifThenElse(b, cond, b.privateInput("x", 11), b.privateInput("y", -4));
            Signal out = b.publicOutput("y", picked);
            Circuit circuit = b.build();
            assertEquals(3, circuit.numConstraints()); // booleanity, the product, the output equality
            assertEquals(c == 1 ? 11 : -4, out.longValue());
            assertSatisfied(circuit);
            assertRejected(circuit, shifted(circuit, out, 1));
        }
        CircuitBuilder b = new CircuitBuilder();
        Signal cond = b.privateInput("c", 1);
        assertEquals(7, Select.ifThenElse(b, cond, b.constant(7), b.constant(3)).longValue()); // 3 + 4c: free
        assertEquals(0, b.numConstraints());
    }

    @Test
    void maxReluAndArgmaxAgreeWithTheExecutor() {
        Random rnd = TestRandom.forTest(ComparisonTest.class);
        int m = 9;
        for (int t = 0; t < 100; t++) {
            long[] xs = new long[m];
            for (int i = 0; i < m; i++) {
                xs[i] = t % 10 == 0 ? rnd.nextInt(3) - 1 : random8(rnd); // some runs full of ties
            }
            CircuitBuilder b = new CircuitBuilder();
            List<Signal> in = new ArrayList<>();
            for (int i = 0; i < m; i++) {
                in.add(b.privateInput("x" + i, xs[i]));
            }
            Signal max2 = b.publicOutput("max2", Maximum.max(b, in.get(0), in.get(1), K));
            int afterMax2 = b.numConstraints();
            Signal relu = b.publicOutput("relu", Maximum.relu(b, in.get(2), K));
            int afterRelu = b.numConstraints();
            Signal maxAll = b.publicOutput("max", Maximum.maxOf(b, in, K));
            int afterMaxOf = b.numConstraints();
            Maximum.ArgMax arg = Maximum.argmax(b, in, K);
            Signal index = b.publicOutput("argmax", arg.index());
            int afterArgmax = b.numConstraints();
            Circuit c = b.build();

            assertEquals(K + 3 + 1, afterMax2);
            assertEquals(K + 2, afterRelu - afterMax2); // the product wire itself is the output
            assertEquals((m - 1) * (K + 3) + 1, afterMaxOf - afterRelu);
            assertEquals((m - 1) * (K + 4) - 1 + 1, afterArgmax - afterMaxOf);

            long[] reluRef = IntegerReference.run("Relu", Map.of(), IntegerReference.vector(xs[2]));
            long[] poolRef = IntegerReference.run("MaxPool", Map.of("kernel_shape", IntegerReference.ints(1, m)),
                    IntegerReference.tensor(new long[] {1, 1, 1, m}, xs));
            int first = 0;
            for (int i = 1; i < m; i++) {
                if (xs[i] > xs[first]) {
                    first = i;
                }
            }
            assertEquals(Math.max(xs[0], xs[1]), max2.longValue());
            assertEquals(reluRef[0], relu.longValue());
            assertEquals(poolRef[0], maxAll.longValue());
            assertEquals(xs[first], arg.value().longValue());
            assertEquals(first, index.longValue());
            assertEquals(IntegerKernels.clamp(xs[2], 0, Long.MAX_VALUE), relu.longValue());
            assertSatisfied(c);
            for (Signal out : List.of(max2, relu, maxAll, index)) {
                assertRejected(c, shifted(c, out, 1));
                assertRejected(c, shifted(c, out, -1));
            }
        }
    }
}
