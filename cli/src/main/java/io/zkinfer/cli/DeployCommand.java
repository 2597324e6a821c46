package io.zkinfer.cli;

import io.zkinfer.api.ModelUploads;
import io.zkinfer.api.ZkinferClient;
import io.zkinfer.api.v1.AccessMode;
import io.zkinfer.api.v1.AccessPolicy;
import io.zkinfer.api.v1.DeployHeader;
import io.zkinfer.api.v1.DeployResponse;
import io.zkinfer.api.v1.GetModelRequest;
import io.zkinfer.api.v1.InputVisibility;
import io.zkinfer.api.v1.Model;
import io.zkinfer.api.v1.ModelVersion;
import io.zkinfer.api.v1.Money;
import io.zkinfer.api.v1.OutputVisibility;
import io.zkinfer.api.v1.Pricing;
import io.zkinfer.api.v1.TensorVisibility;
import io.zkinfer.api.v1.VersionStatus;
import io.zkinfer.api.v1.WeightVisibility;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code zkinfer deploy MODEL.onnx --name NAME}: uploads a model to a node, which validates, quantizes, compiles it
 * and sets up its keys; waits for that build and prints the model id clients call it by. Exit 0 once the version is
 * ready, 1 when its build failed (the node's reason is printed), 2 when the node refused the upload.
 */
@Command(
    name = "deploy",
    mixinStandardHelpOptions = true,
    description = {"Deploy an ONNX model to a zkinfer node and wait until it is ready to serve and prove.",
        "Prices are in minor units of the node's coin (1 ZKC = 1,000,000)."})
final class DeployCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "MODEL", description = "The float ONNX model file")
  Path model;

  @Option(names = "--name", required = true, paramLabel = "NAME", description = "The model's name (yours only)")
  String name;

  @Option(names = "--description", paramLabel = "TEXT", defaultValue = "", description = "Free text")
  String description;

  @Option(names = "--price", paramLabel = "MINOR", defaultValue = "1000",
      description = "Price of one call in minor units (default: ${DEFAULT-VALUE}, 0.001 ZKC)")
  long price;

  @Option(names = "--developer-share-bps", paramLabel = "BPS",
      description = "Your share of each call in basis points, 0 to 10000 (default: the node's 7000, a 70/30 split)")
  Integer developerShareBps;

  @Option(names = "--access", paramLabel = "public|private", defaultValue = "public",
      description = "Who may call it: every account, or you alone (default: ${DEFAULT-VALUE})")
  String access;

  @Option(names = "--calibration", paramLabel = "DATA",
      description = "Calibration samples: one input JSON object, or {\"samples\": [...]} (default: a grid over"
          + " [-1, 1])")
  Path calibration;

  @Option(names = "--input-visibility", paramLabel = "V", defaultValue = "public",
      description = "public, private or hashed (default: ${DEFAULT-VALUE})")
  String inputVisibility;

  @Option(names = "--output-visibility", paramLabel = "V", defaultValue = "public",
      description = "public or hashed (default: ${DEFAULT-VALUE})")
  String outputVisibility;

  @Option(names = "--weights", paramLabel = "fixed|hashed", defaultValue = "fixed",
      description = "fixed or hashed (default: ${DEFAULT-VALUE})")
  String weights;

  @Option(names = "--bits", paramLabel = "8|16", defaultValue = "8", description = "Quantization width")
  int bits;

  @Option(names = "--no-wait", description = "Return once the upload is accepted, without waiting for the build")
  boolean noWait;

  @CommandLine.Mixin NodeOptions node;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Pricing.Builder pricing = Pricing.newBuilder()
        .setBasePrice(Money.newBuilder().setMinorUnits(price).setCurrency("ZKC"))
        .setProvenBasePrice(Money.newBuilder().setMinorUnits(price).setCurrency("ZKC"));
    if (developerShareBps != null) {
      pricing.setDeveloperShareBps(developerShareBps);
    }
    DeployHeader.Builder header = DeployHeader.newBuilder().setName(name).setDescription(description)
        .setQuantizationBits(bits).setVisibility(visibility()).setSizeBytes(Files.size(model))
        .setIdempotencyKey(UUID.randomUUID().toString())
        .setPricing(pricing)
        .setAccess(AccessPolicy.newBuilder().setMode(switch (access.toLowerCase(Locale.ROOT)) {
          case "public" -> AccessMode.ACCESS_MODE_PUBLIC;
          case "private" -> AccessMode.ACCESS_MODE_PRIVATE;
          default -> throw new CommandLine.ParameterException(spec.commandLine(), "--access is public or private");
        }));
    if (calibration != null) {
      header.addAllCalibration(TensorFiles.readSamples(calibration));
    }
    try (ZkinferClient client = node.connect(); InputStream in = Files.newInputStream(model)) {
      DeployResponse d = ModelUploads.deploy(client.modelsAsync(), header.build(), in, Duration.ofMinutes(5));
      String id = d.getModel().getModelId();
      out.println("deployed " + model.getFileName() + " as model " + id + " version " + d.getVersion().getRef()
          .getVersion() + " (" + status(d.getVersion()) + ")");
      out.flush();
      return noWait ? ExitCodes.OK : awaitBuild(client, id, d.getVersion().getRef().getVersion(), out);
    }
  }

  /** Polls the version until its build ends, printing each new status. */
  static int awaitBuild(ZkinferClient client, String modelId, long version, PrintWriter out)
      throws InterruptedException {
    String last = "";
    while (true) {
      Model m = client.models().getModel(GetModelRequest.newBuilder().setModelId(modelId).setIncludeVersions(true)
          .build());
      ModelVersion v = m.getVersionsList().stream().filter(x -> x.getRef().getVersion() == version).findFirst()
          .orElseThrow(() -> new IllegalStateException("the node lost version " + version + " of " + modelId));
      String now = status(v);
      if (!now.equals(last)) {
        out.println("  " + now);
        out.flush();
        last = now;
      }
      if (v.getStatus() == VersionStatus.VERSION_STATUS_READY) {
        out.printf(Locale.ROOT, "ready: %,d constraints, %,d public signals; verifying key sha256 %s%n",
            v.getCircuit().getConstraints(), v.getCircuit().getPublicSignals(), v.getVerifyingKeySha256());
        out.println("call it: zkinfer infer " + modelId + " --input INPUT.json [--prove]");
        return ExitCodes.OK;
      }
      if (v.getStatus() == VersionStatus.VERSION_STATUS_FAILED) {
        return ExitCodes.INVALID;
      }
      Thread.sleep(250);
    }
  }

  private static String status(ModelVersion v) {
    String s = v.getStatus().name().replace("VERSION_STATUS_", "").toLowerCase(Locale.ROOT).replace('_', ' ');
    return v.getStatusMessage().isEmpty() ? s : s + ": " + v.getStatusMessage();
  }

  private TensorVisibility visibility() {
    InputVisibility in = switch (inputVisibility.toLowerCase(Locale.ROOT)) {
      case "public" -> InputVisibility.INPUT_VISIBILITY_PUBLIC;
      case "private" -> InputVisibility.INPUT_VISIBILITY_PRIVATE;
      case "hashed" -> InputVisibility.INPUT_VISIBILITY_HASHED;
      default -> throw new CommandLine.ParameterException(spec.commandLine(),
          "--input-visibility is public, private or hashed");
    };
    OutputVisibility o = switch (outputVisibility.toLowerCase(Locale.ROOT)) {
      case "public" -> OutputVisibility.OUTPUT_VISIBILITY_PUBLIC;
      case "hashed" -> OutputVisibility.OUTPUT_VISIBILITY_HASHED;
      default -> throw new CommandLine.ParameterException(spec.commandLine(), "--output-visibility is public or hashed");
    };
    WeightVisibility w = switch (weights.toLowerCase(Locale.ROOT)) {
      case "fixed" -> WeightVisibility.WEIGHT_VISIBILITY_FIXED;
      case "hashed" -> WeightVisibility.WEIGHT_VISIBILITY_HASHED;
      default -> throw new CommandLine.ParameterException(spec.commandLine(), "--weights is fixed or hashed");
    };
    return TensorVisibility.newBuilder().setInput(in).setOutput(o).setWeights(w).build();
  }
}
