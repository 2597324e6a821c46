package io.zkinfer.inference.quant;

import io.zkinfer.inference.ir.Attribute;
import io.zkinfer.inference.ir.DataType;
import io.zkinfer.inference.ir.Graph;
import io.zkinfer.inference.ir.Node;
import io.zkinfer.inference.ir.Shape;
import io.zkinfer.inference.ir.Tensor;
import io.zkinfer.inference.ir.TensorInfo;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every integer operator of docs/quantization.md against values computed by hand. */
class IntegerOperatorsTest {

    @Test
    void roundDivRoundsHalfUpTowardsPlusInfinity() {
        assertEquals(3, IntegerKernels.roundDiv(5, 2)); // 2.5 -> 3
        assertEquals(-2, IntegerKernels.roundDiv(-5, 2)); // -2.5 -> -2 (ties towards +inf)
        assertEquals(4, IntegerKernels.roundDiv(7, 2));
        assertEquals(-3, IntegerKernels.roundDiv(-7, 2)); // -3.5 -> -3
        assertEquals(0, IntegerKernels.roundDiv(1, 3));
        assertEquals(1, IntegerKernels.roundDiv(2, 3));
        assertEquals(-1, IntegerKernels.roundDiv(-2, 3));
        assertEquals(0, IntegerKernels.roundDiv(-1, 3));
        assertEquals(-2, IntegerKernels.roundDiv(5, -2)); // = roundDiv(-5, 2)
        assertEquals(3, IntegerKernels.roundDiv(-5, -2));
        assertEquals(0, IntegerKernels.roundDiv(0, 7));
        assertEquals(1L << 40, IntegerKernels.roundDiv(1L << 61, 1L << 21));
        assertThrows(ArithmeticException.class, () -> IntegerKernels.roundDiv(1, 0));
    }

    @Test
    void rescaleIsPerChannelWithRoundingAndClamping() {
        Node n = node("Rescale", List.of("x"), Map.of("mul", Attribute.Ints.of(1, 2), "div", Attribute.Ints.of(4, 1),
                "axis", new Attribute.Int(1), "lo", new Attribute.Int(-15), "hi", new Attribute.Int(15)));
        // column 0: roundDiv(x, 4); column 1: 2x; then clamp to [-15, 15]
        assertArrayEquals(new long[] {3, 15, -2, 6, -3, -15}, run(n, Map.of("x", t(new long[] {3, 2}, 10, 10, -10, 3, -11, -9))));
        Node single = node("Rescale", List.of("x"), Map.of("mul", Attribute.Ints.of(1), "div", Attribute.Ints.of(8),
                "lo", new Attribute.Int(-128), "hi", new Attribute.Int(127)));
        assertArrayEquals(new long[] {1, 0, -1, 0, 127, -128},
                run(single, Map.of("x", t(new long[] {6}, 4, 3, -5, -4, 5000, -5000))));
    }

    @Test
    void lookupIndexesWithOffsetAndRefusesOutsideTheTable() {
        Node n = node("Lookup", List.of("x", "table"), Map.of("offset", new Attribute.Int(2)));
        Map<String, Tensor> in = Map.of("x", t(new long[] {3}, -2, 1, 0), "table", t(new long[] {4}, 5, 6, 7, 8));
        assertArrayEquals(new long[] {5, 8, 7}, run(n, in));
        Map<String, Tensor> out = Map.of("x", t(new long[] {1}, 2), "table", t(new long[] {4}, 5, 6, 7, 8));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> run(n, out));
        assertTrue(e.getMessage().contains("op'"), e.getMessage());
    }

    @Test
    void addSubMulAndDivBroadcast() {
        Map<String, Tensor> in = Map.of("a", t(new long[] {2, 2}, 1, 2, 3, 4), "b", t(new long[] {2}, 10, -1));
        Map<String, Attribute> muls = Map.of("mul_a", new Attribute.Int(2), "mul_b", new Attribute.Int(3));
        assertArrayEquals(new long[] {32, 1, 36, 5}, run(node("IntAdd", List.of("a", "b"), muls), in));
        assertArrayEquals(new long[] {-28, 7, -24, 11}, run(node("IntSub", List.of("a", "b"), muls), in));
        assertArrayEquals(new long[] {10, -2, 30, -4}, run(node("IntMul", List.of("a", "b"), Map.of()), in));
        // roundDiv(a * 2, b): 2/10 -> 0, 4/-1 -> -4, 6/10 -> 1, 8/-1 -> -8
        assertArrayEquals(new long[] {0, -4, 1, -8},
                run(node("IntDiv", List.of("a", "b"), Map.of("shift", new Attribute.Int(1))), in));
        // -3/4 = -0.75 -> -1; 5/2 = 2.5 -> 3
        assertArrayEquals(new long[] {-1, 3}, run(node("IntDiv", List.of("a", "b"), Map.of()),
                Map.of("a", t(new long[] {2}, -3, 5), "b", t(new long[] {2}, 4, 2))));
        ArithmeticException e = assertThrows(ArithmeticException.class, () -> run(node("IntDiv", List.of("a", "b"),
                Map.of()), Map.of("a", t(new long[] {1}, 3), "b", t(new long[] {1}, 0))));
        assertTrue(e.getMessage().contains("'op'"), e.getMessage());
    }

    @Test
    void matMulConvAndConvTransposeAccumulateExactly() {
        Map<String, Tensor> mm = Map.of("a", t(new long[] {2, 2}, 1, 2, 3, 4), "b", t(new long[] {2, 1}, 5, 6),
                "bias", t(new long[] {1}, 7));
        assertArrayEquals(new long[] {24, 46}, run(node("IntMatMul", List.of("a", "b", "bias"), Map.of()), mm));
        long big = 1L << 40; // beyond float and int precision, exact in long
        assertArrayEquals(new long[] {big * 3 + 1}, run(node("IntMatMul", List.of("a", "b"), Map.of()),
                Map.of("a", t(new long[] {1, 2}, big, 1), "b", t(new long[] {2, 1}, 3, 1))));
        Map<String, Tensor> conv = Map.of("x", t(new long[] {1, 1, 3, 3}, 1, 2, 3, 4, 5, 6, 7, 8, 9),
                "w", t(new long[] {1, 1, 2, 2}, 1, 1, 1, 1), "bias", t(new long[] {1}, 10));
        assertArrayEquals(new long[] {22, 26, 34, 38}, run(node("IntConv", List.of("x", "w", "bias"), Map.of()), conv));
        Map<String, Tensor> convT = Map.of("x", t(new long[] {1, 1, 2, 2}, 1, 2, 3, 4),
                "w", t(new long[] {1, 1, 2, 2}, 1, 1, 1, 1));
        assertArrayEquals(new long[] {1, 3, 2, 4, 10, 6, 3, 7, 4},
                run(node("IntConvTranspose", List.of("x", "w"), Map.of()), convT));
    }

    @Test
    void sumMeanAndAveragePoolRoundTheirQuotients() {
        Map<String, Tensor> in = Map.of("x", t(new long[] {3, 2}, 1, 2, 2, 3, -2, -3));
        Map<String, Attribute> axis1 = Map.of("axes", Attribute.Ints.of(1), "keepdims", new Attribute.Int(0));
        assertArrayEquals(new long[] {3, 5, -5}, run(node("IntSum", List.of("x"), axis1), in));
        // 3/2 = 1.5 -> 2, 5/2 = 2.5 -> 3, -5/2 = -2.5 -> -2
        assertArrayEquals(new long[] {2, 3, -2}, run(node("IntMean", List.of("x"), axis1), in));
        Node pool = node("IntAvgPool", List.of("x"), Map.of("kernel_shape", Attribute.Ints.of(2, 2)));
        assertArrayEquals(new long[] {3}, run(pool, Map.of("x", t(new long[] {1, 1, 2, 2}, 1, 2, 3, 5)))); // 11/4
        Node padded = node("IntAvgPool", List.of("x"), Map.of("kernel_shape", Attribute.Ints.of(2, 2),
                "pads", Attribute.Ints.of(1, 1, 0, 0), "count_include_pad", new Attribute.Int(1)));
        // first window holds only x[0][0] = 4 and three pads: 4/4 = 1
        assertArrayEquals(new long[] {1, 2, 2, 4}, run(padded, Map.of("x", t(new long[] {1, 1, 2, 2}, 4, 4, 4, 4))));
    }

    @Test
    void softmaxUsesTheExpTableOfDifferencesFromTheMaximum() {
        Node n = node("IntSoftmax", List.of("x", "exp"), Map.of("axis", new Attribute.Int(-1),
                "out_shift", new Attribute.Int(4)));
        Map<String, Tensor> in = Map.of("x", t(new long[] {2, 2}, 0, 1, 5, -20),
                "exp", t(new long[] {6}, 16, 8, 4, 2, 1, 0));
        // row 0: e = [8, 16], S = 24: roundDiv(128, 24) = 5, roundDiv(256, 24) = 11
        // row 1: e = [16, table[min(25, 5)] = 0], S = 16: [16, 0]
        assertArrayEquals(new long[] {5, 11, 16, 0}, run(n, in));
    }

    @Test
    void movementOperatorsKeepIntegersExact() {
        long big = (1L << 40) + 1; // not representable in float
        Node tr = node("Transpose", List.of("x"), Map.of("perm", Attribute.Ints.of(1, 0)));
        assertArrayEquals(new long[] {big, 3, 2, -big}, run(tr, Map.of("x", t(new long[] {2, 2}, big, 2, 3, -big))));
        Node relu = node("Relu", List.of("x"), Map.of());
        assertArrayEquals(new long[] {big, 0}, run(relu, Map.of("x", t(new long[] {2}, big, -big))));
        Node max = node("MaxPool", List.of("x"), Map.of("kernel_shape", Attribute.Ints.of(1, 2)));
        assertArrayEquals(new long[] {big}, run(max, Map.of("x", t(new long[] {1, 1, 1, 2}, big, big - 1))));
    }

    static Tensor t(long[] shape, long... values) {
        return Tensor.ofLongs(DataType.INT64, shape, values);
    }

    static Node node(String op, List<String> inputs, Map<String, Attribute> attrs) {
        return new Node(op, "op", inputs, List.of("y"), attrs);
    }

    /** Runs {@code n} alone, with every input given as an initializer. */
    static long[] run(Node n, Map<String, Tensor> inputs) {
        Graph g = new Graph("t", 13, List.of(), List.of(new TensorInfo("y", DataType.INT64, new Shape(List.of()))),
                List.of(n), new LinkedHashMap<>(inputs));
        QuantSettings s = new QuantSettings(QuantSettings.FORMAT, QuantSettings.VERSION, QuantOptions.DEFAULT,
                new QuantSettings.CalibrationSummary("none", 1), null, new ArrayList<>(), new ArrayList<>());
        return new IntegerExecutor(new QuantizedModel(g, s)).runIntegers(Map.of()).get("y").longs();
    }
}
