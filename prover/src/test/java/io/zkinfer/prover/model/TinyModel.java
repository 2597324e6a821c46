package io.zkinfer.prover.model;

import io.zkinfer.inference.ir.Attribute;
import io.zkinfer.inference.ir.DataType;
import io.zkinfer.inference.ir.Graph;
import io.zkinfer.inference.ir.Node;
import io.zkinfer.inference.ir.Shape;
import io.zkinfer.inference.ir.Tensor;
import io.zkinfer.inference.ir.TensorInfo;
import io.zkinfer.inference.quant.Calibration;
import io.zkinfer.inference.quant.QuantOptions;
import io.zkinfer.inference.quant.QuantizedModel;
import io.zkinfer.inference.quant.Quantizer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Test support: x[1,4] → Gemm(3×4) → Relu → Gemm(2×3) → y[1,2], quantized to int8 on a Halton grid over
 * [-1, 1] ({@code scale} multiplies every weight, so two different models can be made).
 */
final class TinyModel {
    private TinyModel() {
    }

    static QuantizedModel quantized(float scale) {
        Map<String, Tensor> init = new LinkedHashMap<>();
        init.put("w1", Tensor.ofFloats(new long[] {3, 4}, times(scale, 0.5f, -0.25f, 0.75f, 0.1f, -0.5f, 0.3f, 0.2f,
                -0.6f, 0.4f, 0.4f, -0.1f, 0.9f)));
        init.put("b1", Tensor.ofFloats(new long[] {3}, times(scale, 0.1f, -0.2f, 0.05f)));
        init.put("w2", Tensor.ofFloats(new long[] {2, 3}, times(scale, 0.7f, -0.3f, 0.5f, -0.4f, 0.8f, 0.2f)));
        init.put("b2", Tensor.ofFloats(new long[] {2}, times(scale, 0.0f, 0.25f)));
        Graph g = new Graph("tiny", 13,
                List.of(new TensorInfo("x", DataType.FLOAT, Shape.of(1, 4))),
                List.of(new TensorInfo("y", DataType.FLOAT, Shape.of(1, 2))),
                List.of(new Node("Gemm", "fc1", List.of("x", "w1", "b1"), List.of("h"),
                                Map.of("transB", new Attribute.Int(1))),
                        new Node("Relu", "relu", List.of("h"), List.of("r"), Map.of()),
                        new Node("Gemm", "fc2", List.of("r", "w2", "b2"), List.of("y"),
                                Map.of("transB", new Attribute.Int(1)))),
                init);
        return Quantizer.quantize(g, Calibration.fromRanges(g, Map.of(), 16), QuantOptions.DEFAULT);
    }

    /** A float input {@code {"x": [[a, b, c, d]]}}. */
    static Map<String, Tensor> input(float... x) {
        return Map.of("x", Tensor.ofFloats(new long[] {1, 4}, x));
    }

    private static float[] times(float s, float... v) {
        float[] out = v.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] *= s;
        }
        return out;
    }
}
