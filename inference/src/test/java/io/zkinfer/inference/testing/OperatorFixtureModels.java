package io.zkinfer.inference.testing;

import ai.onnx.proto.OnnxMl.TensorProto;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/**
 * The definitions of the per-operator fixture models: for each supported ONNX operator, a tiny opset-13 model (14 for HardSwish) built
 * around it and the ranges of its sample inputs. Weights come from a {@link Random} seeded by
 * {@link #SEED} and the operator name, so the models are the same on every run and machine.
 */
final class OperatorFixtureModels {

    /** The fixed seed of the fixture weights and sample inputs (generated artefacts, not a randomised test). */
    static final long SEED = 0x5eed_1_2L;

    /** One float graph input: its shape, the range its sample values are drawn from, and an optional grid step. */
    record InputSpec(String name, long[] shape, float lo, float hi, float step) {
        /** The same input with its sample values rounded to multiples of {@code grid}. */
        InputSpec onGrid(float grid) {
            return new InputSpec(name, shape, lo, hi, grid);
        }
    }

    /**
     * The model and its inputs for one operator; {@code outputStep} is the quantization step of a pre-quantized
     * model's output (0 for a float model).
     */
    record Spec(String operator, OnnxFixture model, List<InputSpec> inputs, float outputStep) {
        Spec(String operator, OnnxFixture model, List<InputSpec> inputs) {
            this(operator, model, inputs, 0);
        }
    }

    private static final Map<String, Function<Random, Spec>> SPECS = new LinkedHashMap<>();

    private OperatorFixtureModels() {
    }

    static Map<String, Function<Random, Spec>> all() {
        return SPECS;
    }

    static Spec build(String operator) {
        Function<Random, Spec> f = SPECS.get(operator);
        if (f == null) {
            throw new IllegalArgumentException("no fixture model is defined for operator '" + operator + "'");
        }
        return f.apply(new Random(SEED ^ operator.hashCode()));
    }

    static InputSpec in(String name, float lo, float hi, long... shape) {
        return new InputSpec(name, shape, lo, hi, 0);
    }

    private static InputSpec x(long... shape) {
        return in("x", -1, 1, shape);
    }

    /** A single-node model {@code y = op(x[, constants])} with float input x of {@code shape}. */
    private static Spec unary(String op, int outRank, OnnxFixture f, String[] inputs, InputSpec x, Object... attrs) {
        return new Spec(op, f.input("x", x.shape()).node(op, op.toLowerCase(), inputs, new String[] {"y"}, attrs)
                .output("y", outRank), List.of(x));
    }

    private static void define(String op, Function<Random, Spec> f) {
        SPECS.put(op, f);
    }

    static float[] range(Random r, int count, float lo, float hi) {
        float[] v = new float[count];
        for (int i = 0; i < count; i++) {
            v[i] = lo + r.nextFloat() * (hi - lo);
        }
        return v;
    }

    static {
        String[] xOnly = {"x"};
        define("Add", r -> new Spec("Add", new OnnxFixture().input("a", 2, 3, 4).input("b", 3, 4)
                .node("Add", "add", new String[] {"a", "b"}, new String[] {"y"}).output("y", 3),
                List.of(in("a", -1, 1, 2, 3, 4), in("b", -1, 1, 3, 4))));
        define("AveragePool", r -> unary("AveragePool", 4, new OnnxFixture(), xOnly, x(1, 2, 6, 6),
                "kernel_shape", new long[] {3, 3}, "strides", new long[] {2, 2}, "pads", new long[] {1, 1, 1, 1}));
        define("BatchNormalization", r -> new Spec("BatchNormalization", new OnnxFixture().input("x", 1, 2, 5, 5)
                .randomFloats("w", r, 3, 2, 3, 3).randomFloats("b", r, 3)
                .floats("scale", new long[] {3}, range(r, 3, 0.5f, 1.5f)).randomFloats("shift", r, 3)
                .randomFloats("mean", r, 3).floats("var", new long[] {3}, range(r, 3, 0.5f, 2f))
                .node("Conv", "conv", new String[] {"x", "w", "b"}, new String[] {"c"}, "pads", new long[] {1, 1, 1, 1})
                .node("BatchNormalization", "bn", new String[] {"c", "scale", "shift", "mean", "var"},
                        new String[] {"y"})
                .output("y", 4), List.of(x(1, 2, 5, 5))));
        define("Cast", r -> unary("Cast", 2, new OnnxFixture(), xOnly, x(2, 6), "to", 1L));
        define("Clip", r -> unary("Clip", 2, new OnnxFixture().floats("lo", new long[0], new float[] {-0.5f})
                .floats("hi", new long[0], new float[] {0.75f}), new String[] {"x", "lo", "hi"}, in("x", -2, 2, 2, 6)));
        define("Concat", r -> new Spec("Concat", new OnnxFixture().input("a", 2, 3).input("b", 2, 2)
                .node("Concat", "cat", new String[] {"a", "b"}, new String[] {"y"}, "axis", 1L).output("y", 2),
                List.of(in("a", -1, 1, 2, 3), in("b", -1, 1, 2, 2))));
        define("Constant", r -> {
            TensorProto.Builder c = TensorProto.newBuilder().setDataType(1).addDims(4);
            for (float v : OnnxFixture.random(r, 4)) {
                c.addFloatData(v);
            }
            return new Spec("Constant", new OnnxFixture().input("x", 2, 4)
                    .node("Constant", "const", new String[0], new String[] {"c"}, "value", c.build())
                    .node("Add", "add", new String[] {"x", "c"}, new String[] {"y"}).output("y", 2), List.of(x(2, 4)));
        });
        define("Conv", r -> unary("Conv", 4, new OnnxFixture().randomFloats("w", r, 4, 2, 3, 3)
                .randomFloats("b", r, 4), new String[] {"x", "w", "b"}, x(1, 2, 6, 6), "pads", new long[] {1, 1, 1, 1}));
        define("ConvTranspose", r -> unary("ConvTranspose", 4, new OnnxFixture().randomFloats("w", r, 2, 3, 3, 3)
                .randomFloats("b", r, 3), new String[] {"x", "w", "b"}, x(1, 2, 3, 3), "strides", new long[] {2, 2}));
        define("Div", r -> {
            float[] d = range(r, 5, 1, 2);
            for (int i = 0; i < d.length; i += 2) {
                d[i] = -d[i];
            }
            return unary("Div", 2, new OnnxFixture().floats("d", new long[] {5}, d), new String[] {"x", "d"}, x(2, 5));
        });
        define("Dropout", r -> unary("Dropout", 2, new OnnxFixture(), xOnly, x(2, 5)));
        define("Flatten", r -> unary("Flatten", 2, new OnnxFixture(), xOnly, x(2, 3, 2, 2), "axis", 1L));
        define("Gather", r -> unary("Gather", 2, new OnnxFixture().longs("i", new long[] {3}, 2, 0, 3),
                new String[] {"x", "i"}, x(4, 3), "axis", 0L));
        define("Gemm", r -> unary("Gemm", 2, new OnnxFixture().randomFloats("w", r, 3, 5).randomFloats("c", r, 3),
                new String[] {"x", "w", "c"}, x(2, 5), "transB", 1L));
        define("GlobalAveragePool", r -> unary("GlobalAveragePool", 4, new OnnxFixture(), xOnly, x(1, 3, 4, 4)));
        define("HardSigmoid", r -> unary("HardSigmoid", 2, new OnnxFixture(), xOnly, in("x", -4, 4, 2, 8)));
        define("HardSwish", r -> unary("HardSwish", 2, new OnnxFixture().opset(14), xOnly, in("x", -4, 4, 2, 8)));
        define("Identity", r -> unary("Identity", 2, new OnnxFixture(), xOnly, x(2, 5)));
        define("LeakyRelu", r -> unary("LeakyRelu", 2, new OnnxFixture(), xOnly, in("x", -2, 2, 2, 6), "alpha", 0.1f));
        define("MatMul", r -> unary("MatMul", 2, new OnnxFixture().randomFloats("w", r, 4, 3), new String[] {"x", "w"},
                x(2, 4)));
        define("MaxPool", r -> unary("MaxPool", 4, new OnnxFixture(), xOnly, x(1, 2, 6, 6),
                "kernel_shape", new long[] {2, 2}, "strides", new long[] {2, 2}));
        define("Mul", r -> new Spec("Mul", new OnnxFixture().input("a", 2, 3).input("b", 2, 3)
                .node("Mul", "mul", new String[] {"a", "b"}, new String[] {"y"}).output("y", 2),
                List.of(in("a", -1, 1, 2, 3), in("b", -1, 1, 2, 3))));
        define("Pad", r -> unary("Pad", 4, new OnnxFixture().longs("p", new long[] {8}, 0, 0, 1, 1, 0, 0, 1, 2),
                new String[] {"x", "p"}, x(1, 2, 3, 3)));
        define("Pow", r -> unary("Pow", 2, new OnnxFixture().floats("e", new long[0], new float[] {2f}),
                new String[] {"x", "e"}, in("x", -2, 2, 2, 5)));
        define("ReduceMean", r -> unary("ReduceMean", 3, new OnnxFixture(), xOnly, x(2, 3, 4), "axes", new long[] {2}));
        define("ReduceSum", r -> unary("ReduceSum", 2, new OnnxFixture().longs("axes", new long[] {1}, 1),
                new String[] {"x", "axes"}, x(2, 3, 4), "keepdims", 0L));
        define("Relu", r -> unary("Relu", 2, new OnnxFixture(), xOnly, x(2, 6)));
        define("Reshape", r -> unary("Reshape", 2, new OnnxFixture().longs("s", new long[] {2}, 4, 6),
                new String[] {"x", "s"}, x(2, 3, 4)));
        define("Resize", r -> unary("Resize", 4, new OnnxFixture().floats("sc", new long[] {4}, new float[] {1, 1, 2, 2}),
                new String[] {"x", "", "sc"}, x(1, 1, 2, 3), "mode", "nearest"));
        define("Shape", r -> new Spec("Shape", new OnnxFixture().input("x", 2, 3, 4)
                .longs("zero", new long[0], 0).longs("axes", new long[] {1}, 0).longs("rest", new long[] {1}, -1)
                .node("Shape", "shape", "x", "s")
                .node("Gather", "batch", new String[] {"s", "zero"}, new String[] {"n"})
                .node("Unsqueeze", "n1", new String[] {"n", "axes"}, new String[] {"n1"})
                .node("Concat", "target", new String[] {"n1", "rest"}, new String[] {"t"}, "axis", 0L)
                .node("Reshape", "flat", new String[] {"x", "t"}, new String[] {"y"}).output("y", 2), List.of(x(2, 3, 4))));
        define("Sigmoid", r -> unary("Sigmoid", 2, new OnnxFixture(), xOnly, in("x", -4, 4, 2, 8)));
        define("Slice", r -> unary("Slice", 2, new OnnxFixture().longs("st", new long[] {2}, 1, 0)
                .longs("en", new long[] {2}, 3, 4).longs("ax", new long[] {2}, 0, 1).longs("sp", new long[] {2}, 1, 2),
                new String[] {"x", "st", "en", "ax", "sp"}, x(3, 4)));
        define("Softmax", r -> unary("Softmax", 2, new OnnxFixture(), xOnly, in("x", -3, 3, 2, 5), "axis", -1L));
        define("Sqrt", r -> unary("Sqrt", 2, new OnnxFixture(), xOnly, in("x", 0.05f, 4, 2, 5)));
        define("Squeeze", r -> unary("Squeeze", 2, new OnnxFixture().longs("axes", new long[] {1}, 1),
                new String[] {"x", "axes"}, x(2, 1, 3)));
        define("Sub", r -> unary("Sub", 2, new OnnxFixture().randomFloats("b", r, 4), new String[] {"x", "b"}, x(2, 4)));
        define("Tanh", r -> unary("Tanh", 2, new OnnxFixture(), xOnly, in("x", -3, 3, 2, 8)));
        define("Transpose", r -> unary("Transpose", 3, new OnnxFixture(), xOnly, x(2, 3, 4), "perm", new long[] {0, 2, 1}));
        define("Unsqueeze", r -> unary("Unsqueeze", 3, new OnnxFixture().longs("axes", new long[] {1}, 1),
                new String[] {"x", "axes"}, x(2, 3)));
        SPECS.putAll(PrequantizedFixtureModels.specs());
    }
}
