package io.zkinfer.inference.exec;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import io.zkinfer.algebra.testing.TestRandom;
import io.zkinfer.inference.ir.Graph;
import io.zkinfer.inference.ir.Node;
import io.zkinfer.inference.ir.Tensor;
import io.zkinfer.inference.onnx.OnnxImporter;
import io.zkinfer.inference.ort.OnnxRuntimeRunner;
import io.zkinfer.inference.testing.OnnxFixture;
import io.zkinfer.inference.testing.OperatorFixtures;
import io.zkinfer.inference.testing.OrtInt8Weights;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link PrequantizedLowering}: the lowered float graph, run by {@link FloatExecutor}, agrees with ONNX Runtime on the
 * original pre-quantized model. The inputs lie on the grid of the model's first QuantizeLinear, so the original's
 * only rounding is that of its quantized output: the lowered graph computes the real value the original rounds to a
 * multiple of its output scale, and the two differ by at most half an output step. The tolerance is one output step
 * (one LSB, which also absorbs ONNX Runtime's float requantization multiplier); models with a float output (integer
 * accumulators cast and scaled, dequantized constants) agree to the float tolerance 1e-4 normwise.
 */
class PrequantizedLoweringTest {

    /** Int8 weights ONNX Runtime multiplies exactly on every CPU ({@link OrtInt8Weights}). */
    private static final int W_MIN = OrtInt8Weights.MIN;
    private static final int W_MAX = OrtInt8Weights.MAX;

    private static final double FLOAT_TOLERANCE = 1e-4;
    private static final int SAMPLES = 4;
    private static Random random;

    @BeforeAll
    static void setUp() {
        random = new Random(TestRandom.seed(PrequantizedLoweringTest.class.getSimpleName()));
    }

    @Test
    void eachPrequantizedFixtureLowersToAFloatGraphThatAgreesWithOnnxRuntime() {
        for (String op : PrequantizedLowering.PREQUANTIZED_OPERATORS) {
            OperatorFixtures.Fixture f = OperatorFixtures.load(op);
            List<Map<String, Tensor>> inputs = new ArrayList<>(List.of(f.input()));
            for (int i = 1; i < SAMPLES; i++) {
                inputs.add(OperatorFixtures.sample(op, random));
            }
            check(op, f.model(), inputs, f.outputStep());
        }
    }

    @Test
    void chainedQLinearMatMulsPropagateTheFloatEquivalent() {
        float ys1 = 0.05f;
        float ys2 = 0.1f;
        long[] w1 = ints(24, W_MIN, W_MAX);
        long[] w2 = ints(20, W_MIN, W_MAX);
        OnnxFixture f = quantizedInput(3, 6).ints("w1", DataType.INT8, new long[] {6, 4}, w1)
                .floats("ws1", new long[0], new float[] {0.01f}).ints("wz", DataType.INT8, new long[0], 0)
                .floats("ys1", new long[0], new float[] {ys1}).ints("yz", DataType.UINT8, new long[0], 128)
                .ints("w2", DataType.INT8, new long[] {4, 5}, w2).floats("ws2", new long[0], new float[] {0.01f})
                .floats("ys2", new long[0], new float[] {ys2})
                .node("QLinearMatMul", "l1", new String[] {"xq", "xs", "xz", "w1", "ws1", "wz", "ys1", "yz"},
                        new String[] {"h"})
                .node("QLinearMatMul", "l2", new String[] {"h", "ys1", "yz", "w2", "ws2", "wz", "ys2", "yz"},
                        new String[] {"yq"})
                .node("DequantizeLinear", "dq", new String[] {"yq", "ys2", "yz"}, new String[] {"y"})
                .output("y", 2);
        // the first layer's rounding (half of ys1 per element) goes through the second layer's weights
        double worstColumn = 0;
        for (int j = 0; j < 5; j++) {
            double sum = 0;
            for (int k = 0; k < 4; k++) {
                sum += Math.abs(w2[k * 5 + j]) * 0.01;
            }
            worstColumn = Math.max(worstColumn, sum);
        }
        check("chain", f.bytes(), gridInputs(3, 6), (float) (ys2 + ys1 / 2 * worstColumn));
    }

    @Test
    void qdqConvWithPerChannelWeightsAndBiasLowersToAFloatConv() {
        float ys = 0.05f;
        float[] ws = {0.004f, 0.006f, 0.005f};
        OnnxFixture f = quantizedInput(1, 2, 5, 5)
                .node("DequantizeLinear", "dqx", new String[] {"xq", "xs", "xz"}, new String[] {"xf"})
                .ints("w", DataType.INT8, new long[] {3, 2, 3, 3}, ints(54, W_MIN, W_MAX))
                .floats("ws", new long[] {3}, ws).ints("wz", DataType.INT8, new long[] {3}, 0, 0, 0)
                .node("DequantizeLinear", "dqw", new String[] {"w", "ws", "wz"}, new String[] {"wf"}, "axis", 0L)
                .ints("b", DataType.INT32, new long[] {3}, ints(3, -2000, 2000))
                .floats("bs", new long[] {3}, new float[] {ws[0] * 0.01f, ws[1] * 0.01f, ws[2] * 0.01f})
                .ints("bz", DataType.INT32, new long[] {3}, 0, 0, 0)
                .node("DequantizeLinear", "dqb", new String[] {"b", "bs", "bz"}, new String[] {"bf"}, "axis", 0L)
                .node("Conv", "conv", new String[] {"xf", "wf", "bf"}, new String[] {"c"}, "pads", new long[] {1, 1, 1, 1})
                .floats("ys", new long[0], new float[] {ys}).ints("yz", DataType.UINT8, new long[0], 128)
                .node("QuantizeLinear", "qy", new String[] {"c", "ys", "yz"}, new String[] {"cq"})
                .node("DequantizeLinear", "dqy", new String[] {"cq", "ys", "yz"}, new String[] {"y"})
                .output("y", 4);
        check("QDQ Conv", f.bytes(), gridInputs(1, 2, 5, 5), ys);
    }

    @Test
    void aPerAxisQuantizeDequantizePairOnAnActivationIsRemoved() {
        OnnxFixture f = new OnnxFixture().input("x", 2, 3, 4)
                .floats("s", new long[] {3}, new float[] {0.01f, 0.02f, 0.015f})
                .ints("z", DataType.INT8, new long[] {3}, 0, -5, 7)
                .node("QuantizeLinear", "q", new String[] {"x", "s", "z"}, new String[] {"xq"}, "axis", 1L)
                .node("DequantizeLinear", "dq", new String[] {"xq", "s", "z"}, new String[] {"d"}, "axis", 1L)
                .node("Relu", "r", "d", "y").output("y", 3);
        Graph lowered = PrequantizedLowering.lower(new OnnxImporter().importModel(f.bytes()));
        assertEquals(List.of("Relu"), lowered.nodes().stream().map(Node::opType).toList());
        List<Map<String, Tensor>> inputs = new ArrayList<>();
        for (int i = 0; i < SAMPLES; i++) {
            inputs.add(Map.of("x", Tensor.ofFloats(new long[] {2, 3, 4}, OnnxFixture.random(random, 2, 3, 4))));
        }
        // off the grid: the original rounds x to its channel's step, the lowered graph does not (half the largest step)
        check("per-axis QDQ", f.bytes(), inputs, 0.01f);
    }

    @Test
    void matMulIntegerOfTwoQuantizedActivations() {
        OnnxFixture f = quantizedInput(3, 4).input("b", 4, 2).floats("bs", new long[0], new float[] {0.01f})
                .ints("bz", DataType.UINT8, new long[0], 128)
                .floats("k", new long[0], new float[] {0.01f * 0.01f})
                .node("QuantizeLinear", "qb", new String[] {"b", "bs", "bz"}, new String[] {"bq"})
                .node("MatMulInteger", "mmi", new String[] {"xq", "bq", "xz", "bz"}, new String[] {"acc"})
                .node("Cast", "accf", "acc", "af", "to", 1L)
                .node("Mul", "scale", new String[] {"af", "k"}, new String[] {"y"}).output("y", 2);
        List<Map<String, Tensor>> inputs = new ArrayList<>();
        for (int i = 0; i < SAMPLES; i++) {
            inputs.add(Map.of("x", grid(3, 4), "b", grid(4, 2)));
        }
        check("activation x activation", f.bytes(), inputs, 0);
    }

    @Test
    void theScaleProductMulAfterAnAccumulatorFoldsIntoTheWeights() {
        for (String op : new String[] {"MatMulInteger", "ConvInteger"}) {
            Graph lowered = PrequantizedLowering.lower(OperatorFixtures.load(op).graph());
            List<String> ops = lowered.nodes().stream().map(Node::opType).toList();
            assertEquals(List.of(op.equals("MatMulInteger") ? "MatMul" : "Conv", "Identity"), ops, op);
        }
        // per-column factors fold too; a cast accumulator read twice keeps its Mul
        float[] k = {1e-4f, 2e-4f, 3e-4f, 4e-4f};
        OnnxFixture f = quantizedInput(3, 6).ints("w", DataType.INT8, new long[] {6, 4}, ints(24, W_MIN, W_MAX))
                .floats("k", new long[] {4}, k)
                .node("MatMulInteger", "mmi", new String[] {"xq", "w", "xz"}, new String[] {"acc"})
                .node("Cast", "accf", "acc", "af", "to", 1L)
                .node("Mul", "scale", new String[] {"af", "k"}, new String[] {"y"}).output("y", 2);
        assertEquals(List.of("MatMul", "Identity"), PrequantizedLowering.lower(new OnnxImporter()
                .importModel(f.bytes())).nodes().stream().map(Node::opType).toList());
        check("per-column scale product", f.bytes(), gridInputs(3, 6), 0);
        OnnxFixture twice = f.node("Relu", "r", "af", "z").output("z", 2);
        Graph g = PrequantizedLowering.lower(new OnnxImporter().importModel(twice.bytes()));
        assertTrue(g.nodes().stream().anyMatch(n -> n.opType().equals("Mul")), "Mul kept: " + g.nodes());
        check("accumulator read twice", twice.bytes(), gridInputs(3, 6), 0);
    }

    @Test
    void aGraphWithoutPrequantizedOperatorsIsReturnedAsItIs() {
        Graph g = OperatorFixtures.load("Conv").graph();
        assertSame(g, PrequantizedLowering.lower(g));
    }

    @Test
    void anIntegerActivationOfUnknownScaleIsRefused() {
        OnnxFixture f = new OnnxFixture().input("x", 3, 6).floats("k", new long[0], new float[] {100f})
                .ints("w", DataType.INT8, new long[] {6, 4}, ints(24, W_MIN, W_MAX))
                .node("Mul", "scale", new String[] {"x", "k"}, new String[] {"xs"})
                .node("Cast", "toint", "xs", "xi", "to", 3L)
                .node("MatMulInteger", "mmi", new String[] {"xi", "w"}, new String[] {"acc"})
                .node("Cast", "f", "acc", "y", "to", 1L).output("y", 2);
        refused(f, "MatMulInteger node 'mmi'", "Cast node 'toint'", "supported:");
    }

    @Test
    void aQuantizedGraphOutputIsRefused() {
        OnnxFixture f = quantizedInput(2, 3).node("Relu", "r", "xs", "unused").output("xq", 2);
        refused(f, "graph output 'xq'", "QuantizeLinear node 'q'", "DequantizeLinear");
    }

    @Test
    void aDequantizationWithAnotherScaleIsRefused() {
        OnnxFixture f = quantizedInput(2, 3).floats("other", new long[0], new float[] {0.02f})
                .node("DequantizeLinear", "dq", new String[] {"xq", "other", "xz"}, new String[] {"y"})
                .output("y", 2);
        refused(f, "DequantizeLinear node 'dq'", "scale, zero point or axis", "supported:");
    }

    @Test
    void aScaleThatIsNotConstantIsRefused() {
        OnnxFixture f = new OnnxFixture().input("x", 2, 3).input("s")
                .node("QuantizeLinear", "q", new String[] {"x", "s"}, new String[] {"xq"})
                .node("DequantizeLinear", "dq", new String[] {"xq", "s"}, new String[] {"y"}).output("y", 2);
        refused(f, "QuantizeLinear node 'q'", "scale 's' is a graph input", "constant");
    }

    @Test
    void anAccumulatorReadByAnotherOperatorIsRefused() {
        OnnxFixture f = quantizedInput(3, 6).ints("w", DataType.INT8, new long[] {6, 4}, ints(24, W_MIN, W_MAX))
                .node("MatMulInteger", "mmi", new String[] {"xq", "w", "xz"}, new String[] {"acc"})
                .node("Cast", "wide", "acc", "y", "to", 7L).output("y", 2);
        refused(f, "Cast node 'wide'", "MatMulInteger node 'mmi'", "Cast(to = FLOAT)");
    }

    private static void refused(OnnxFixture f, String... parts) {
        Graph g = new OnnxImporter().importModel(f.bytes());
        String message = assertThrows(IllegalArgumentException.class, () -> PrequantizedLowering.lower(g))
                .getMessage();
        for (String p : parts) {
            assertTrue(message.contains(p), "'" + p + "' missing from: " + message);
        }
    }

    /** Lowers {@code model}; on each input, |lowered - ort| <= outputStep, or 1e-4 normwise when it is 0. */
    private static void check(String what, byte[] model, List<Map<String, Tensor>> inputs, float outputStep) {
        Graph lowered = PrequantizedLowering.lower(new OnnxImporter().importModel(model));
        for (Node n : lowered.nodes()) {
            assertTrue(!PrequantizedLowering.PREQUANTIZED_OPERATORS.contains(n.opType()),
                    what + ": " + n.describe() + " is left after lowering");
        }
        try (OnnxRuntimeRunner ort = new OnnxRuntimeRunner(model)) {
            for (Map<String, Tensor> in : inputs) {
                Map<String, Tensor> theirs = ort.run(in);
                Map<String, Tensor> ours = new FloatExecutor(lowered).run(in);
                for (var e : theirs.entrySet()) {
                    float[] a = ours.get(e.getKey()).floats();
                    float[] b = e.getValue().floats();
                    assertArrayEquals(e.getValue().shape(), ours.get(e.getKey()).shape(), what);
                    double diff = 0;
                    double norm = 0;
                    for (int i = 0; i < b.length; i++) {
                        diff = Math.max(diff, Math.abs(a[i] - b[i]));
                        norm = Math.max(norm, Math.abs(b[i]));
                    }
                    double tolerance = outputStep > 0 ? outputStep * (1 + 1e-5) : FLOAT_TOLERANCE * norm;
                    assertTrue(diff <= tolerance, what + ": max |lowered - ort| = " + diff + " > " + tolerance);
                }
            }
        }
    }

    private static OnnxFixture quantizedInput(long... shape) {
        return new OnnxFixture().input("x", shape).floats("xs", new long[0], new float[] {0.01f})
                .ints("xz", DataType.UINT8, new long[0], 128)
                .node("QuantizeLinear", "q", new String[] {"x", "xs", "xz"}, new String[] {"xq"});
    }

    private static List<Map<String, Tensor>> gridInputs(long... shape) {
        List<Map<String, Tensor>> inputs = new ArrayList<>();
        for (int i = 0; i < SAMPLES; i++) {
            inputs.add(Map.of("x", grid(shape)));
        }
        return inputs;
    }

    /** Values k * 0.01 for integers k in [-100, 100]: exactly representable by QuantizeLinear(0.01, 128). */
    private static Tensor grid(long... shape) {
        float[] v = new float[(int) Tensor.elementCount(shape)];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) ((random.nextInt(201) - 100) * (double) 0.01f);
        }
        return Tensor.ofFloats(shape, v);
    }

    private static long[] ints(int count, int lo, int hi) {
        long[] v = new long[count];
        for (int i = 0; i < count; i++) {
            v[i] = lo + random.nextInt(hi - lo + 1);
        }
        return v;
    }
}
