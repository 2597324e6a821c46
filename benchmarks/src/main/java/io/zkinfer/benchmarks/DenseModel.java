package io.zkinfer.benchmarks;

import io.zkinfer.inference.ir.DataType;
import io.zkinfer.inference.ir.Graph;
import io.zkinfer.inference.ir.Node;
import io.zkinfer.inference.ir.Shape;
import io.zkinfer.inference.ir.Tensor;
import io.zkinfer.inference.ir.TensorInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The benchmarks' dense model of about one million parameters: a 1024-768-256-10 perceptron (Gemm, Relu, Gemm,
 * Relu, Gemm), 986,634 weights and biases drawn uniformly from ±1/√fan-in (PyTorch's {@code nn.Linear} default)
 * by {@code java.util.Random} with a fixed seed, so every run and machine builds the same model. It is untrained:
 * a fixture for proving cost, whose constraint count grows with its 1,034 activations, not its weights.
 * {@link ModelFiles} writes it as an ONNX file.
 */
public final class DenseModel {

  /** Layer widths: input, two hidden layers, output. */
  public static final int[] WIDTHS = {1024, 768, 256, 10};
  /** The seed of the weights. */
  public static final long SEED = 0x5EED_0001L;
  public static final String INPUT = "input";
  public static final String OUTPUT = "logits";

  private DenseModel() {
  }

  /** The float model. */
  public static Graph graph() {
    Random random = new Random(SEED);
    Map<String, Tensor> initializers = new LinkedHashMap<>();
    List<Node> nodes = new ArrayList<>();
    String x = INPUT;
    for (int l = 0; l + 1 < WIDTHS.length; l++) {
      int in = WIDTHS[l];
      int out = WIDTHS[l + 1];
      float bound = (float) (1 / Math.sqrt(in));
      String w = "fc" + (l + 1) + ".weight";
      String b = "fc" + (l + 1) + ".bias";
      initializers.put(w, Tensor.ofFloats(new long[] {in, out}, uniform(random, in * out, bound)));
      initializers.put(b, Tensor.ofFloats(new long[] {out}, uniform(random, out, bound)));
      boolean last = l + 2 == WIDTHS.length;
      String y = last ? OUTPUT : "fc" + (l + 1);
      nodes.add(new Node("Gemm", "fc" + (l + 1), List.of(x, w, b), List.of(y), Map.of()));
      if (!last) {
        nodes.add(new Node("Relu", "relu" + (l + 1), List.of(y), List.of(y + ".relu"), Map.of()));
        x = y + ".relu";
      }
    }
    return new Graph("dense-1m", 17, List.of(new TensorInfo(INPUT, DataType.FLOAT, Shape.of(1, WIDTHS[0]))),
        List.of(new TensorInfo(OUTPUT, DataType.FLOAT, Shape.of(1, WIDTHS[WIDTHS.length - 1]))), nodes,
        initializers);
  }

  /** The number of weights and biases of {@code g}: the elements of its initializers. */
  public static long parameterCount(Graph g) {
    return g.initializers().values().stream().mapToLong(t -> Tensor.elementCount(t.shape())).sum();
  }

  private static float[] uniform(Random random, int n, float bound) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (2 * random.nextFloat() - 1) * bound;
    }
    return v;
  }
}
