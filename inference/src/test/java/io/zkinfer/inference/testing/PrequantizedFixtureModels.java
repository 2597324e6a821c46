package io.zkinfer.inference.testing;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import io.zkinfer.inference.testing.OperatorFixtureModels.InputSpec;
import io.zkinfer.inference.testing.OperatorFixtureModels.Spec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/**
 * Fixture models of the pre-quantized ONNX operators, in the forms exporters and ONNX Runtime's quantization tools
 * write: the QOperator form (QuantizeLinear, QLinearMatMul/QLinearConv, DequantizeLinear), the integer form
 * (QuantizeLinear, MatMulInteger/ConvInteger, Cast, Mul by the scale product) and a DequantizeLinear of per-axis
 * int8 constants feeding a float operator. Activations that a QuantizeLinear reads are sampled on its grid, so that
 * the original model's only rounding is that of its output.
 */
final class PrequantizedFixtureModels {

    /** Int8 weights ONNX Runtime multiplies exactly on every CPU ({@link OrtInt8Weights}). */
    private static final int W_MIN = OrtInt8Weights.MIN;
    private static final int W_MAX = OrtInt8Weights.MAX;

    static final float X_SCALE = 0.01f;
    static final long X_ZERO = 128;

    private PrequantizedFixtureModels() {
    }

    static Map<String, Function<Random, Spec>> specs() {
        Map<String, Function<Random, Spec>> m = new LinkedHashMap<>();
        m.put("QuantizeLinear", r -> new Spec("QuantizeLinear", new OnnxFixture().input("x", 2, 6)
                .floats("s", new long[0], new float[] {X_SCALE}).ints("z", DataType.INT8, new long[0], 0)
                .node("QuantizeLinear", "q", new String[] {"x", "s", "z"}, new String[] {"xq"})
                .node("DequantizeLinear", "dq", new String[] {"xq", "s", "z"}, new String[] {"y"})
                .output("y", 2), List.of(x(2, 6)), X_SCALE));
        // Added rather than multiplied: ONNX Runtime rewrites DequantizeLinear -> MatMul with a float activation
        // into a dynamically quantized MatMul, which rounds the activation and no longer follows the ONNX spec.
        m.put("DequantizeLinear", r -> new Spec("DequantizeLinear", new OnnxFixture().input("x", 2, 4, 3)
                .ints("w", DataType.INT8, new long[] {4, 3}, ints(r, 12, -127, 127))
                .floats("ws", new long[] {3}, OperatorFixtureModels.range(r, 3, 0.005f, 0.015f))
                .ints("wz", DataType.INT8, new long[] {3}, ints(r, 3, -3, 3))
                .node("DequantizeLinear", "dqw", new String[] {"w", "ws", "wz"}, new String[] {"wf"}, "axis", 1L)
                .node("Add", "add", new String[] {"x", "wf"}, new String[] {"y"})
                .output("y", 3), List.of(OperatorFixtureModels.in("x", -1, 1, 2, 4, 3))));
        m.put("QLinearMatMul", r -> new Spec("QLinearMatMul", quantizedInput(3, 6)
                .ints("w", DataType.INT8, new long[] {6, 4}, ints(r, 24, W_MIN, W_MAX))
                .floats("ws", new long[0], new float[] {0.02f}).ints("wz", DataType.INT8, new long[0], 0)
                .floats("ys", new long[0], new float[] {0.1f}).ints("yz", DataType.UINT8, new long[0], 128)
                .node("QLinearMatMul", "qmm", new String[] {"xq", "xs", "xz", "w", "ws", "wz", "ys", "yz"},
                        new String[] {"yq"})
                .node("DequantizeLinear", "dq", new String[] {"yq", "ys", "yz"}, new String[] {"y"})
                .output("y", 2), List.of(x(3, 6)), 0.1f));
        m.put("QLinearConv", r -> new Spec("QLinearConv", quantizedInput(1, 2, 5, 5)
                .ints("w", DataType.INT8, new long[] {3, 2, 3, 3}, ints(r, 54, W_MIN, W_MAX))
                .floats("ws", new long[] {3}, new float[] {0.005f, 0.01f, 0.0075f})
                .ints("wz", DataType.INT8, new long[] {3}, 0, 0, 0)
                .floats("ys", new long[0], new float[] {0.1f}).ints("yz", DataType.UINT8, new long[0], 128)
                .ints("b", DataType.INT32, new long[] {3}, ints(r, 3, -500, 500))
                .node("QLinearConv", "qc", new String[] {"xq", "xs", "xz", "w", "ws", "wz", "ys", "yz", "b"},
                        new String[] {"yq"}, "pads", new long[] {1, 1, 1, 1})
                .node("DequantizeLinear", "dq", new String[] {"yq", "ys", "yz"}, new String[] {"y"})
                .output("y", 4), List.of(x(1, 2, 5, 5)), 0.1f));
        m.put("MatMulInteger", r -> new Spec("MatMulInteger", quantizedInput(3, 6)
                .ints("w", DataType.INT8, new long[] {6, 4}, ints(r, 24, W_MIN, W_MAX))
                .ints("wz", DataType.INT8, new long[] {4}, ints(r, 4, -10, 10))
                .floats("k", new long[0], new float[] {X_SCALE * 0.02f})
                .node("MatMulInteger", "mmi", new String[] {"xq", "w", "xz", "wz"}, new String[] {"acc"})
                .node("Cast", "accf", "acc", "af", "to", 1L)
                .node("Mul", "scale", new String[] {"af", "k"}, new String[] {"y"})
                .output("y", 2), List.of(x(3, 6))));
        m.put("ConvInteger", r -> new Spec("ConvInteger", quantizedInput(1, 2, 5, 5)
                .ints("w", DataType.UINT8, new long[] {3, 2, 3, 3}, ints(r, 54, 0, 255))
                .ints("wz", DataType.UINT8, new long[0], 128)
                .floats("k", new long[0], new float[] {X_SCALE * 0.01f})
                .node("ConvInteger", "ci", new String[] {"xq", "w", "xz", "wz"}, new String[] {"acc"},
                        "pads", new long[] {1, 1, 1, 1})
                .node("Cast", "accf", "acc", "af", "to", 1L)
                .node("Mul", "scale", new String[] {"af", "k"}, new String[] {"y"})
                .output("y", 4), List.of(x(1, 2, 5, 5))));
        return m;
    }

    /** Input x of {@code shape}, quantized to UINT8 with scale {@value #X_SCALE} and zero point 128 as "xq". */
    static OnnxFixture quantizedInput(long... shape) {
        return new OnnxFixture().input("x", shape).floats("xs", new long[0], new float[] {X_SCALE})
                .ints("xz", DataType.UINT8, new long[0], X_ZERO)
                .node("QuantizeLinear", "q", new String[] {"x", "xs", "xz"}, new String[] {"xq"});
    }

    /** Input x in [-1, 1] on the grid of {@link #X_SCALE}. */
    static InputSpec x(long... shape) {
        return OperatorFixtureModels.in("x", -1, 1, shape).onGrid(X_SCALE);
    }

    static long[] ints(Random r, int count, int lo, int hi) {
        long[] v = new long[count];
        for (int i = 0; i < count; i++) {
            v[i] = lo + r.nextInt(hi - lo + 1);
        }
        return v;
    }
}
