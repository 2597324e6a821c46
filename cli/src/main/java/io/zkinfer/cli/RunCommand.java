package io.zkinfer.cli;

import io.zkinfer.inference.exec.FloatExecutor;
import io.zkinfer.inference.io.TensorJson;
import io.zkinfer.inference.ir.Tensor;
import io.zkinfer.inference.ort.OnnxRuntimeRunner;
import io.zkinfer.inference.quant.IntegerExecutor;
import io.zkinfer.inference.quant.QuantizedModel;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code zkinfer run MODEL --input FILE [--quantized DIR] [--engine onnxruntime|java] [--json]}: one inference,
 * in float, or with {@code --quantized} by the {@link IntegerExecutor} on the quantized model that
 * {@code zkinfer quantize} wrote into DIR (float inputs quantized at the boundary, outputs dequantized). The
 * input file is the JSON that {@link TensorJson} reads (keyed by graph input name, nested arrays); with
 * {@code --json} the outputs are printed in the same format, keyed by graph output name.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {"Run a model on a JSON input file and print its outputs.",
        "The file is one JSON object keyed by graph input name, each value a nested array. Float inference",
        "runs in ONNX Runtime (default) or the Java reference executor; with --quantized DIR the integer",
        "executor runs the quantized model that 'zkinfer quantize' wrote to DIR."})
final class RunCommand implements Callable<Integer> {
  /** Float engines. */
  enum Engine { onnxruntime, java }

  /** Values printed per output in the text form; --json prints all. */
  static final int SHOWN_VALUES = 20;

  @Parameters(index = "0", paramLabel = "MODEL", description = "ONNX model file")
  Path model;

  @Option(names = "--input", required = true, paramLabel = "FILE",
      description = "JSON object keyed by graph input name, each value a nested array")
  Path input;

  @Option(names = "--quantized", paramLabel = "DIR",
      description = "Run the integer model written by 'zkinfer quantize MODEL --out DIR'.")
  Path quantized;

  @Option(names = "--engine", paramLabel = "ENGINE", defaultValue = "onnxruntime",
      description = "Float engine: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Engine engine;

  @Option(names = "--json", description = "Print the outputs as JSON keyed by output name (the input format).")
  boolean json;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    ModelFile file = ModelFile.readOnnx(model, "run");
    if (quantized != null && spec.commandLine().getParseResult().hasMatchedOption("--engine")) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--engine chooses a float engine; with --quantized the integer executor runs");
    }
    QuantizedModel q = quantized == null ? null : QuantizedModel.read(quantized);
    if (q != null) {
      String source = q.settings().sourceSha256();
      if (source != null && !source.equalsIgnoreCase(QuantizeCommand.sha256(file.bytes()))) {
        throw new UnusableInputException(quantized + " was quantized from a different model (SHA-256 " + source
            + "), not from " + model + "; quantize this model with 'zkinfer quantize " + model + " --out DIR'");
      }
    }
    Map<String, Tensor> inputs = TensorJson.readInputs(input, file.graph());
    Map<String, Tensor> outputs;
    String how;
    if (q != null) {
      outputs = new IntegerExecutor(q).run(inputs);
      how = "integer executor, int" + q.settings().options().activationBits() + " model in " + quantized
          + " (outputs dequantized)";
    } else if (engine == Engine.java) {
      outputs = new FloatExecutor(file.graph()).run(inputs);
      how = "float, Java reference executor";
    } else {
      try (OnnxRuntimeRunner ort = new OnnxRuntimeRunner(file.bytes())) {
        outputs = ort.run(inputs);
      }
      how = "float, ONNX Runtime";
    }
    print(spec.commandLine().getOut(), outputs, how, json);
    return ExitCodes.OK;
  }

  /** The outputs as JSON ({@code json}) or as a short text summary per output. */
  static void print(PrintWriter out, Map<String, Tensor> outputs, String how, boolean json) {
    if (json) {
      out.print(TensorJson.toJson(outputs));
      out.flush();
      return;
    }
    out.println("engine: " + how);
    printOutputs(out, outputs);
  }

  /** Each output's type, shape, first values and, for a last axis of two or more, the argmax along it. */
  static void printOutputs(PrintWriter out, Map<String, Tensor> outputs) {
    for (var e : outputs.entrySet()) {
      Tensor t = e.getValue();
      out.println("output '" + e.getKey() + "' " + t.type() + " " + Arrays.toString(t.shape()) + ":");
      out.println("  " + values(t));
      long[] shape = t.shape();
      if (shape.length >= 1 && shape[shape.length - 1] >= 2 && t.size() > 0) {
        out.println("  argmax over the last axis: " + Arrays.toString(argmax(t)));
      }
    }
    out.flush();
  }

  private static String values(Tensor t) {
    int n = Math.min(t.size(), SHOWN_VALUES);
    StringBuilder sb = new StringBuilder("[");
    float[] f = t.type().isFloating() ? t.floats() : null;
    long[] l = f == null ? t.longs() : null;
    for (int i = 0; i < n; i++) {
      sb.append(i == 0 ? "" : ", ").append(f != null ? String.format(Locale.ROOT, "%.6g", f[i]) : l[i]);
    }
    if (t.size() > n) {
      sb.append(", ... (").append(t.size()).append(" values in all; --json prints them all)");
    }
    return sb.append(']').toString();
  }

  private static int[] argmax(Tensor t) {
    long[] shape = t.shape();
    int len = (int) shape[shape.length - 1];
    float[] f = t.floats();
    int[] out = new int[f.length / len];
    for (int r = 0; r < out.length; r++) {
      int best = 0;
      for (int j = 1; j < len; j++) {
        if (f[r * len + j] > f[r * len + best]) {
          best = j;
        }
      }
      out[r] = best;
    }
    return out;
  }
}
