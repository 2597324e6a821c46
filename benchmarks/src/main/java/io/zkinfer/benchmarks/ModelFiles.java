package io.zkinfer.benchmarks;

import io.zkinfer.inference.io.TensorJson;
import io.zkinfer.inference.ir.Graph;
import io.zkinfer.inference.ir.TensorInfo;
import io.zkinfer.inference.onnx.OnnxWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes the files the command-line benchmark needs for each {@link BenchmarkModel}: {@code DIR/ID.onnx} (the
 * MNIST fixture copied, the dense model generated) and {@code DIR/ID.input.json}, the same input
 * {@link ModelProveBenchmark} proves. Prints one line per model for the script to read:
 * {@code ID MODEL INPUT PARAMETERS --range NAME=LO,HI}, the last being the {@code zkinfer compile} calibration
 * option that reproduces the benchmark's quantization.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.zkinfer.benchmarks.ModelFiles DIR [ID...]</pre>
 */
public final class ModelFiles {

  private ModelFiles() {
  }

  public static void main(String[] args) throws IOException {
    if (args.length < 1) {
      System.err.println("usage: ModelFiles DIR [mnist-mlp|mnist-cnn|dense-1m ...]");
      System.exit(2);
    }
    Path dir = Files.createDirectories(Path.of(args[0]));
    List<BenchmarkModel> models = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      models.add(BenchmarkModel.named(args[i]));
    }
    if (models.isEmpty()) {
      models.addAll(List.of(BenchmarkModel.values()));
    }
    for (BenchmarkModel m : models) {
      Graph g = m.graph();
      Path model = dir.resolve(m.id() + ".onnx");
      Path input = dir.resolve(m.id() + ".input.json");
      if (m.onnxFile().isPresent()) {
        Files.copy(m.onnxFile().get(), model, StandardCopyOption.REPLACE_EXISTING);
      } else {
        OnnxWriter.write(g, model);
      }
      TensorJson.write(m.input(g), input);
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%s %s %s %d", m.id(), model, input,
          DenseModel.parameterCount(g)));
      for (TensorInfo in : g.inputs()) {
        float[] range = m.range();
        line.append(String.format(Locale.ROOT, " --range %s=%s,%s", in.name(), range[0], range[1]));
      }
      System.out.println(line);
    }
  }
}
