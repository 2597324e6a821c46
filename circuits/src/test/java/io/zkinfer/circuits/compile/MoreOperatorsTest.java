package io.zkinfer.circuits.compile;

import io.zkinfer.algebra.testing.TestRandom;
import io.zkinfer.circuits.builder.Circuit;
import io.zkinfer.inference.ir.Attribute;
import io.zkinfer.inference.ir.DataType;
import io.zkinfer.inference.ir.Graph;
import io.zkinfer.inference.ir.Node;
import io.zkinfer.inference.ir.Shape;
import io.zkinfer.inference.ir.Tensor;
import io.zkinfer.inference.ir.TensorInfo;
import io.zkinfer.inference.onnx.OnnxImporter;
import io.zkinfer.inference.quant.Calibration;
import io.zkinfer.inference.quant.QuantOptions;
import io.zkinfer.inference.quant.QuantSettings;
import io.zkinfer.inference.quant.QuantizedModel;
import io.zkinfer.inference.quant.Quantizer;
import io.zkinfer.inference.testing.OnnxFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.zkinfer.circuits.compile.CompilerAssertions.assertAgrees;
import static io.zkinfer.circuits.compile.CompilerAssertions.assertRuns;
import static io.zkinfer.circuits.compile.CompilerAssertions.integers;
import static io.zkinfer.circuits.compile.CompilerAssertions.randomIntegers;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Operator forms the committed corpus does not reach, each against the integer executor bit for bit: LayerNorm
 * (IntDiv by a clamped divisor), division by an activation, products of two activations, softmax along an inner
 * axis, pooling with padding and ceil mode, grouped and strided convolutions, per-channel requantization, and
 * hand-written integer graphs for divisors of either sign and Pad's constant.
 */
class MoreOperatorsTest {

    private static Random random;

    @BeforeAll
    static void setUp() {
        long seed = TestRandom.seed(MoreOperatorsTest.class.getSimpleName());
        System.out.println("MoreOperatorsTest seed " + seed);
        random = new Random(seed);
    }

    @Test
    void divisionsByActivations() {
        check("LayerNorm", new OnnxFixture().input("x", 4, 8).floats("two", new long[0], new float[] {2f})
                .floats("eps", new long[0], new float[] {1e-5f})
                .node("ReduceMean", "mu", "x", "m", "axes", new long[] {-1})
                .node("Sub", "centre", new String[] {"x", "m"}, new String[] {"d"})
                .node("Pow", "square", new String[] {"d", "two"}, new String[] {"d2"})
                .node("ReduceMean", "var", "d2", "v", "axes", new long[] {-1})
                .node("Add", "addEps", new String[] {"v", "eps"}, new String[] {"ve"})
                .node("Sqrt", "std", "ve", "sd")
                .node("Div", "norm", new String[] {"d", "sd"}, new String[] {"y"}).output("y", 2), false);
        check("Div by Sigmoid", new OnnxFixture().input("a", 2, 3, 4).node("Sigmoid", "s", "a", "d")
                .node("Div", "op", new String[] {"a", "d"}, new String[] {"y"}).output("y", 3), false);
    }

    @Test
    void productsOfActivationsAndSoftmax() {
        check("MatMul of activations", new OnnxFixture().input("a", 3, 4).node("Transpose", "t", "a", "at")
                .node("MatMul", "mm", new String[] {"a", "at"}, new String[] {"y"}).output("y", 2), false);
        check("Mul of activations", new OnnxFixture().input("a", 2, 3, 4).node("Sigmoid", "s", "a", "b")
                .node("Mul", "op", new String[] {"a", "b"}, new String[] {"y"}).output("y", 3), false);
        check("Softmax axis 1", new OnnxFixture().input("x", 2, 3, 4).node("Softmax", "sm", "x", "y", "axis", 1L)
                .output("y", 3), false);
        check("Softmax opset 11", new OnnxFixture().opset(11).input("x", 2, 3, 4)
                .node("Softmax", "sm", "x", "y", "axis", 1L).output("y", 3), false);
    }

    @Test
    void windowsWithPaddingStridesAndGroups() {
        check("MaxPool padded, ceil", new OnnxFixture().input("x", 1, 2, 5, 5).node("MaxPool", "p", "x", "y",
                "kernel_shape", new long[] {3, 3}, "strides", new long[] {2, 2}, "pads", new long[] {1, 1, 1, 1},
                "ceil_mode", 1L).output("y", 4), false);
        check("AveragePool count_include_pad", new OnnxFixture().input("x", 1, 2, 5, 5).node("AveragePool", "p", "x",
                "y", "kernel_shape", new long[] {3, 2}, "pads", new long[] {1, 1, 1, 0}, "count_include_pad", 1L)
                .output("y", 4), false);
        check("AveragePool ceil", new OnnxFixture().input("x", 1, 2, 5, 5).node("AveragePool", "p", "x", "y",
                "kernel_shape", new long[] {2, 2}, "strides", new long[] {2, 2}, "ceil_mode", 1L).output("y", 4),
                false);
        for (boolean perChannel : new boolean[] {false, true}) {
            check("Conv grouped, strided", new OnnxFixture().input("x", 1, 4, 6, 6)
                    .randomFloats("w", random, 4, 2, 3, 3).randomFloats("b", random, 4)
                    .node("Conv", "conv", new String[] {"x", "w", "b"}, new String[] {"y"}, "group", 2L,
                            "pads", new long[] {1, 1, 1, 1}, "strides", new long[] {2, 1}, "dilations",
                            new long[] {1, 2})
                    .output("y", 4), perChannel);
            check("Gemm", new OnnxFixture().input("a", 3, 5).randomFloats("b", random, 4, 5)
                    .randomFloats("c", random, 4).node("Gemm", "gemm", new String[] {"a", "b", "c"},
                            new String[] {"y"}, "transB", 1L, "alpha", 0.5f, "beta", 2f).output("y", 2), perChannel);
        }
        check("ConvTranspose padded", new OnnxFixture().input("x", 1, 2, 3, 3).randomFloats("w", random, 2, 3, 3, 3)
                .randomFloats("b", random, 3).node("ConvTranspose", "up", new String[] {"x", "w", "b"},
                        new String[] {"y"}, "strides", new long[] {2, 2}, "pads", new long[] {1, 1, 1, 1})
                .output("y", 4), false);
        check("ConvTranspose grouped", new OnnxFixture().input("x", 1, 4, 3, 3)
                .randomFloats("w", random, 4, 1, 2, 2)
                .node("ConvTranspose", "up", new String[] {"x", "w"}, new String[] {"y"}, "group", 2L,
                        "strides", new long[] {2, 2}, "output_padding", new long[] {1, 0})
                .output("y", 4), false);
    }

    @Test
    void movementsOfConstantsAndActivations() {
        check("Concat with a constant", new OnnxFixture().input("x", 2, 3).randomFloats("c", random, 2, 3)
                .node("Sigmoid", "s", "x", "sx")
                .node("Concat", "cat", new String[] {"x", "c", "sx", "x"}, new String[] {"y"}, "axis", -1L)
                .output("y", 2), false);
        check("Pad reflect", new OnnxFixture().input("x", 1, 1, 3, 4).longs("p", new long[] {8}, 0, 0, 1, 2, 0, 0, 2, 1)
                .node("Pad", "pad", new String[] {"x", "p"}, new String[] {"y"}, "mode", "reflect")
                .output("y", 4), false);
        check("Resize then Conv", new OnnxFixture().input("x", 1, 1, 2, 3)
                .floats("sc", new long[] {4}, new float[] {1f, 1f, 2f, 2f})
                .floats("k", new long[] {1, 1, 1, 2}, new float[] {1f, -1f})
                .node("Resize", "up", new String[] {"x", "", "sc"}, new String[] {"u"}, "mode", "nearest")
                .node("Conv", "edge", new String[] {"u", "k"}, new String[] {"y"}).output("y", 4), false);
    }

    /** Divisors of each sign and of either sign, and Pad's constant, on integer graphs written by hand. */
    @Test
    void handWrittenIntegerGraphs() {
        List<Node> nodes = List.of(
                node("Rescale", "positive", List.of("d"), "dp", Map.of("mul", ints(1), "div", ints(1),
                        "lo", new Attribute.Int(1), "hi", new Attribute.Int(127))),
                node("Rescale", "negative", List.of("d"), "dn", Map.of("mul", ints(1), "div", ints(1),
                        "lo", new Attribute.Int(-128), "hi", new Attribute.Int(-1))),
                node("IntDiv", "byPositive", List.of("a", "dp"), "q1", Map.of("shift", new Attribute.Int(3))),
                node("IntDiv", "byNegative", List.of("a", "dn"), "q2", Map.of("shift", new Attribute.Int(2))),
                node("IntDiv", "byEither", List.of("a", "d"), "q3", Map.of()),
                node("Pad", "pad", List.of("a", "pads", "fill"), "padded", Map.of()),
                node("IntSum", "sum", List.of("a"), "total", Map.of("axes", ints(1),
                        "keepdims", new Attribute.Int(0))));
        Map<String, Tensor> initializers = new LinkedHashMap<>();
        initializers.put("pads", Tensor.ofLongs(DataType.INT64, new long[] {4}, new long[] {1, 0, 0, 2}));
        initializers.put("fill", Tensor.ofLongs(DataType.INT64, new long[0], new long[] {-7}));
        Graph g = new Graph("by-hand", 13, List.of(new TensorInfo("a", DataType.INT64, Shape.of(2, 4)),
                new TensorInfo("d", DataType.INT64, Shape.of(2, 1))),
                List.of(info("q1"), info("q2"), info("q3"), info("padded"), info("total")), nodes, initializers);
        QuantizedModel q = new QuantizedModel(g, new QuantSettings(QuantSettings.FORMAT, 1, QuantOptions.DEFAULT,
                new QuantSettings.CalibrationSummary("written by hand", 0), null, List.of(), List.of()));
        ModelCompiler c = new ModelCompiler(q, VisibilityOptions.DEFAULT);
        Circuit zeros = c.compile(); // zeros divide by 0: a spread-out probe input with a result
        assertEquals(compileWithDivisors(c).r1cs(), zeros.r1cs());
        for (int i = 0; i < 6; i++) {
            long[] a = new long[8];
            long[] d = new long[2];
            for (int j = 0; j < a.length; j++) {
                a[j] = random.nextInt(256) - 128;
            }
            for (int j = 0; j < d.length; j++) {
                d[j] = random.nextBoolean() ? random.nextInt(127) + 1 : -random.nextInt(128) - 1; // 1..127 or -128..-1
            }
            assertAgrees("hand-written graph, input " + i, c, Map.of("a", Tensor.ofLongs(DataType.INT64,
                    new long[] {2, 4}, a), "d", Tensor.ofLongs(DataType.INT64, new long[] {2, 1}, d)), zeros);
        }
    }

    /** The reference constraint system, compiled from inputs with non-zero divisors (zeros would divide by 0). */
    private static Circuit compileWithDivisors(ModelCompiler c) {
        return c.compile(Map.of("a", Tensor.ofLongs(DataType.INT64, new long[] {2, 4}, new long[8]),
                "d", Tensor.ofLongs(DataType.INT64, new long[] {2, 1}, new long[] {1, -1})));
    }

    private static Node node(String op, String name, List<String> inputs, String output, Map<String, Attribute> a) {
        return new Node(op, name, inputs, List.of(output), a);
    }

    private static Attribute.Ints ints(long... v) {
        return Attribute.Ints.of(v);
    }

    private static TensorInfo info(String name) {
        return new TensorInfo(name, DataType.INT64, Shape.of());
    }

    /** Quantizes at 8 and 16 bits on random samples and checks samples and random integers against the executor. */
    private static void check(String what, OnnxFixture fixture, boolean perChannel) {
        Graph graph = new OnnxImporter().importModel(fixture.bytes());
        List<Map<String, Tensor>> samples = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Map<String, Tensor> sample = new LinkedHashMap<>();
            for (TensorInfo in : graph.inputs()) {
                long[] shape = in.shape().sizes();
                sample.put(in.name(), Tensor.ofFloats(shape, OnnxFixture.random(random, shape)));
            }
            samples.add(sample);
        }
        for (int bits : new int[] {8, 16}) {
            long t0 = System.nanoTime();
            QuantizedModel q = Quantizer.quantize(graph, new Calibration(samples, "random samples"),
                    QuantOptions.DEFAULT.withBits(bits).withPerChannel(perChannel));
            ModelCompiler c = new ModelCompiler(q, VisibilityOptions.DEFAULT);
            Circuit zeros = c.compile();
            String name = what + (perChannel ? " per channel" : "") + " at " + bits + " bits";
            assertAgrees(name + ", sample 0", c, integers(q, samples.get(0)), zeros);
            for (int i = 1; i < samples.size(); i++) {
                assertRuns(name + ", sample " + i, c, integers(q, samples.get(i)), zeros);
            }
            for (int i = 0; i < 2; i++) {
                assertRuns(name + ", random integers " + i, c, randomIntegers(q, samples.get(0), random), zeros);
            }
            System.out.printf("%-32s %2d bits: %6d constraints (%.0f ms)%n", what + (perChannel ? " per channel" : ""),
                    bits, zeros.numConstraints(), (System.nanoTime() - t0) / 1e6);
        }
    }
}
