package io.zkinfer.inference.quant;

import io.zkinfer.algebra.testing.TestRandom;
import io.zkinfer.inference.exec.FloatExecutor;
import io.zkinfer.inference.ir.Graph;
import io.zkinfer.inference.ir.Tensor;
import io.zkinfer.inference.onnx.OnnxImporter;
import io.zkinfer.inference.testing.OnnxFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.Random;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The acceptance test of the quantizer: a tiny fixture per quantizable operator, quantized at 8 and at 16 bits,
 * whose dequantized integer result must agree with {@link FloatExecutor} within the documented tolerance
 * (docs/quantization.md, "Tolerance"): {@code max |int - float| <= T_b * 2^-s_out}, the output's LSB times
 * {@code T_8 = } {@value #LSBS_8} or {@code T_16 = } {@value #LSBS_16}. The fixtures are calibrated on the very inputs
 * they are checked on, so no value is clipped and the error is rounding alone.
 */
class QuantizedOperatorTest {

    /** Tolerance in output LSBs at 8 bits. */
    static final double LSBS_8 = 4;
    /** Tolerance in output LSBs at 16 bits. */
    static final double LSBS_16 = 4;
    /** Tolerance in output LSBs of the LayerNorm chain, at both widths (docs/quantization.md, section 11). */
    static final double LAYER_NORM_LSBS = 8;

    private static final int SAMPLES = 6;
    private static Random random;
    private static final TreeSet<String> covered = new TreeSet<>();

    @BeforeAll
    static void setUp() {
        long seed = TestRandom.seed(QuantizedOperatorTest.class.getSimpleName());
        System.out.println("QuantizedOperatorTest seed " + seed);
        random = new Random(seed);
    }

    @AfterAll
    static void everyQuantizableOperatorHasAFixture() {
        assertEquals(new TreeSet<>(PointwiseLowering.quantizable()), covered,
                "every executable, not pre-quantized operator needs an integer fixture");
    }

    @Test
    void gemmAndMatMul() {
        check("Gemm", new OnnxFixture().input("a", 3, 5).randomFloats("b", random, 4, 5).randomFloats("c", random, 4)
                .node("Gemm", "gemm", new String[] {"a", "b", "c"}, new String[] {"y"}, "transB", 1L, "alpha", 0.5f,
                        "beta", 2f).output("y", 2), "a", 3, 5);
        check("Gemm", new OnnxFixture().input("a", 5, 3).randomFloats("b", random, 5, 4)
                .node("Gemm", "gemm", new String[] {"a", "b"}, new String[] {"y"}, "transA", 1L)
                .output("y", 2), "a", 5, 3);
        // C of shape [M, 1] with M == N broadcasts along each row, not along the columns
        check("Gemm", new OnnxFixture().input("a", 3, 5).randomFloats("b", random, 5, 3)
                .floats("c", new long[] {3, 1}, new float[] {-1f, 0f, 1f})
                .node("Gemm", "gemm", new String[] {"a", "b", "c"}, new String[] {"y"}).output("y", 2), "a", 3, 5);
        check("MatMul", new OnnxFixture().input("a", 2, 3, 4).randomFloats("b", random, 4, 5)
                .node("MatMul", "mm", new String[] {"a", "b"}, new String[] {"y"}).output("y", 3), "a", 2, 3, 4);
        check("MatMul", new OnnxFixture().input("a", 3, 4).node("Transpose", "t", "a", "at")
                .node("MatMul", "mm", new String[] {"a", "at"}, new String[] {"y"}).output("y", 2), "a", 3, 4);
    }

    @Test
    void convolutions() {
        check("Conv", new OnnxFixture().input("x", 1, 4, 6, 6).randomFloats("w", random, 4, 2, 3, 3)
                .randomFloats("b", random, 4)
                .node("Conv", "conv", new String[] {"x", "w", "b"}, new String[] {"y"}, "group", 2L,
                        "pads", new long[] {1, 1, 1, 1}, "strides", new long[] {2, 1})
                .output("y", 4), "x", 1, 4, 6, 6);
        check("ConvTranspose", new OnnxFixture().input("x", 1, 2, 3, 3).randomFloats("w", random, 2, 3, 3, 3)
                .randomFloats("b", random, 3)
                .node("ConvTranspose", "up", new String[] {"x", "w", "b"}, new String[] {"y"},
                        "strides", new long[] {2, 2}, "pads", new long[] {1, 1, 1, 1})
                .output("y", 4), "x", 1, 2, 3, 3);
        check("BatchNormalization", new OnnxFixture().input("x", 2, 3, 2, 2)
                .floats("s", new long[] {3}, new float[] {0.5f, 1.5f, -1f})
                .floats("b", new long[] {3}, new float[] {0.1f, -0.2f, 0.3f})
                .floats("m", new long[] {3}, new float[] {0f, 0.2f, -0.1f})
                .floats("v", new long[] {3}, new float[] {1f, 0.5f, 2f})
                .node("BatchNormalization", "bn", new String[] {"x", "s", "b", "m", "v"}, new String[] {"y"})
                .output("y", 4), "x", 2, 3, 2, 2);
    }

    @Test
    void elementwiseArithmetic() {
        for (String op : new String[] {"Add", "Sub", "Mul"}) {
            check(op, new OnnxFixture().input("a", 2, 3, 4).randomFloats("b", random, 3, 4)
                    .node(op, "op", new String[] {"a", "b"}, new String[] {"y"}).output("y", 3), "a", 2, 3, 4);
            check(op, new OnnxFixture().input("a", 2, 3, 4).node("Sigmoid", "s", "a", "b")
                    .node(op, "op", new String[] {"a", "b"}, new String[] {"y"}).output("y", 3), "a", 2, 3, 4);
        }
        float[] divisor = OnnxFixture.random(random, 4);
        for (int i = 0; i < divisor.length; i++) {
            divisor[i] += Math.copySign(1.5f, divisor[i]);
        }
        check("Div", new OnnxFixture().input("a", 2, 3, 4).floats("b", new long[] {4}, divisor)
                .node("Div", "op", new String[] {"a", "b"}, new String[] {"y"}).output("y", 3), "a", 2, 3, 4);
        check("Div", new OnnxFixture().input("a", 2, 3, 4).node("Sigmoid", "s", "a", "d")
                .node("Div", "op", new String[] {"a", "d"}, new String[] {"y"}).output("y", 3), "a", 2, 3, 4);
        // LayerNorm as PyTorch exports it: (x - mean) / sqrt(mean((x - mean)^2) + eps) is a chain of seven
        // operators, not one: it has the chain tolerance of docs/quantization.md, section 11, on rows whose standard
        // deviation lies in [0.5, 1] (the division magnifies the divisor's rounding by 1/std).
        check("Div", layerNorm(4, 8), "x", () -> rowsWithSpread(4, 8), LAYER_NORM_LSBS, 4, 8);
        check("Pow", new OnnxFixture().input("x", 3, 5).floats("e", new long[0], new float[] {2f})
                .node("Pow", "pow", new String[] {"x", "e"}, new String[] {"y"}).output("y", 2), "x", 3, 5);
        check("Pow", new OnnxFixture().input("x", 3, 5).floats("e", new long[0], new float[] {3f})
                .node("Pow", "pow", new String[] {"x", "e"}, new String[] {"y"}).output("y", 2), "x", 3, 5);
    }

    @Test
    void tableFunctionsAndClip() {
        for (String op : new String[] {"Sigmoid", "Tanh", "HardSigmoid", "HardSwish"}) {
            check(op, new OnnxFixture().opset(14).input("x", 3, 5).floats("k", new long[0], new float[] {4f})
                    .node("Mul", "scale", new String[] {"x", "k"}, new String[] {"x4"})
                    .node(op, "act", "x4", "y").output("y", 2), "x", 3, 5);
        }
        check("LeakyRelu", new OnnxFixture().input("x", 3, 5).node("LeakyRelu", "act", "x", "y", "alpha", 0.2f)
                .output("y", 2), "x", 3, 5);
        // sqrt is not Lipschitz at 0 (an input rounding of d moves it by up to sqrt(d)), so it is checked on (0.27, 0.73)
        check("Sqrt", new OnnxFixture().input("x", 3, 5).node("Sigmoid", "s", "x", "p").node("Sqrt", "sqrt", "p", "y")
                .output("y", 2), "x", 3, 5);
        check("Clip", new OnnxFixture().opset(9).input("x", 3, 5)
                .node("Clip", "clip", "x", "y", "min", -0.3f, "max", 0.4f).output("y", 2), "x", 3, 5);
        check("Clip", new OnnxFixture().input("x", 3, 5).floats("lo", new long[0], new float[] {-0.5f})
                .node("Clip", "clip", new String[] {"x", "lo"}, new String[] {"y"}).output("y", 2), "x", 3, 5);
        check("Softmax", new OnnxFixture().input("x", 2, 3, 4).node("Softmax", "sm", "x", "y", "axis", 1L)
                .output("y", 3), "x", 2, 3, 4);
        check("Softmax", new OnnxFixture().opset(11).input("x", 2, 3, 4).node("Softmax", "sm", "x", "y", "axis", 1L)
                .output("y", 3), "x", 2, 3, 4);
    }

    @Test
    void poolingAndReductions() {
        check("MaxPool", new OnnxFixture().input("x", 1, 2, 5, 5).node("MaxPool", "p", "x", "y",
                "kernel_shape", new long[] {2, 2}, "strides", new long[] {2, 2}).output("y", 4), "x", 1, 2, 5, 5);
        check("AveragePool", new OnnxFixture().input("x", 1, 2, 5, 5).node("AveragePool", "p", "x", "y",
                "kernel_shape", new long[] {3, 2}, "pads", new long[] {1, 1, 1, 0}, "count_include_pad", 1L)
                .output("y", 4), "x", 1, 2, 5, 5);
        check("GlobalAveragePool", new OnnxFixture().input("x", 2, 3, 4, 5).node("GlobalAveragePool", "g", "x", "y")
                .output("y", 4), "x", 2, 3, 4, 5);
        check("ReduceMean", new OnnxFixture().input("x", 2, 3, 4).node("ReduceMean", "m", "x", "y",
                "axes", new long[] {-1}, "keepdims", 0L).output("y", 2), "x", 2, 3, 4);
        check("ReduceSum", new OnnxFixture().input("x", 2, 3, 4).longs("a", new long[] {1}, 1)
                .node("ReduceSum", "s", new String[] {"x", "a"}, new String[] {"y"}).output("y", 3), "x", 2, 3, 4);
    }

    @Test
    void dataMovement() {
        check("Relu", new OnnxFixture().input("x", 3, 5).node("Relu", "r", "x", "y").output("y", 2), "x", 3, 5);
        check("Transpose", new OnnxFixture().input("x", 2, 3, 4).node("Transpose", "t", "x", "y",
                "perm", new long[] {1, 2, 0}).output("y", 3), "x", 2, 3, 4);
        check("Concat", new OnnxFixture().input("x", 2, 3).randomFloats("c", random, 2, 3)
                .node("Sigmoid", "s", "x", "sx")
                .node("Concat", "cat", new String[] {"x", "c", "sx"}, new String[] {"y"}, "axis", -1L)
                .output("y", 2), "x", 2, 3);
        check("Flatten", new OnnxFixture().input("x", 2, 3, 4).node("Flatten", "f", "x", "y", "axis", 2L)
                .output("y", 2), "x", 2, 3, 4);
        check("Reshape", new OnnxFixture().input("x", 2, 3, 4).longs("s", new long[] {2}, 4, -1)
                .node("Reshape", "r", new String[] {"x", "s"}, new String[] {"y"}).output("y", 2), "x", 2, 3, 4);
        check("Squeeze", new OnnxFixture().input("x", 2, 1, 4).node("Squeeze", "s", "x", "u", "axes",
                new long[] {1}).node("Unsqueeze", "u", "u", "y", "axes", new long[] {0}).opset(11)
                .output("y", 3), "x", 2, 1, 4);
        covered.add("Unsqueeze");
        check("Slice", new OnnxFixture().input("x", 4, 5).longs("st", new long[] {2}, 3, 0)
                .longs("en", new long[] {2}, 0, 5).longs("ax", new long[] {2}, 0, 1).longs("sp", new long[] {2}, -1, 2)
                .node("Slice", "sl", new String[] {"x", "st", "en", "ax", "sp"}, new String[] {"y"})
                .output("y", 2), "x", 4, 5);
        check("Pad", new OnnxFixture().input("x", 2, 3).longs("p", new long[] {4}, 1, 0, 0, 2)
                .floats("v", new long[0], new float[] {0.25f})
                .node("Pad", "pad", new String[] {"x", "p", "v"}, new String[] {"y"}).output("y", 2), "x", 2, 3);
        check("Gather", new OnnxFixture().input("x", 3, 4).longs("i", new long[] {2, 2}, 0, 2, -1, 1)
                .node("Gather", "g", new String[] {"x", "i"}, new String[] {"y"}, "axis", 1L).output("y", 3), "x", 3, 4);
        check("Resize", new OnnxFixture().input("x", 1, 1, 2, 3)
                .floats("sc", new long[] {4}, new float[] {1f, 1f, 2f, 1.5f})
                .node("Resize", "up", new String[] {"x", "", "sc"}, new String[] {"y"}, "mode", "nearest")
                .output("y", 4), "x", 1, 1, 2, 3);
        check("Cast", new OnnxFixture().input("x", 3, 5).node("Relu", "r", "x", "p")
                .node("Cast", "c", "p", "y", "to", 1L).output("y", 2), "x", 3, 5);
        check("Identity", new OnnxFixture().input("x", 3, 5).node("Relu", "r", "x", "p")
                .node("Identity", "i", "p", "y").output("y", 2), "x", 3, 5);
        check("Shape", new OnnxFixture().inputWithDims("x", "N", 3, 4).longs("zero", new long[0], 0)
                .longs("axes", new long[] {1}, 0).longs("minusOne", new long[] {1}, -1)
                .node("Shape", "shape", "x", "s")
                .node("Gather", "first", new String[] {"s", "zero"}, new String[] {"n"})
                .node("Unsqueeze", "u", new String[] {"n", "axes"}, new String[] {"n1"})
                .node("Concat", "cat", new String[] {"n1", "minusOne"}, new String[] {"target"}, "axis", 0L)
                .node("Reshape", "flat", new String[] {"x", "target"}, new String[] {"y"})
                .output("y", 2), "x", 2, 3, 4);
    }

    /**
     * LayerNorm over the last axis of input {@code x} as PyTorch exports it, {@code (x - mean) / sqrt(mean((x -
     * mean)^2) + 1e-5)}, into output {@code y} (rank 2).
     */
    static OnnxFixture layerNorm(long rows, long columns) {
        return new OnnxFixture().input("x", rows, columns).floats("two", new long[0], new float[] {2f})
                .floats("eps", new long[0], new float[] {1e-5f})
                .node("ReduceMean", "mu", "x", "m", "axes", new long[] {-1})
                .node("Sub", "centre", new String[] {"x", "m"}, new String[] {"d"})
                .node("Pow", "square", new String[] {"d", "two"}, new String[] {"d2"})
                .node("ReduceMean", "var", "d2", "v", "axes", new long[] {-1})
                .node("Add", "addEps", new String[] {"v", "eps"}, new String[] {"ve"})
                .node("Sqrt", "std", "ve", "sd")
                .node("Div", "norm", new String[] {"d", "sd"}, new String[] {"y"}).output("y", 2);
    }

    /** {@code rows} rows of {@code columns} values, each row centred and scaled to a standard deviation in [0.5, 1]. */
    private static float[] rowsWithSpread(int rows, int columns) {
        float[] v = OnnxFixture.random(random, rows, columns);
        for (int r = 0; r < rows; r++) {
            double mean = 0;
            double square = 0;
            for (int c = 0; c < columns; c++) {
                mean += v[r * columns + c];
            }
            mean /= columns;
            for (int c = 0; c < columns; c++) {
                square += Math.pow(v[r * columns + c] - mean, 2);
            }
            double factor = (0.5 + 0.5 * random.nextDouble()) / Math.sqrt(square / columns);
            for (int c = 0; c < columns; c++) {
                v[r * columns + c] = (float) ((v[r * columns + c] - mean) * factor);
            }
        }
        return v;
    }

    static QuantizedModel check(String op, OnnxFixture fixture, String input, long... shape) {
        return check(op, fixture, input, () -> OnnxFixture.random(random, shape), 0, shape);
    }

    /**
     * Quantizes the fixture at 8 and 16 bits, calibrated on {@value #SAMPLES} inputs drawn from {@code draw}, and
     * compares the integer executor with the float executor on those inputs, within {@code lsbs} output LSBs (0:
     * the single-operator tolerance); returns the 8-bit model.
     */
    static QuantizedModel check(String op, OnnxFixture fixture, String input, Supplier<float[]> draw,
                                double lsbs, long... shape) {
        covered.add(op);
        Graph g = new OnnxImporter().importModel(fixture.bytes());
        List<Map<String, Tensor>> samples = new ArrayList<>();
        for (int i = 0; i < SAMPLES; i++) {
            samples.add(Map.of(input, Tensor.ofFloats(shape, draw.get())));
        }
        QuantizedModel q8 = null;
        for (int bits : new int[] {8, 16}) {
            QuantizedModel q = Quantizer.quantize(g, new Calibration(samples, "test inputs"),
                    QuantOptions.DEFAULT.withBits(bits));
            q8 = q8 == null ? q : q8;
            double worst = 0;
            for (Map<String, Tensor> sample : samples) {
                Map<String, Tensor> expected = new FloatExecutor(g).run(sample);
                Map<String, Tensor> actual = new IntegerExecutor(q).run(sample);
                for (var e : expected.entrySet()) {
                    float[] want = e.getValue().floats();
                    float[] got = actual.get(e.getKey()).floats();
                    assertEquals(want.length, got.length, op + " output size");
                    int s = q.settings().tensor(e.getKey()).orElseThrow().scaleBits();
                    double lsb = Math.scalb(1.0, -s);
                    for (int i = 0; i < want.length; i++) {
                        worst = Math.max(worst, Math.abs(want[i] - got[i]) / lsb);
                    }
                }
            }
            double limit = lsbs > 0 ? lsbs : bits == 8 ? LSBS_8 : LSBS_16;
            System.out.printf("%-18s %2d bits: max error %.2f LSB (limit %.0f), %d integer nodes%n", op, bits, worst,
                    limit, q.graph().nodes().size());
            assertTrue(worst <= limit, op + " at " + bits + " bits: error " + worst + " LSB > " + limit);
        }
        return q8;
    }
}
