package io.zkinfer.cli;

import io.zkinfer.circuits.compile.CircuitSizeEstimate;
import io.zkinfer.circuits.compile.CircuitTooLargeException;
import io.zkinfer.circuits.compile.ModelCompiler;
import io.zkinfer.circuits.compile.UnsupportedOperatorException;
import io.zkinfer.circuits.compile.Visibility;
import io.zkinfer.circuits.compile.VisibilityOptions;
import io.zkinfer.circuits.report.ConstraintReport;
import io.zkinfer.inference.quant.Calibration;
import io.zkinfer.inference.quant.QuantOptions;
import io.zkinfer.inference.quant.QuantizedModel;
import io.zkinfer.prover.model.CompileStep;
import io.zkinfer.prover.model.ModelDirectory;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code zkinfer compile MODEL [--calibration DATA] [--input-visibility V] [--output-visibility V]
 * [--weights fixed|hashed] [--bits 8|16] [--max-constraints N] --out DIR [--stats] [--report FILE.html]}:
 * quantizes a float ONNX model (as {@code zkinfer quantize} does; a directory that {@code quantize} wrote is taken
 * as it is), prints its {@link CircuitSizeEstimate}, compiles it to R1CS ({@link CompileStep}) unless the estimate
 * exceeds {@code --max-constraints}, and writes the model directory ({@link ModelDirectory}). {@code --stats}
 * prints and {@code --report} writes the {@link CompileReport}.
 */
@Command(
    name = "compile",
    mixinStandardHelpOptions = true,
    description = {"Compile a model into a circuit: the model directory DIR that setup, prove, verify and mock take.",
        "MODEL is a float ONNX model, quantized first as 'zkinfer quantize' does (the same options), or a",
        "directory 'zkinfer quantize' wrote. Writes DIR/model.quant.onnx, settings.json, circuit.json (the",
        "circuit's settings and public-signal layout), circuit.r1cs and manifest.json (SHA-256 of every file)."})
final class ModelCompileCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "MODEL", description = "ONNX model file, or a quantized model directory")
  Path model;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Model directory to write (created)")
  Path out;

  @Option(names = "--input-visibility", paramLabel = "V", defaultValue = "public",
      description = "public (the input values are public signals), private, or hashed (only their Poseidon"
          + " commitment is public) (default: ${DEFAULT-VALUE})")
  String inputVisibility;

  @Option(names = "--output-visibility", paramLabel = "V", defaultValue = "public",
      description = "public or hashed (default: ${DEFAULT-VALUE})")
  String outputVisibility;

  @Option(names = "--weights", paramLabel = "fixed|hashed", defaultValue = "fixed",
      description = "fixed (constants of the circuit) or hashed (private, with their Poseidon commitment public)"
          + " (default: ${DEFAULT-VALUE})")
  String weights;

  @CommandLine.Mixin QuantizationOptions quant;

  @Option(names = "--stats", description = "Print the constraints per layer and per operator.")
  boolean stats;

  @Option(names = "--report", paramLabel = "FILE.html",
      description = "Write a one-page HTML report: a chart of the constraints per layer, and the tables of --stats.")
  Path report;

  @Option(names = "--max-constraints", paramLabel = "N", defaultValue = "" + ModelCompiler.DEFAULT_MAX_CONSTRAINTS,
      description = "Refuse a model whose estimated circuit exceeds N constraints, before building it; raise it on"
          + " a machine with the memory (Groth16 keys take about 0.4 KB per constraint) (default: ${DEFAULT-VALUE})")
  long maxConstraints;

  @Option(names = "--quiet", description = "Print nothing but errors (and the --stats tables when asked).")
  boolean quiet;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    VisibilityOptions visibility = visibility();
    if (maxConstraints < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--max-constraints must be at least 1");
    }
    PrintWriter o = spec.commandLine().getOut();
    QuantizedModel q;
    if (isQuantized(model)) {
      for (String name : QuantizationOptions.NAMES) {
        if (spec.commandLine().getParseResult().hasMatchedOption(name)) {
          throw new CommandLine.ParameterException(spec.commandLine(), model + " is already quantized: " + name
              + " applies only to a float ONNX model");
        }
      }
      q = QuantizedModel.read(model);
      say(o, "model: " + model + " (quantized to int" + q.settings().options().activationBits() + ", "
          + q.graph().nodes().size() + " integer nodes)");
    } else {
      QuantOptions options = quant.options();
      ModelFile file = ModelFile.readOnnx(model, "compile");
      Calibration cal = quant.calibration(file);
      q = quant.quantize(file, options, cal);
      say(o, "quantized " + model + " to int" + options.activationBits() + ": " + q.graph().nodes().size()
          + " integer nodes (calibration: " + cal.source() + ")");
    }
    CompileStep.Result r;
    try (ProgressBar bar = ProgressBar.forTerminal(quiet)) {
      CircuitSizeEstimate estimate = CircuitSizeEstimate.of(q, visibility);
      say(o, String.format(Locale.ROOT, "estimated %,d constraints (limit %,d); most expensive: %s",
          estimate.constraints(), maxConstraints, estimate.describeMostExpensive(3)));
      o.flush();
      r = CompileStep.run(q, visibility, out, bar, maxConstraints);
    } catch (UnsupportedOperatorException | CircuitTooLargeException e) {
      throw new UnusableInputException(model + ": cannot compile: " + e.getMessage(), e);
    }
    say(o, String.format(Locale.ROOT, "compiled in %,d ms: %,d constraints, %,d wires (%s)", r.compileMillis(),
        r.settings().counts().constraints(), r.settings().counts().wires(), visibility));
    say(o, "public signals: " + r.settings().layout().size() + " (" + r.settings().describeLayout() + ")");
    if (stats || report != null) {
      ConstraintReport costs = CompileReport.of(model, q, visibility, r);
      if (stats) {
        o.println();
        o.print(costs.tables());
        o.println();
      }
      if (report != null) {
        Path parent = report.toAbsolutePath().getParent();
        if (parent != null) {
          Files.createDirectories(parent);
        }
        Files.writeString(report, costs.toHtml(), StandardCharsets.UTF_8);
        say(o, "wrote " + report + " (constraints per layer; open it in a browser)");
      }
    }
    say(o, "wrote " + String.join(", ", ModelDirectory.COMPILED_FILES.stream().map(n -> out.resolve(n).toString())
        .toList()) + " and " + out.resolve(ModelDirectory.MANIFEST));
    say(o, "next: zkinfer setup " + out);
    o.flush();
    return ExitCodes.OK;
  }

  private VisibilityOptions visibility() {
    try {
      return new VisibilityOptions(Visibility.parse(inputVisibility), Visibility.parse(outputVisibility),
          Visibility.parse(weights));
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  private void say(PrintWriter o, String line) {
    if (!quiet) {
      o.println(line);
    }
  }

  /** Whether {@code p} is a directory holding a quantized model (what {@code zkinfer quantize} writes). */
  static boolean isQuantized(Path p) {
    return Files.isDirectory(p) && Files.isRegularFile(p.resolve(QuantizedModel.SETTINGS_FILE));
  }
}
