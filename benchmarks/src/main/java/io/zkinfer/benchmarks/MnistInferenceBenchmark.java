package io.zkinfer.benchmarks;

import io.zkinfer.inference.exec.FloatExecutor;
import io.zkinfer.inference.ir.Graph;
import io.zkinfer.inference.ir.Tensor;
import io.zkinfer.inference.onnx.OnnxImporter;
import io.zkinfer.inference.ort.OnnxRuntimeRunner;
import io.zkinfer.inference.quant.Calibration;
import io.zkinfer.inference.quant.IntegerExecutor;
import io.zkinfer.inference.quant.QuantOptions;
import io.zkinfer.inference.quant.QuantizedModel;
import io.zkinfer.inference.quant.Quantizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One MNIST inference (batch 1) of the committed fixture models, three ways on the same input: the integer
 * executor (the quantized model's normative semantics, float input quantized and output dequantized included),
 * ONNX Runtime in float (the peer), and the Java float reference executor. Sample time, so the results carry
 * medians; {@code benchmarks/peer/onnxruntime-mnist.sh} prints the integer/ONNX Runtime ratio. Run from the
 * repository root (the model paths are relative to it).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class MnistInferenceBenchmark {

  /** The fixture model: {@code mlp} (784-128-10) or {@code cnn} (LeNet-style). */
  @Param({"mlp", "cnn"})
  public String model;

  /** Activation and weight bits of the quantized model. */
  @Param({"8"})
  public int bits;

  private IntegerExecutor integer;
  private FloatExecutor javaFloat;
  private OnnxRuntimeRunner onnxRuntime;
  private Map<String, Tensor> input;

  @Setup(Level.Trial)
  public void setup() throws Exception {
    Path file = Path.of("inference/src/test/resources/mnist", model + ".onnx");
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException(file + " not found: run the benchmark from the repository root");
    }
    byte[] bytes = Files.readAllBytes(file);
    Graph graph = new OnnxImporter().importModel(bytes);
    String inputName = graph.inputs().get(0).name();
    // Pixels lie in [0, 1]; a deterministic grid calibrates, and one of its points is the benchmark input.
    Calibration calibration = Calibration.fromRanges(graph, Map.of(inputName, new float[] {0f, 1f}), 32);
    QuantizedModel quantized = Quantizer.quantize(graph, calibration, QuantOptions.DEFAULT.withBits(bits));
    integer = new IntegerExecutor(quantized);
    javaFloat = new FloatExecutor(graph);
    onnxRuntime = new OnnxRuntimeRunner(bytes);
    input = calibration.samples().get(0);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    onnxRuntime.close();
  }

  @Benchmark
  public Map<String, Tensor> integerExecutor() {
    return integer.run(input);
  }

  @Benchmark
  public Map<String, Tensor> onnxRuntime() {
    return onnxRuntime.run(input);
  }

  @Benchmark
  public Map<String, Tensor> javaFloatExecutor() {
    return javaFloat.run(input);
  }
}
