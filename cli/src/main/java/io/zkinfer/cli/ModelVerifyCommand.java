package io.zkinfer.cli;

import io.zkinfer.prover.model.ModelDirectory;
import io.zkinfer.prover.model.VerifyStep;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code zkinfer verify DIR PROOFDIR}: exit 0 for a valid proven inference, 1 for an invalid one (with the reason),
 * 2 for unusable input ({@link VerifyStep}).
 */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = {"Verify a proven inference against a model directory: exit 0 valid, 1 invalid, 2 unusable input.",
        "Checks DIR/verification_key.json against DIR/manifest.json, PROOFDIR/output.json against",
        "PROOFDIR/public.json (values or commitments, model id), then the Groth16 proof."})
final class ModelVerifyCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "DIR", description = "Model directory (after 'zkinfer setup DIR')")
  Path dir;

  @Parameters(index = "1", paramLabel = "PROOFDIR", description = "Directory written by 'zkinfer prove'")
  Path proofDir;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    VerifyStep.Result r = VerifyStep.run(ModelDirectory.at(dir), proofDir);
    PrintWriter o = spec.commandLine().getOut();
    o.println((r.valid() ? "VALID: " : "INVALID: ") + r.reason());
    o.flush();
    return r.valid() ? ExitCodes.OK : ExitCodes.INVALID;
  }
}
