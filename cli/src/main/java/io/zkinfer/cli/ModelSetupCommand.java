package io.zkinfer.cli;

import io.zkinfer.prover.model.ModelDirectory;
import io.zkinfer.prover.model.SetupStep;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code zkinfer setup DIR [--ptau P.ptau]}: the Groth16 keys of a compiled model directory ({@link SetupStep}). */
@Command(
    name = "setup",
    mixinStandardHelpOptions = true,
    description = {"Create the Groth16 keys of a model directory that 'zkinfer compile' wrote:",
        "DIR/proving.key and DIR/verification_key.json (snarkjs JSON); records their SHA-256 and the model id in",
        "DIR/manifest.json."})
final class ModelSetupCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "DIR", description = "Model directory written by 'zkinfer compile'")
  Path dir;

  @Option(names = "--ptau", paramLabel = "P.ptau",
      description = "snarkjs powers of tau prepared for phase 2; without it the toxic waste is drawn from"
          + " SecureRandom and discarded")
  Path ptau;

  @Option(names = "--quiet", description = "Print nothing but errors (and no progress bar).")
  boolean quiet;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    SetupStep.Result r;
    try (ProgressBar bar = ProgressBar.forTerminal(quiet)) {
      r = SetupStep.run(ModelDirectory.at(dir), ptau, new SecureRandom(), bar);
    }
    if (!quiet) {
      PrintWriter o = spec.commandLine().getOut();
      o.println(String.format(Locale.ROOT, "setup in %,d ms: %,d constraints, domain 2^%d, %s", r.setupMillis(),
          r.constraints(), r.key().power(), ptau == null ? "toxic waste from SecureRandom (discarded)"
              : "powers of tau from " + ptau + " with a fresh delta from SecureRandom"));
      o.println("wrote " + dir.resolve(ModelDirectory.PROVING_KEY) + " and "
          + dir.resolve(ModelDirectory.VERIFICATION_KEY));
      o.println("model id: " + r.manifest().modelId());
      o.flush();
    }
    return ExitCodes.OK;
  }
}
