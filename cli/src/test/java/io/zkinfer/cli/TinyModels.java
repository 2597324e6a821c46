package io.zkinfer.cli;

import io.zkinfer.inference.ir.Attribute;
import io.zkinfer.inference.ir.DataType;
import io.zkinfer.inference.ir.Dim;
import io.zkinfer.inference.ir.Graph;
import io.zkinfer.inference.ir.Node;
import io.zkinfer.inference.ir.Shape;
import io.zkinfer.inference.ir.Tensor;
import io.zkinfer.inference.ir.TensorInfo;
import io.zkinfer.inference.onnx.OnnxWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small ONNX models for the model commands, written with {@link OnnxWriter}. */
final class TinyModels {
  private TinyModels() {}

  /**
   * x[N,1,4,4] → Conv(2×1×3×3, pads 1) → Relu → Flatten → Gemm(3×32, transB) → y[N,3]: 119 parameters,
   * 384 MACs, 918 estimated constraints at 8 bits (see ResourceEstimateTest for the counts by hand).
   */
  static Path convGemm(Path dir) throws IOException {
    float[] w = new float[18];
    for (int i = 0; i < w.length; i++) {
      w[i] = 0.25f * ((i % 5) - 2);
    }
    float[] g = new float[96];
    for (int i = 0; i < g.length; i++) {
      g[i] = 0.25f * ((i % 3) - 1);
    }
    Map<String, Tensor> init = new LinkedHashMap<>();
    init.put("w", Tensor.ofFloats(new long[] {2, 1, 3, 3}, w));
    init.put("wb", Tensor.ofFloats(new long[] {2}, new float[] {0.1f, -0.1f}));
    init.put("g", Tensor.ofFloats(new long[] {3, 32}, g));
    init.put("gb", Tensor.ofFloats(new long[] {3}, new float[] {1, 2, 3}));
    List<Node> nodes = List.of(
        new Node("Conv", "conv", List.of("x", "w", "wb"), List.of("c"),
            Map.of("pads", Attribute.Ints.of(1, 1, 1, 1))),
        new Node("Relu", "relu", List.of("c"), List.of("r"), Map.of()),
        new Node("Flatten", "flatten", List.of("r"), List.of("f"), Map.of()),
        new Node("Gemm", "fc", List.of("f", "g", "gb"), List.of("y"), Map.of("transB", new Attribute.Int(1))));
    Graph graph = new Graph("conv_gemm", 13,
        List.of(new TensorInfo("x", DataType.FLOAT, new Shape(List.of(Dim.named("N"), Dim.of(1), Dim.of(4),
            Dim.of(4))))),
        List.of(new TensorInfo("y", DataType.FLOAT, new Shape(List.of(Dim.named("N"), Dim.of(3))))),
        nodes, init);
    Path file = dir.resolve("conv_gemm.onnx");
    OnnxWriter.write(graph, file);
    return file;
  }

  /** x[1,2] → Gemm with W = [[1,0],[0,1],[1,1]] (transB), b = [0.5, 0, -1] → y[1,3]: x = [1,2] gives [1.5,2,2]. */
  static Path affine(Path dir) throws IOException {
    Map<String, Tensor> init = new LinkedHashMap<>();
    init.put("W", Tensor.ofFloats(new long[] {3, 2}, new float[] {1, 0, 0, 1, 1, 1}));
    init.put("b", Tensor.ofFloats(new long[] {3}, new float[] {0.5f, 0, -1}));
    Graph graph = new Graph("affine", 13,
        List.of(new TensorInfo("x", DataType.FLOAT, Shape.of(1, 2))),
        List.of(new TensorInfo("y", DataType.FLOAT, Shape.of(1, 3))),
        List.of(new Node("Gemm", "fc", List.of("x", "W", "b"), List.of("y"),
            Map.of("transB", new Attribute.Int(1)))),
        init);
    Path file = dir.resolve("affine.onnx");
    OnnxWriter.write(graph, file);
    return file;
  }
}
