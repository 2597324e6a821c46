package io.zkinfer.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.zkinfer.inference.io.TensorSamples;
import io.zkinfer.inference.quant.AccuracyReport;
import io.zkinfer.inference.quant.Calibration;
import io.zkinfer.inference.quant.QuantOptions;
import io.zkinfer.inference.quant.QuantizedModel;
import io.zkinfer.inference.quant.Quantizer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code zkinfer quantize MODEL [--calibration DATA] --out DIR}: calibrates power-of-two scales, writes the
 * integer model and its settings ({@link QuantizedModel#write}), and prints the {@link AccuracyReport} of the
 * integer model against ONNX Runtime.
 */
@Command(
    name = "quantize",
    mixinStandardHelpOptions = true,
    description = {"Quantize an ONNX model to int8 or int16 and print its accuracy against float.",
        "Writes DIR/model.quant.onnx (the integer model), DIR/settings.json (every scale and choice) and",
        "DIR/accuracy.json. Calibration comes from --calibration DATA, or else from a deterministic grid over",
        "each input's --range (default [-1, 1])."})
final class QuantizeCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "MODEL", description = "ONNX model file")
  Path model;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory to write (created)")
  Path out;

  @Option(names = "--calibration", paramLabel = "DATA",
      description = "Calibration samples: one input JSON object, or {\"samples\": [...]}")
  Path calibration;

  @Option(names = "--range", paramLabel = "INPUT=LO,HI",
      description = "Without --calibration: the value range of an input (repeatable; default -1,1)")
  Map<String, String> ranges = new LinkedHashMap<>();

  @Option(names = "--grid-samples", paramLabel = "N", defaultValue = "32",
      description = "Without --calibration: how many grid samples to calibrate on (default: ${DEFAULT-VALUE})")
  int gridSamples;

  @Option(names = "--bits", paramLabel = "8|16", defaultValue = "8",
      description = "Width of activations and weights (default: ${DEFAULT-VALUE})")
  int bits;

  @Option(names = "--input-scale", paramLabel = "N",
      description = "Scale bits of the inputs (a value q stands for q * 2^-N); default: calibrated")
  Integer inputScale;

  @Option(names = "--param-scale", paramLabel = "N",
      description = "Scale bits of every weight; default: from each weight's largest magnitude")
  Integer paramScale;

  @Option(names = "--per-channel", description = "One weight scale per output channel")
  boolean perChannel;

  @Option(names = "--test-set", paramLabel = "FILE",
      description = {"Samples to measure accuracy on: {\"samples\": [...], \"labels\": [...]} (labels optional);",
          "default: the calibration samples"})
  Path testSet;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    if (bits != 8 && bits != 16) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--bits must be 8 or 16, got " + bits);
    }
    ModelFile file = ModelFile.readOnnx(model, "quantize");
    QuantOptions options;
    try {
      options = QuantOptions.DEFAULT.withBits(bits).withInputScaleBits(inputScale).withParamScaleBits(paramScale)
          .withPerChannel(perChannel);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    Calibration cal = calibration(file);
    QuantizedModel q;
    try {
      q = Quantizer.quantize(file.graph(), cal, options, sha256(file.bytes()));
    } catch (IllegalArgumentException | ArithmeticException e) {
      boolean dynamic = file.graph().inputs().stream().anyMatch(i -> i.shape().dims().stream().skip(1)
          .anyMatch(d -> !d.isStatic()));
      String hint = calibration == null && dynamic ? " (the calibration grid sets dynamic input dimensions to 1;"
          + " give --calibration DATA with samples of the shape the model is used at)" : "";
      throw new UnusableInputException(model + ": cannot quantize: " + e.getMessage() + hint, e);
    }
    q.write(out);
    List<Map<String, io.zkinfer.inference.ir.Tensor>> samples = cal.samples();
    int[] labels = null;
    String measuredOn = "the calibration samples (" + cal.source() + ")";
    if (testSet != null) {
      TensorSamples t = TensorSamples.read(testSet, file.graph().inputs());
      samples = t.samples();
      labels = t.labels();
      measuredOn = testSet + " (" + samples.size() + " samples" + (labels == null ? "" : ", labelled") + ")";
    }
    AccuracyReport report = AccuracyReport.measure(model, q, samples, labels);
    Files.writeString(out.resolve("accuracy.json"),
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report) + "\n");
    PrintWriter o = spec.commandLine().getOut();
    o.println("quantized " + model + " to int" + bits + (perChannel ? ", per-channel weight scales" : "")
        + ": " + q.graph().nodes().size() + " integer nodes");
    o.println("calibration: " + cal.source());
    q.graph().inputs().forEach(in -> q.settings().tensor(in.name()).ifPresent(t -> o.println("input '"
        + in.name() + "': scale 2^-" + t.scaleBits() + " (an integer q stands for q * 2^-" + t.scaleBits() + ")")));
    o.println("wrote " + out.resolve(QuantizedModel.MODEL_FILE) + ", " + out.resolve(QuantizedModel.SETTINGS_FILE)
        + " and " + out.resolve("accuracy.json"));
    o.println("measured on " + measuredOn);
    o.print(report.toText());
    o.flush();
    return ExitCodes.OK;
  }

  private Calibration calibration(ModelFile file) {
    if (calibration != null) {
      if (!ranges.isEmpty()) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--range applies only without --calibration");
      }
      return Calibration.fromJson(calibration, file.graph());
    }
    if (gridSamples < 1 || gridSamples > 10_000) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--grid-samples must be in [1, 10000], got "
          + gridSamples);
    }
    Map<String, float[]> parsed = new LinkedHashMap<>();
    for (var r : ranges.entrySet()) {
      if (file.graph().inputs().stream().noneMatch(i -> i.name().equals(r.getKey()))) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--range " + r.getKey() + ": the model has no "
            + "input '" + r.getKey() + "'; its inputs are " + file.graph().inputs().stream().map(i -> i.name())
            .toList());
      }
      String[] parts = r.getValue().split(",");
      try {
        if (parts.length != 2) {
          throw new NumberFormatException();
        }
        float lo = Float.parseFloat(parts[0].strip());
        float hi = Float.parseFloat(parts[1].strip());
        if (!(lo <= hi) || !Float.isFinite(lo) || !Float.isFinite(hi)) {
          throw new NumberFormatException();
        }
        parsed.put(r.getKey(), new float[] {lo, hi});
      } catch (NumberFormatException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--range " + r.getKey() + "=" + r.getValue()
            + ": expected LO,HI with finite LO <= HI, e.g. --range " + r.getKey() + "=0,1");
      }
    }
    return Calibration.fromRanges(file.graph(), parsed, gridSamples);
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
