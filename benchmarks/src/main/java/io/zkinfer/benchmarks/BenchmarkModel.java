package io.zkinfer.benchmarks;

import io.zkinfer.inference.ir.Graph;
import io.zkinfer.inference.ir.Tensor;
import io.zkinfer.inference.ir.TensorInfo;
import io.zkinfer.inference.onnx.OnnxImporter;
import io.zkinfer.inference.quant.Calibration;
import io.zkinfer.inference.quant.IntegerExecutor;
import io.zkinfer.inference.quant.QuantOptions;
import io.zkinfer.inference.quant.QuantSettings;
import io.zkinfer.inference.quant.QuantizedModel;
import io.zkinfer.inference.quant.Quantizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The models of the proving benchmarks, each quantized to 8 bits on a {@value #GRID_SAMPLES}-point Halton grid
 * over its input range, as {@code zkinfer quantize} and {@code zkinfer compile} do without {@code --calibration}:
 * the two MNIST fixtures (pixels in [0, 1]) and the {@link DenseModel} (inputs in [−1, 1]). The benchmark input is
 * the grid's first point. MNIST paths are relative to the repository root, where benchmarks are run.
 */
public enum BenchmarkModel {
  /** 784-128-10 perceptron, 101,770 parameters. */
  MNIST_MLP("mnist-mlp", "inference/src/test/resources/mnist/mlp.onnx", 0f, 1f),
  /** LeNet-style CNN. */
  MNIST_CNN("mnist-cnn", "inference/src/test/resources/mnist/cnn.onnx", 0f, 1f),
  /** 1024-768-256-10 perceptron, 986,634 parameters. */
  DENSE_1M("dense-1m", null, -1f, 1f);

  /** Calibration grid size, the CLI's default {@code --grid-samples}. */
  public static final int GRID_SAMPLES = 32;

  private final String id;
  private final String file;
  private final float lo;
  private final float hi;

  BenchmarkModel(String id, String file, float lo, float hi) {
    this.id = id;
    this.file = file;
    this.lo = lo;
    this.hi = hi;
  }

  /** The name used in benchmark parameters and scripts, e.g. {@code mnist-cnn}. */
  public String id() {
    return id;
  }

  /** The model of that name; the error lists the names. */
  public static BenchmarkModel named(String id) {
    for (BenchmarkModel m : values()) {
      if (m.id.equals(id)) {
        return m;
      }
    }
    throw new IllegalArgumentException("no benchmark model '" + id + "'; choose mnist-mlp, mnist-cnn or dense-1m");
  }

  /** The committed ONNX file (relative to the repository root); none for the generated dense model. */
  public Optional<Path> onnxFile() {
    if (file == null) {
      return Optional.empty();
    }
    Path path = Path.of(file);
    if (!Files.isRegularFile(path)) {
      throw new IllegalStateException(path + " not found: run the benchmark from the repository root");
    }
    return Optional.of(path);
  }

  /** The float model. */
  public Graph graph() throws IOException {
    Optional<Path> path = onnxFile();
    return path.isEmpty() ? DenseModel.graph() : new OnnxImporter().importModel(Files.readAllBytes(path.get()));
  }

  /** The range {lo, hi} of every input. */
  public float[] range() {
    return new float[] {lo, hi};
  }

  /** The Halton calibration grid over the input range. */
  public Calibration calibration(Graph g) {
    Map<String, float[]> ranges = new LinkedHashMap<>();
    for (TensorInfo in : g.inputs()) {
      ranges.put(in.name(), new float[] {lo, hi});
    }
    return Calibration.fromRanges(g, ranges, GRID_SAMPLES);
  }

  /** The 8-bit model. */
  public QuantizedModel quantize(Graph g) {
    return Quantizer.quantize(g, calibration(g), QuantOptions.DEFAULT.withBits(8));
  }

  /** The benchmark input (float): the calibration grid's first point. */
  public Map<String, Tensor> input(Graph g) {
    return calibration(g).samples().get(0);
  }

  /** {@code floatInput} quantized at the model's input scales and clamped to the activation range. */
  public static Map<String, Tensor> integerInput(QuantizedModel q, Map<String, Tensor> floatInput) {
    QuantOptions opt = q.settings().options();
    Map<String, Tensor> ints = new LinkedHashMap<>();
    for (TensorInfo in : q.graph().inputs()) {
      QuantSettings.TensorScale scale = q.settings().tensor(in.name()).orElseThrow(() ->
          new IllegalStateException("the quantized model has no scale for input '" + in.name() + "'"));
      ints.put(in.name(), IntegerExecutor.quantize(floatInput.get(in.name()), scale.scaleBits(),
          opt.activationMin(), opt.activationMax()));
    }
    return ints;
  }
}
