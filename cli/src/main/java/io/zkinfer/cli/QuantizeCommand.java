package io.zkinfer.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.zkinfer.inference.io.TensorSamples;
import io.zkinfer.inference.quant.AccuracyReport;
import io.zkinfer.inference.quant.Calibration;
import io.zkinfer.inference.quant.QuantOptions;
import io.zkinfer.inference.quant.QuantizedModel;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
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

  @CommandLine.Mixin QuantizationOptions quant;

  @Option(names = "--test-set", paramLabel = "FILE",
      description = {"Samples to measure accuracy on: {\"samples\": [...], \"labels\": [...]} (labels optional);",
          "default: the calibration samples"})
  Path testSet;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    QuantOptions options = quant.options();
    ModelFile file = ModelFile.readOnnx(model, "quantize");
    Calibration cal = quant.calibration(file);
    QuantizedModel q = quant.quantize(file, options, cal);
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
    o.println("quantized " + model + " to int" + options.activationBits()
        + (options.perChannel() ? ", per-channel weight scales" : "") + ": " + q.graph().nodes().size()
        + " integer nodes");
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

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
