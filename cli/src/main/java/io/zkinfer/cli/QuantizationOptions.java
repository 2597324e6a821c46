package io.zkinfer.cli;

import io.zkinfer.inference.quant.Calibration;
import io.zkinfer.inference.quant.QuantOptions;
import io.zkinfer.inference.quant.QuantizedModel;
import io.zkinfer.inference.quant.Quantizer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The quantization options {@code zkinfer quantize} and {@code zkinfer compile} share: where calibration comes from
 * ({@code --calibration DATA}, or a deterministic Halton grid of {@code --grid-samples} points over each input's
 * {@code --range}) and the {@link QuantOptions} ({@code --bits}, {@code --input-scale}, {@code --param-scale},
 * {@code --per-channel}).
 */
final class QuantizationOptions {
  /** The option names, for refusing them where they do not apply. */
  static final List<String> NAMES = List.of("--calibration", "--range", "--grid-samples", "--bits", "--input-scale",
      "--param-scale", "--per-channel");

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

  @Spec(Spec.Target.MIXEE) CommandSpec spec;

  /** The quantization options; a bad combination is a parameter error naming it. */
  QuantOptions options() {
    if (bits != 8 && bits != 16) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--bits must be 8 or 16, got " + bits);
    }
    try {
      return QuantOptions.DEFAULT.withBits(bits).withInputScaleBits(inputScale).withParamScaleBits(paramScale)
          .withPerChannel(perChannel);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  /** Quantizes {@code file} with {@link #options()} calibrated on {@code cal}; a refusal names the model. */
  QuantizedModel quantize(ModelFile file, QuantOptions options, Calibration cal) {
    try {
      return Quantizer.quantize(file.graph(), cal, options, QuantizeCommand.sha256(file.bytes()));
    } catch (IllegalArgumentException | ArithmeticException e) {
      boolean dynamic = file.graph().inputs().stream().anyMatch(i -> i.shape().dims().stream().skip(1)
          .anyMatch(d -> !d.isStatic()));
      String hint = calibration == null && dynamic ? " (the calibration grid sets dynamic input dimensions to 1;"
          + " give --calibration DATA with samples of the shape the model is used at)" : "";
      throw new UnusableInputException(file.path() + ": cannot quantize: " + e.getMessage() + hint, e);
    }
  }

  /** The calibration samples: from {@code --calibration DATA}, or the Halton grid over the {@code --range}s. */
  Calibration calibration(ModelFile file) {
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
}
