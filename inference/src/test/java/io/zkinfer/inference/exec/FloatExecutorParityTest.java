package io.zkinfer.inference.exec;

import io.zkinfer.inference.ir.Dim;
import io.zkinfer.inference.ir.Graph;
import io.zkinfer.inference.ir.Shape;
import io.zkinfer.inference.ir.Tensor;
import io.zkinfer.inference.onnx.OnnxImporter;
import io.zkinfer.inference.ort.OnnxRuntimeRunner;
import io.zkinfer.inference.testing.OnnxFixture;
import io.zkinfer.algebra.testing.TestRandom;
import io.zkinfer.inference.testing.OrtInt8Weights;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A tiny ONNX model per operator (and attribute variant), run by ONNX Runtime and by {@link FloatExecutor}: the
 * shapes must match (and agree with {@link ShapeInference}) and the normwise relative error
 * {@code max|ours - ort| / max|ort|} must be at most 1e-4.
 */
class FloatExecutorParityTest {

    /** Int8 weights ONNX Runtime multiplies exactly on every CPU ({@link OrtInt8Weights}). */
    private static final int W_MIN = OrtInt8Weights.MIN;
    private static final int W_MAX = OrtInt8Weights.MAX;

    private static final double TOLERANCE = 1e-4;
    private static Random random;

    @BeforeAll
    static void setUp() {
        random = new Random(TestRandom.seed(FloatExecutorParityTest.class.getSimpleName()));
    }

    @Test
    void gemmWithTransposedBAlphaBetaAndBroadcastBias() {
        check(new OnnxFixture().input("a", 3, 5).randomFloats("b", random, 4, 5).randomFloats("c", random, 4)
                .node("Gemm", "gemm", new String[] {"a", "b", "c"}, new String[] {"y"},
                        "transB", 1L, "alpha", 0.5f, "beta", 2f)
                .output("y", 2), "a", 3, 5);
    }

    @Test
    void gemmWithTransposedAAndNoBias() {
        check(new OnnxFixture().input("a", 5, 3).randomFloats("b", random, 5, 4)
                .node("Gemm", "gemm", new String[] {"a", "b"}, new String[] {"y"}, "transA", 1L)
                .output("y", 2), "a", 5, 3);
    }

    @Test
    void batchedMatMul() {
        check(new OnnxFixture().input("a", 2, 3, 4).randomFloats("b", random, 4, 5)
                .node("MatMul", "mm", new String[] {"a", "b"}, new String[] {"y"})
                .output("y", 3), "a", 2, 3, 4);
    }

    @Test
    void vectorTimesMatrixMatMul() {
        check(new OnnxFixture().input("a", 4).randomFloats("b", random, 2, 4, 5)
                .node("MatMul", "mm", new String[] {"a", "b"}, new String[] {"y"})
                .output("y", 2), "a", 4);
    }

    @Test
    void broadcastingAdd() {
        check(new OnnxFixture().input("a", 2, 3, 4).randomFloats("b", random, 3, 1)
                .node("Add", "add", new String[] {"a", "b"}, new String[] {"y"})
                .output("y", 3), "a", 2, 3, 4);
    }

    @Test
    void broadcastingSubMulAndDiv() {
        float[] divisor = OnnxFixture.random(random, 4);
        for (int i = 0; i < divisor.length; i++) {
            divisor[i] += Math.copySign(1.5f, divisor[i]); // away from zero
        }
        for (String op : new String[] {"Sub", "Mul"}) {
            check(new OnnxFixture().input("a", 2, 3, 4).randomFloats("b", random, 3, 4)
                    .node(op, "op", new String[] {"a", "b"}, new String[] {"y"}).output("y", 3), "a", 2, 3, 4);
        }
        check(new OnnxFixture().input("a", 2, 3, 4).floats("b", new long[] {4}, divisor)
                .node("Div", "op", new String[] {"a", "b"}, new String[] {"y"}).output("y", 3), "a", 2, 3, 4);
    }

    @Test
    void sigmoidTanhAndLeakyRelu() {
        for (String op : new String[] {"Sigmoid", "Tanh"}) {
            check(new OnnxFixture().input("x", 3, 5).node(op, "act", "x", "y").output("y", 2), "x", 3, 5);
        }
        check(new OnnxFixture().input("x", 3, 5).node("LeakyRelu", "act", "x", "y", "alpha", 0.2f)
                .output("y", 2), "x", 3, 5);
    }

    @Test
    void clipWithBoundsAsAttributesBeforeOpset11AndAsInputsAfter() {
        check(new OnnxFixture().opset(9).input("x", 3, 5)
                .node("Clip", "clip", "x", "y", "min", -0.3f, "max", 0.4f).output("y", 2), "x", 3, 5);
        check(new OnnxFixture().input("x", 3, 5).floats("lo", new long[0], new float[] {-0.25f})
                .node("Clip", "clip", new String[] {"x", "lo"}, new String[] {"y"}).output("y", 2), "x", 3, 5);
        check(new OnnxFixture().input("x", 3, 5).floats("hi", new long[0], new float[] {0.5f})
                .node("Clip", "clip", new String[] {"x", "", "hi"}, new String[] {"y"}).output("y", 2), "x", 3, 5);
    }

    @Test
    void transposeWithPermAndByDefault() {
        check(new OnnxFixture().input("x", 2, 3, 4).node("Transpose", "t", "x", "y", "perm", new long[] {1, 2, 0})
                .output("y", 3), "x", 2, 3, 4);
        check(new OnnxFixture().input("x", 2, 3, 4).node("Transpose", "t", "x", "y").output("y", 3), "x", 2, 3, 4);
    }

    @Test
    void concatOnAMiddleAxis() {
        check(new OnnxFixture().input("x", 2, 3, 4).randomFloats("c", random, 2, 5, 4)
                .node("Concat", "cat", new String[] {"x", "c", "x"}, new String[] {"y"}, "axis", -2L)
                .output("y", 3), "x", 2, 3, 4);
    }

    @Test
    void averagePoolWithAndWithoutCountingPads() {
        for (long countPad : new long[] {0, 1}) {
            check(new OnnxFixture().input("x", 2, 3, 9, 8)
                    .node("AveragePool", "pool", "x", "y", "kernel_shape", new long[] {3, 2},
                            "pads", new long[] {1, 0, 1, 1}, "strides", new long[] {2, 2},
                            "count_include_pad", countPad)
                    .output("y", 4), "x", 2, 3, 9, 8);
        }
    }

    @Test
    void globalAveragePool() {
        check(new OnnxFixture().input("x", 2, 3, 5, 6).node("GlobalAveragePool", "gap", "x", "y")
                .output("y", 4), "x", 2, 3, 5, 6);
    }

    @Test
    void sqrtHardSigmoidAndHardSwish() {
        check(new OnnxFixture().input("x", 3, 5).node("Relu", "r", "x", "p").node("Sqrt", "sqrt", "p", "y")
                .output("y", 2), "x", 3, 5);
        check(new OnnxFixture().input("x", 3, 5).node("HardSigmoid", "hs", "x", "y", "alpha", 0.3f, "beta", 0.4f)
                .output("y", 2), "x", 3, 5);
        check(new OnnxFixture().opset(14).input("x", 3, 5).node("Mul", "scale", new String[] {"x", "six"},
                        new String[] {"x6"}).floats("six", new long[0], new float[] {6f})
                .node("HardSwish", "hsw", "x6", "y").output("y", 2), "x", 3, 5);
    }

    @Test
    void powWithAnIntegerExponent() {
        check(new OnnxFixture().input("x", 3, 5).floats("e", new long[0], new float[] {2f})
                .node("Pow", "pow", new String[] {"x", "e"}, new String[] {"y"}).output("y", 2), "x", 3, 5);
    }

    @Test
    void squeezeAndUnsqueezeWithAxesAsAttributeAndAsInput() {
        check(new OnnxFixture().opset(11).input("x", 2, 1, 3)
                .node("Unsqueeze", "u", "x", "u1", "axes", new long[] {0, -1})
                .node("Squeeze", "s", "u1", "y", "axes", new long[] {2})
                .output("y", 4), "x", 2, 1, 3);
        check(new OnnxFixture().input("x", 2, 1, 3).longs("a", new long[] {1}, 3)
                .node("Unsqueeze", "u", new String[] {"x", "a"}, new String[] {"u1"})
                .node("Squeeze", "s", "u1", "y")
                .output("y", 2), "x", 2, 1, 3);
    }

    @Test
    void reduceMeanAndReduceSumAcrossOpsetConventions() {
        check(new OnnxFixture().input("x", 2, 3, 4).node("ReduceMean", "m", "x", "y", "axes", new long[] {-1},
                "keepdims", 1L).output("y", 3), "x", 2, 3, 4);
        check(new OnnxFixture().opset(18).input("x", 2, 3, 4).longs("a", new long[] {2}, 0, 2)
                .node("ReduceMean", "m", new String[] {"x", "a"}, new String[] {"y"}, "keepdims", 0L)
                .output("y", 1), "x", 2, 3, 4);
        check(new OnnxFixture().input("x", 2, 3, 4).longs("a", new long[] {1}, 1)
                .node("ReduceSum", "s", new String[] {"x", "a"}, new String[] {"y"}).output("y", 3), "x", 2, 3, 4);
        check(new OnnxFixture().opset(11).input("x", 2, 3, 4).node("ReduceSum", "s", "x", "y", "keepdims", 0L)
                .output("y", 0), "x", 2, 3, 4);
    }

    @Test
    void batchNormalizationInInferenceMode() {
        float[] variance = OnnxFixture.random(random, 3);
        for (int i = 0; i < variance.length; i++) {
            variance[i] = Math.abs(variance[i]) + 0.1f;
        }
        check(new OnnxFixture().input("x", 2, 3, 4, 5).randomFloats("s", random, 3).randomFloats("b", random, 3)
                .randomFloats("m", random, 3).floats("v", new long[] {3}, variance)
                .node("BatchNormalization", "bn", new String[] {"x", "s", "b", "m", "v"}, new String[] {"y"},
                        "epsilon", 1e-3f)
                .output("y", 4), "x", 2, 3, 4, 5);
    }

    @Test
    void sliceWithNegativeStepsAndAsAttributesBeforeOpset10() {
        check(new OnnxFixture().input("x", 2, 5, 6).longs("st", new long[] {2}, 1, -1)
                .longs("en", new long[] {2}, 5, -7).longs("ax", new long[] {2}, 1, 2).longs("sp", new long[] {2}, 2, -2)
                .node("Slice", "sl", new String[] {"x", "st", "en", "ax", "sp"}, new String[] {"y"})
                .output("y", 3), "x", 2, 5, 6);
        check(new OnnxFixture().opset(9).input("x", 2, 5, 6)
                .node("Slice", "sl", "x", "y", "starts", new long[] {0, 2}, "ends", new long[] {1, 100},
                        "axes", new long[] {0, -1})
                .output("y", 3), "x", 2, 5, 6);
    }

    @Test
    void padInConstantEdgeAndReflectModes() {
        for (String mode : new String[] {"constant", "edge", "reflect"}) {
            check(new OnnxFixture().input("x", 1, 2, 4, 5).longs("p", new long[] {8}, 0, 0, 1, 2, 0, 0, 2, 1)
                    .floats("v", new long[0], new float[] {0.75f})
                    .node("Pad", "pad", new String[] {"x", "p", mode.equals("constant") ? "v" : ""},
                            new String[] {"y"}, "mode", mode)
                    .output("y", 4), "x", 1, 2, 4, 5);
        }
        check(new OnnxFixture().opset(9).input("x", 2, 3)
                .node("Pad", "pad", "x", "y", "pads", new long[] {1, 0, 0, 2}, "value", -1f)
                .output("y", 2), "x", 2, 3);
    }

    @Test
    void gatherWithMatrixAndScalarIndices() {
        check(new OnnxFixture().input("x", 3, 4, 2).longs("i", new long[] {2, 2}, 0, 3, 1, -1)
                .node("Gather", "g", new String[] {"x", "i"}, new String[] {"y"}, "axis", 1L)
                .output("y", 4), "x", 3, 4, 2);
        check(new OnnxFixture().input("x", 3, 4).longs("i", new long[0], 2)
                .node("Gather", "g", new String[] {"x", "i"}, new String[] {"y"})
                .output("y", 1), "x", 3, 4);
    }

    @Test
    void castToIntegerTruncatesTowardZero() {
        check(new OnnxFixture().input("x", 3, 5).floats("k", new long[0], new float[] {7f})
                .node("Mul", "scale", new String[] {"x", "k"}, new String[] {"s"})
                .node("Cast", "toInt", "s", "i", "to", 7L)
                .node("Cast", "toFloat", "i", "y", "to", 1L)
                .output("y", 2), "x", 3, 5);
    }

    @Test
    void theShapeChainPyTorchEmitsForFlattenRunsWithADynamicBatch() {
        OnnxFixture f = new OnnxFixture().inputWithDims("x", "batch", 2L, 3L, 4L)
                .longs("zero", new long[0], 0).longs("minusOne", new long[] {1}, -1).longs("axes", new long[] {1}, 0)
                .node("Shape", "shape", "x", "s")
                .node("Gather", "first", new String[] {"s", "zero"}, new String[] {"n"})
                .node("Unsqueeze", "u", new String[] {"n", "axes"}, new String[] {"n1"})
                .node("Concat", "cat", new String[] {"n1", "minusOne"}, new String[] {"target"}, "axis", 0L)
                .node("Reshape", "flat", new String[] {"x", "target"}, new String[] {"y"})
                .output("y", 2);
        Graph g = check(f, "x", 3, 2, 3, 4);
        assertEquals(2, ShapeInference.infer(g).get("y").rank());
    }

    @Test
    void quantizeThenDequantizePerTensorAndPerAxis() {
        check(new OnnxFixture().input("x", 2, 3, 4).floats("s", new long[0], new float[] {0.005f})
                .initializer(ai.onnx.proto.OnnxMl.TensorProto.newBuilder().setName("zp").setDataType(2)
                        .addInt32Data(100).build())
                .node("QuantizeLinear", "q", new String[] {"x", "s", "zp"}, new String[] {"xq"})
                .node("DequantizeLinear", "dq", new String[] {"xq", "s", "zp"}, new String[] {"y"})
                .output("y", 3), "x", 2, 3, 4);
        check(new OnnxFixture().input("x", 2, 3, 4).floats("s", new long[] {3}, new float[] {0.01f, 0.004f, 0.02f})
                .initializer(ai.onnx.proto.OnnxMl.TensorProto.newBuilder().setName("zp").setDataType(3).addDims(3)
                        .addInt32Data(0).addInt32Data(-5).addInt32Data(7).build())
                .node("QuantizeLinear", "q", new String[] {"x", "s", "zp"}, new String[] {"xq"}, "axis", 1L)
                .node("DequantizeLinear", "dq", new String[] {"xq", "s", "zp"}, new String[] {"y"}, "axis", 1L)
                .output("y", 3), "x", 2, 3, 4);
    }

    @Test
    void resizeNearestAcrossCoordinateAndRoundingModes() {
        String[][] modes = {{"half_pixel", "round_prefer_floor"}, {"asymmetric", "floor"},
            {"align_corners", "round_prefer_ceil"}, {"pytorch_half_pixel", "ceil"}};
        for (String[] m : modes) {
            check(new OnnxFixture().input("x", 1, 2, 3, 4).floats("sc", new long[] {4}, new float[] {1, 1, 2.5f, 1.5f})
                    .node("Resize", "up", new String[] {"x", "", "sc"}, new String[] {"y"}, "mode", "nearest",
                            "coordinate_transformation_mode", m[0], "nearest_mode", m[1])
                    .output("y", 4), "x", 1, 2, 3, 4);
        }
        check(new OnnxFixture().input("x", 1, 2, 6, 5).longs("sz", new long[] {4}, 1, 2, 4, 7)
                .node("Resize", "down", new String[] {"x", "", "", "sz"}, new String[] {"y"}, "mode", "nearest")
                .output("y", 4), "x", 1, 2, 6, 5);
        check(new OnnxFixture().opset(11).input("x", 1, 1, 2, 2).floats("roi", new long[] {0}, new float[0])
                .floats("sc", new long[] {4}, new float[] {1, 1, 2, 2})
                .node("Resize", "up", new String[] {"x", "roi", "sc"}, new String[] {"y"}, "mode", "nearest")
                .output("y", 4), "x", 1, 1, 2, 2);
    }

    @Test
    void groupedConvTransposeWithStridesPadsDilationsAndOutputPadding() {
        check(new OnnxFixture().input("x", 2, 4, 3, 4).randomFloats("w", random, 4, 3, 3, 2)
                .randomFloats("b", random, 6)
                .node("ConvTranspose", "up", new String[] {"x", "w", "b"}, new String[] {"y"}, "group", 2L,
                        "strides", new long[] {2, 3}, "pads", new long[] {1, 0, 0, 1},
                        "dilations", new long[] {2, 1}, "output_padding", new long[] {1, 1})
                .output("y", 4), "x", 2, 4, 3, 4);
    }

    @Test
    void convTransposeWithOutputShapeAndWithSameUpperPadding() {
        check(new OnnxFixture().input("x", 1, 2, 3, 3).randomFloats("w", random, 2, 3, 3, 3)
                .node("ConvTranspose", "up", new String[] {"x", "w"}, new String[] {"y"},
                        "strides", new long[] {2, 2}, "output_shape", new long[] {6, 5})
                .output("y", 4), "x", 1, 2, 3, 3);
        check(new OnnxFixture().input("x", 1, 2, 3, 3).randomFloats("w", random, 2, 1, 3, 3)
                .node("ConvTranspose", "up", new String[] {"x", "w"}, new String[] {"y"},
                        "strides", new long[] {2, 2}, "auto_pad", "SAME_UPPER")
                .output("y", 4), "x", 1, 2, 3, 3);
    }

    private static ai.onnx.proto.OnnxMl.TensorProto int8(String name, int type, long[] dims, int... values) {
        var t = ai.onnx.proto.OnnxMl.TensorProto.newBuilder().setName(name).setDataType(type);
        for (long d : dims) {
            t.addDims(d);
        }
        for (int v : values) {
            t.addInt32Data(v);
        }
        return t.build();
    }

    private static int[] randomInts(int count, int lo, int hi) {
        int[] v = new int[count];
        for (int i = 0; i < count; i++) {
            v[i] = lo + random.nextInt(hi - lo + 1);
        }
        return v;
    }

    @Test
    void matMulIntegerWithScalarAndPerColumnZeroPoints() {
        check(new OnnxFixture().input("x", 3, 6).floats("k", new long[0], new float[] {100f})
                .initializer(int8("w", 3, new long[] {6, 4}, randomInts(24, W_MIN, W_MAX)))
                .initializer(int8("xz", 3, new long[0], 5))
                .initializer(int8("wz", 3, new long[] {4}, randomInts(4, -10, 10)))
                .node("Mul", "scale", new String[] {"x", "k"}, new String[] {"xs"})
                .node("Cast", "q", "xs", "xi", "to", 3L)
                .node("MatMulInteger", "mmi", new String[] {"xi", "w", "xz", "wz"}, new String[] {"acc"})
                .node("Cast", "f", "acc", "y", "to", 1L)
                .output("y", 2), "x", 3, 6);
    }

    @Test
    void convIntegerWithZeroPoints() {
        check(new OnnxFixture().input("x", 1, 2, 5, 5).floats("k", new long[0], new float[] {100f})
                .floats("off", new long[0], new float[] {120f})
                .initializer(int8("w", 2, new long[] {3, 2, 3, 3}, randomInts(54, 0, 255)))
                .initializer(int8("xz", 2, new long[0], 118))
                .initializer(int8("wz", 2, new long[0], 128))
                .node("Mul", "scale", new String[] {"x", "k"}, new String[] {"xs"})
                .node("Add", "shift", new String[] {"xs", "off"}, new String[] {"xo"})
                .node("Cast", "q", "xo", "xi", "to", 2L)
                .node("ConvInteger", "ci", new String[] {"xi", "w", "xz", "wz"}, new String[] {"acc"},
                        "pads", new long[] {1, 1, 1, 1})
                .node("Cast", "f", "acc", "y", "to", 1L)
                .output("y", 4), "x", 1, 2, 5, 5);
    }

    @Test
    void qLinearMatMulBetweenQuantizeAndDequantize() {
        check(new OnnxFixture().input("x", 3, 6).floats("xs", new long[0], new float[] {0.01f})
                .initializer(int8("xz", 2, new long[0], 128))
                .initializer(int8("w", 3, new long[] {6, 4}, randomInts(24, W_MIN, W_MAX)))
                .floats("ws", new long[0], new float[] {0.02f}).initializer(int8("wz", 3, new long[0], 0))
                .floats("ys", new long[0], new float[] {0.05f}).initializer(int8("yz", 2, new long[0], 120))
                .node("QuantizeLinear", "q", new String[] {"x", "xs", "xz"}, new String[] {"xq"})
                .node("QLinearMatMul", "qmm", new String[] {"xq", "xs", "xz", "w", "ws", "wz", "ys", "yz"},
                        new String[] {"yq"})
                .node("DequantizeLinear", "dq", new String[] {"yq", "ys", "yz"}, new String[] {"y"})
                .output("y", 2), "x", 3, 6);
    }

    @Test
    void qLinearConvWithPerChannelWeightScalesAndBias() {
        check(new OnnxFixture().input("x", 1, 2, 5, 5).floats("xs", new long[0], new float[] {0.01f})
                .initializer(int8("xz", 2, new long[0], 128))
                .initializer(int8("w", 3, new long[] {3, 2, 3, 3}, randomInts(54, W_MIN, W_MAX)))
                .floats("ws", new long[] {3}, new float[] {0.01f, 0.02f, 0.015f})
                .initializer(int8("wz", 3, new long[] {3}, 0, 0, 0))
                .floats("ys", new long[0], new float[] {0.1f}).initializer(int8("yz", 2, new long[0], 128))
                .initializer(int8("b", 6, new long[] {3}, randomInts(3, -500, 500)))
                .node("QuantizeLinear", "q", new String[] {"x", "xs", "xz"}, new String[] {"xq"})
                .node("QLinearConv", "qc", new String[] {"xq", "xs", "xz", "w", "ws", "wz", "ys", "yz", "b"},
                        new String[] {"yq"}, "pads", new long[] {1, 1, 1, 1})
                .node("DequantizeLinear", "dq", new String[] {"yq", "ys", "yz"}, new String[] {"y"})
                .output("y", 4), "x", 1, 2, 5, 5);
    }

    @Test
    void relu() {
        check(new OnnxFixture().input("x", 2, 7).node("Relu", "relu", "x", "y").output("y", 2), "x", 2, 7);
    }

    @Test
    void flattenAtAxisTwoAndNegativeAxis() {
        check(new OnnxFixture().input("x", 2, 3, 4, 5).node("Flatten", "f", "x", "y", "axis", 2L)
                .output("y", 2), "x", 2, 3, 4, 5);
        check(new OnnxFixture().input("x", 2, 3, 4, 5).node("Flatten", "f", "x", "y", "axis", -1L)
                .output("y", 2), "x", 2, 3, 4, 5);
    }

    @Test
    void reshapeWithZeroAndInferredDimension() {
        check(new OnnxFixture().input("x", 2, 3, 4).longs("s", new long[] {3}, 0, -1, 2)
                .node("Reshape", "r", new String[] {"x", "s"}, new String[] {"y"})
                .output("y", 3), "x", 2, 3, 4);
    }

    @Test
    void groupedConvWithAsymmetricPadsStridesAndDilations() {
        check(new OnnxFixture().input("x", 2, 4, 9, 9).randomFloats("w", random, 6, 2, 3, 3)
                .randomFloats("b", random, 6)
                .node("Conv", "conv", new String[] {"x", "w", "b"}, new String[] {"y"}, "group", 2L,
                        "pads", new long[] {1, 0, 2, 1}, "strides", new long[] {2, 1},
                        "dilations", new long[] {1, 2}, "kernel_shape", new long[] {3, 3})
                .output("y", 4), "x", 2, 4, 9, 9);
    }

    @Test
    void depthwiseConvWithSameUpperPadding() {
        check(new OnnxFixture().input("x", 1, 3, 8, 7).randomFloats("w", random, 3, 1, 3, 2)
                .node("Conv", "dw", new String[] {"x", "w"}, new String[] {"y"}, "group", 3L,
                        "auto_pad", "SAME_UPPER", "strides", new long[] {2, 2})
                .output("y", 4), "x", 1, 3, 8, 7);
    }

    @Test
    void maxPoolWithPadsStridesAndCeilMode() {
        check(new OnnxFixture().input("x", 2, 3, 10, 9)
                .node("MaxPool", "pool", "x", "y", "kernel_shape", new long[] {3, 3},
                        "pads", new long[] {1, 1, 1, 1}, "strides", new long[] {2, 2}, "ceil_mode", 1L)
                .output("y", 4), "x", 2, 3, 10, 9);
    }

    @Test
    void maxPoolWithDilations() {
        check(new OnnxFixture().input("x", 1, 2, 9, 9)
                .node("MaxPool", "pool", "x", "y", "kernel_shape", new long[] {2, 2},
                        "dilations", new long[] {2, 2})
                .output("y", 4), "x", 1, 2, 9, 9);
    }

    @Test
    void softmaxAlongOneAxisFromOpset13() {
        check(new OnnxFixture().input("x", 2, 3, 4).node("Softmax", "sm", "x", "y", "axis", 1L)
                .output("y", 3), "x", 2, 3, 4);
    }

    @Test
    void softmaxOverTheCoercedTrailingBlockBeforeOpset13() {
        check(new OnnxFixture().opset(11).input("x", 2, 3, 4).node("Softmax", "sm", "x", "y")
                .output("y", 3), "x", 2, 3, 4);
    }

    @Test
    void mlpWithIdentityDropoutAndConstantRemovedOnImport() {
        OnnxFixture f = new OnnxFixture().opset(12).input("x", 2, 1, 4, 4)
                .randomFloats("w1", random, 16, 8).randomFloats("b1", random, 8)
                .randomFloats("w2", random, 3, 8)
                .node("Flatten", "flat", "x", "f")
                .node("Identity", "id", "f", "f2")
                .node("Gemm", "fc1", new String[] {"f2", "w1", "b1"}, new String[] {"h"})
                .node("Relu", "relu", "h", "r")
                .node("Dropout", "drop", new String[] {"r"}, new String[] {"d", "mask"})
                .node("Constant", "c2", new String[0], new String[] {"b2"}, "value",
                        ai.onnx.proto.OnnxMl.TensorProto.newBuilder().setDataType(1).addDims(3)
                                .addFloatData(0.1f).addFloatData(-0.2f).addFloatData(0.3f).build())
                .node("Gemm", "fc2", new String[] {"d", "w2", "b2"}, new String[] {"logits"}, "transB", 1L)
                .node("Softmax", "sm", "logits", "p")
                .node("Identity", "out", "p", "probs")
                .output("probs", 2);
        Graph g = check(f, "x", 2, 1, 4, 4);
        assertEquals(Arrays.asList("Flatten", "Gemm", "Relu", "Gemm", "Softmax"),
                g.nodes().stream().map(n -> n.opType()).toList());
        assertTrue(g.initializers().containsKey("b2"));
    }

    @Test
    void dynamicBatchDimensionTakesTheSizeGivenAtRunTime() {
        OnnxFixture f = new OnnxFixture().inputWithDims("x", "batch", 6L).randomFloats("w", random, 6, 2)
                .node("MatMul", "mm", new String[] {"x", "w"}, new String[] {"y"}).output("y", 2);
        check(f, "x", 3, 6);
        check(f, "x", 1, 6);
    }

    @Test
    void inputsAreCheckedAgainstTheDeclaredShape() {
        Graph g = new OnnxImporter().importModel(new OnnxFixture().inputWithDims("x", "batch", 6L)
                .node("Relu", "r", "x", "y").output("y", 2).bytes());
        FloatExecutor executor = new FloatExecutor(g);
        String message = assertThrows(IllegalArgumentException.class, () -> executor.run(Map.of("x",
                Tensor.ofFloats(new long[] {2, 5}, new float[10])))).getMessage();
        assertTrue(message.contains("input 'x'") && message.contains("[2, 5]"), message);
        message = assertThrows(IllegalArgumentException.class, () -> executor.run(Map.of())).getMessage();
        assertTrue(message.contains("missing input 'x'"), message);
    }

    @Test
    void hostileWindowAttributesAreRefusedBeforeAllocation() {
        Graph g = new OnnxImporter().importModel(new OnnxFixture().input("x", 1, 1, 4, 4)
                .node("MaxPool", "pool", "x", "y", "kernel_shape", new long[] {1, 1},
                        "pads", new long[] {1L << 40, 1L << 40, 1L << 40, 1L << 40})
                .output("y", 4).bytes());
        String message = assertThrows(IllegalArgumentException.class, () -> new FloatExecutor(g).run(Map.of("x",
                Tensor.ofFloats(new long[] {1, 1, 4, 4}, new float[16])))).getMessage();
        assertTrue(message.contains("MaxPool node 'pool'") && message.contains("outside"), message);
        message = assertThrows(IllegalArgumentException.class, () -> ShapeInference.infer(g)).getMessage();
        assertTrue(message.contains("MaxPool node 'pool'"), message);
    }

    /** Runs the model from {@code fixture} on one random input of {@code shape}; returns the imported graph. */
    private Graph check(OnnxFixture fixture, String input, long... shape) {
        byte[] bytes = fixture.bytes();
        float[] x = OnnxFixture.random(random, shape);
        Graph graph = new OnnxImporter().importModel(bytes);
        Map<String, Tensor> ours = new FloatExecutor(graph).run(Map.of(input, Tensor.ofFloats(shape, x)));
        Map<String, Tensor> theirs;
        try (OnnxRuntimeRunner runner = new OnnxRuntimeRunner(bytes)) {
            theirs = runner.run(Map.of(input, Tensor.ofFloats(shape, x)));
        }
        assertEquals(theirs.keySet(), ours.keySet());
        Map<String, Shape> inferred = ShapeInference.infer(graph);
        boolean staticInputs = graph.inputs().stream().allMatch(i -> i.shape().isStatic());
        for (var e : theirs.entrySet()) {
            Tensor mine = ours.get(e.getKey());
            assertArrayEquals(e.getValue().shape(), mine.shape(), "shape of " + e.getKey());
            Shape predicted = inferred.get(e.getKey());
            assertEquals(mine.rank(), predicted.rank(), "inferred rank of " + e.getKey());
            for (int d = 0; d < mine.rank(); d++) {
                Dim dim = predicted.dims().get(d);
                assertTrue(staticInputs ? dim.isStatic() && dim.value() == mine.shape()[d]
                        : !dim.isStatic() || dim.value() == mine.shape()[d],
                        "inferred shape " + predicted + " of " + e.getKey() + " vs " + Arrays.toString(mine.shape()));
            }
            float[] a = mine.floats();
            float[] b = e.getValue().floats();
            double maxDiff = 0;
            double maxRef = 0;
            for (int i = 0; i < b.length; i++) {
                maxDiff = Math.max(maxDiff, Math.abs(a[i] - b[i]));
                maxRef = Math.max(maxRef, Math.abs(b[i]));
            }
            double rel = maxDiff / Math.max(maxRef, 1e-30);
            assertTrue(rel <= TOLERANCE, e.getKey() + ": relative error " + rel + " > " + TOLERANCE);
        }
        return graph;
    }
}
