package io.zkinfer.cli;

import io.zkinfer.api.ZkinferClient;
import io.zkinfer.api.v1.VerifyRequest;
import io.zkinfer.api.v1.VerifyResponse;
import io.zkinfer.prover.model.ModelDirectory;
import io.zkinfer.prover.model.VerifyStep;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code zkinfer verify DIR PROOFDIR}: exit 0 for a valid proven inference, 1 for an invalid one (with the reason),
 * 2 for unusable input ({@link VerifyStep}). {@code zkinfer verify --model MODEL[@VERSION] PROOFDIR} asks a node
 * instead, against the verifying key it registered for that version.
 */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = {"Verify a proven inference: exit 0 valid, 1 invalid, 2 unusable input.",
        "DIR PROOFDIR: checks DIR/verification_key.json against DIR/manifest.json, PROOFDIR/output.json against",
        "PROOFDIR/public.json (values or commitments, model id), then the Groth16 proof.",
        "--model MODEL[@VERSION] PROOFDIR: a node checks PROOFDIR/proof.json and public.json against the",
        "verifying key registered for that model version ('zkinfer infer --prove --out' writes them)."})
final class ModelVerifyCommand implements Callable<Integer> {
  @Parameters(arity = "1..2", paramLabel = "[DIR] PROOFDIR",
      description = "Model directory (after 'zkinfer setup DIR') and proof directory; only PROOFDIR with --model")
  List<Path> dirs;

  @Option(names = "--model", paramLabel = "MODEL[@VERSION]",
      description = "Verify on a node against this registered model version (default version: the active one)")
  String model;

  @CommandLine.Mixin NodeOptions node;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    PrintWriter o = spec.commandLine().getOut();
    if (model != null) {
      if (dirs.size() != 1) {
        throw new CommandLine.ParameterException(spec.commandLine(), "with --model give only PROOFDIR");
      }
      return remote(o, dirs.get(0));
    }
    if (dirs.size() != 2) {
      throw new CommandLine.ParameterException(spec.commandLine(), "give DIR and PROOFDIR (or --model and PROOFDIR)");
    }
    VerifyStep.Result r = VerifyStep.run(ModelDirectory.at(dirs.get(0)), dirs.get(1));
    o.println((r.valid() ? "VALID: " : "INVALID: ") + r.reason());
    o.flush();
    return r.valid() ? ExitCodes.OK : ExitCodes.INVALID;
  }

  private int remote(PrintWriter o, Path proofDir) throws IOException {
    VerifyRequest request = VerifyRequest.newBuilder().setModel(InferCommand.ref(model))
        .setProof(TensorFiles.readProof(proofDir.resolve("proof.json")))
        .setPublicSignals(TensorFiles.readPublic(proofDir.resolve("public.json"))).build();
    try (ZkinferClient client = node.connect()) {
      VerifyResponse r = client.verification().verify(request);
      o.println((r.getValid() ? "VALID: " : "INVALID: ") + r.getDetail() + " (model " + r.getModel().getModelId()
          + " version " + r.getModel().getVersion() + ", verifying key sha256 " + r.getVerifyingKeySha256() + ")");
      o.flush();
      return r.getValid() ? ExitCodes.OK : ExitCodes.INVALID;
    }
  }
}
