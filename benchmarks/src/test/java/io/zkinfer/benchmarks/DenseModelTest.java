package io.zkinfer.benchmarks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkinfer.inference.ir.Graph;
import io.zkinfer.inference.ir.Tensor;
import io.zkinfer.inference.onnx.OnnxImporter;
import io.zkinfer.inference.onnx.OnnxWriter;
import io.zkinfer.inference.quant.IntegerExecutor;
import io.zkinfer.inference.quant.QuantizedModel;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The dense benchmark model has about a million parameters, is the same every time, and runs quantized. */
class DenseModelTest {

  @Test
  void hasAboutAMillionParametersInThreeLayers() {
    Graph g = DenseModel.graph();
    assertEquals(1024L * 768 + 768 + 768L * 256 + 256 + 256L * 10 + 10, DenseModel.parameterCount(g));
    assertEquals(986_634, DenseModel.parameterCount(g));
    assertEquals(5, g.nodes().size()); // Gemm, Relu, Gemm, Relu, Gemm
    assertEquals(6, g.initializers().size());
  }

  @Test
  void isTheSameModelEveryTimeAndSurvivesTheOnnxFile() {
    Graph a = DenseModel.graph();
    Graph b = new OnnxImporter().importModel(OnnxWriter.toBytes(DenseModel.graph()));
    assertEquals(a.nodes(), b.nodes());
    assertEquals(a.initializers().keySet(), b.initializers().keySet());
    for (String name : a.initializers().keySet()) {
      assertArrayEquals(a.initializers().get(name).floats(), b.initializers().get(name).floats(), name);
    }
    float[] w = a.initializers().get("fc1.weight").floats();
    float bound = (float) (1 / Math.sqrt(1024));
    for (float v : w) {
      assertTrue(Math.abs(v) <= bound, "weight " + v + " outside ±1/sqrt(fan-in)");
    }
    assertNotEquals(w[0], w[1]);
  }

  @Test
  void runsInTheIntegerExecutorAt8Bits() {
    BenchmarkModel m = BenchmarkModel.DENSE_1M;
    Graph g = DenseModel.graph();
    QuantizedModel q = m.quantize(g);
    Map<String, Tensor> ints = BenchmarkModel.integerInput(q, m.input(g));
    long[] in = ints.get(DenseModel.INPUT).longs();
    assertEquals(1024, in.length);
    for (long v : in) {
      assertTrue(v >= -128 && v <= 127, "input " + v + " outside int8");
    }
    Tensor out = new IntegerExecutor(q).runIntegers(ints).get(DenseModel.OUTPUT);
    assertArrayEquals(new long[] {1, 10}, out.shape());
    assertTrue(java.util.Arrays.stream(out.longs()).distinct().count() > 1, "all logits equal: a dead network");
  }

  @Test
  void modelsAreNamedAsInTheBenchmarkParameters() {
    assertEquals(BenchmarkModel.MNIST_CNN, BenchmarkModel.named("mnist-cnn"));
    assertEquals(BenchmarkModel.DENSE_1M, BenchmarkModel.named("dense-1m"));
    assertThrows(IllegalArgumentException.class, () -> BenchmarkModel.named("resnet"));
  }
}
