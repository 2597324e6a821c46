package io.zkinfer.cli;

import io.zkinfer.api.ZkinferClient;
import io.zkinfer.api.v1.InferRequest;
import io.zkinfer.api.v1.InferResponse;
import io.zkinfer.api.v1.ModelRef;
import io.zkinfer.api.v1.ProofJobState;
import io.zkinfer.api.v1.Tensor;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code zkinfer infer MODEL[@VERSION] --input FILE.json [--prove] [--out DIR]}: one inference on a node. Prints the
 * outputs (with the argmax), the charge and the digests; with {@code --prove} it waits for the proof, whose charge
 * settles only once the node verified it, and {@code --out} writes {@code output.json}, {@code proof.json} and
 * {@code public.json} (snarkjs's layout, so {@code snarkjs groth16 verify} and {@code zkinfer verify --model} take
 * them).
 */
@Command(
    name = "infer",
    mixinStandardHelpOptions = true,
    description = "Run one inference on a zkinfer node, proven or not.")
final class InferCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "MODEL[@VERSION]", description = "The model id (and version; default: active)")
  String model;

  @Option(names = "--input", required = true, paramLabel = "FILE.json",
      description = "One JSON object of input name -> nested array of numbers")
  Path input;

  @Option(names = "--prove", description = "Prove the inference and wait for the verified proof")
  boolean prove;

  @Option(names = "--out", paramLabel = "DIR", description = "Write output.json (and proof.json, public.json)")
  Path out;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "600",
      description = "Longest wait for the answer (default: ${DEFAULT-VALUE})")
  long timeoutSeconds;

  @CommandLine.Mixin NodeOptions node;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter o = spec.commandLine().getOut();
    InferRequest request = InferRequest.newBuilder().setModel(ref(model)).addAllInputs(TensorFiles.readInputs(input))
        .setProve(prove).setAwaitProof(prove).setIdempotencyKey(UUID.randomUUID().toString()).build();
    try (ZkinferClient client = node.connect()) {
      InferResponse r = client.inference().withDeadlineAfter(timeoutSeconds, TimeUnit.SECONDS).infer(request);
      print(o, r);
      if (out != null) {
        Files.createDirectories(out);
        TensorFiles.write(out.resolve("output.json"), TensorFiles.toJson(r.getOutputsList()));
        if (r.hasProof()) {
          TensorFiles.write(out.resolve("proof.json"), TensorFiles.proofJson(r.getProof()));
          TensorFiles.write(out.resolve("public.json"), TensorFiles.publicJson(r.getPublicSignals()));
        }
        o.println("wrote " + out.resolve(r.hasProof() ? "{output,proof,public}.json" : "output.json"));
      }
      o.flush();
      if (prove && r.getProofState() != ProofJobState.PROOF_JOB_STATE_SUCCEEDED) {
        spec.commandLine().getErr().println("zkinfer: the proof job " + r.getProofJobId() + " is "
            + r.getProofState() + " (nothing is charged unless it succeeds)");
        return ExitCodes.INVALID;
      }
      return ExitCodes.OK;
    }
  }

  static void print(PrintWriter o, InferResponse r) {
    o.println("model " + r.getModel().getModelId() + " version " + r.getModel().getVersion() + " ("
        + r.getExecutionPath().name().replace("EXECUTION_PATH_", "").toLowerCase(Locale.ROOT) + ")");
    for (Tensor t : r.getOutputsList()) {
      StringBuilder v = new StringBuilder();
      int best = 0;
      for (int i = 0; i < t.getFloatValuesCount(); i++) {
        v.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.4f", t.getFloatValues(i)));
        best = t.getFloatValues(i) > t.getFloatValues(best) ? i : best;
      }
      o.println("output '" + t.getName() + "' " + t.getShapeList() + ": [" + v + "]"
          + (t.getFloatValuesCount() > 1 ? "  argmax " + best : ""));
    }
    o.println(String.format(Locale.ROOT, "charge %s ZKC%s; input sha256 %s", zkc(r.getCharge().getMinorUnits()),
        r.getProofState() == ProofJobState.PROOF_JOB_STATE_SUCCEEDED ? " (settled after the proof verified)"
            : r.hasProof() || r.getProofJobId().isEmpty() ? "" : " (held until the proof verifies)",
        r.getDigests().getInputSha256()));
    if (!r.getProofJobId().isEmpty()) {
      o.println("proof job " + r.getProofJobId() + ": " + r.getProofState().name().replace("PROOF_JOB_STATE_", "")
          .toLowerCase(Locale.ROOT) + (r.hasProof() ? ", " + r.getPublicSignals().getValuesCount()
          + " public signals" : ""));
    }
  }

  static String zkc(long minor) {
    return String.format(Locale.ROOT, "%d.%06d", minor / 1_000_000, Math.abs(minor % 1_000_000));
  }

  static ModelRef ref(String text) {
    int at = text.lastIndexOf('@');
    ModelRef.Builder r = ModelRef.newBuilder().setModelId(at < 0 ? text : text.substring(0, at));
    if (at >= 0) {
      try {
        r.setVersion(Long.parseLong(text.substring(at + 1)));
      } catch (NumberFormatException e) {
        throw new UnusableInputException("'" + text + "' is not MODEL or MODEL@VERSION");
      }
    }
    return r.build();
  }
}
