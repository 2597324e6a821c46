package io.zkinfer.cli;

import io.zkinfer.inference.io.TensorJson;
import io.zkinfer.inference.ir.Tensor;
import io.zkinfer.prover.model.ModelDirectory;
import io.zkinfer.prover.model.ProofDirectory;
import io.zkinfer.prover.model.ProveStep;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code zkinfer prove DIR --input FILE --out PROOFDIR [--witness]}: one proven inference ({@link ProveStep}); writes
 * {@code output.json}, {@code proof.json} and {@code public.json} ({@link ProofDirectory}).
 */
@Command(
    name = "prove",
    mixinStandardHelpOptions = true,
    description = {"Run the model of DIR on an input and prove it.",
        "FILE is the input JSON that 'zkinfer run' reads (keyed by graph input name, nested arrays of floats).",
        "Writes PROOFDIR/output.json (the outputs, as floats and as the circuit's integers, and the model id),",
        "PROOFDIR/proof.json and PROOFDIR/public.json (snarkjs JSON), and with --witness PROOFDIR/witness.wtns."})
final class ModelProveCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "DIR", description = "Model directory (after 'zkinfer setup DIR')")
  Path dir;

  @Option(names = "--input", required = true, paramLabel = "FILE",
      description = "JSON object keyed by graph input name, each value a nested array")
  Path input;

  @Option(names = "--out", required = true, paramLabel = "PROOFDIR", description = "Directory to write (created)")
  Path out;

  @Option(names = "--witness", description = "Also write the witness as PROOFDIR/witness.wtns (circom format).")
  boolean witness;

  @Option(names = "--quiet", description = "Print nothing but errors (and no progress bar).")
  boolean quiet;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    ProveStep step = ProveStep.load(ModelDirectory.at(dir));
    Map<String, Tensor> inputs = TensorJson.read(input, step.model().settings().floatInputs());
    ProveStep.Result r;
    try (ProgressBar bar = ProgressBar.forTerminal(quiet)) {
      r = step.prove(inputs, new SecureRandom(), bar);
    }
    ProofDirectory.write(out, r, witness);
    if (!quiet) {
      PrintWriter o = spec.commandLine().getOut();
      ProveStep.Timings t = r.timings();
      o.println(String.format(Locale.ROOT, "proved in %,d ms (witness %,d ms, check %,d ms, proof %,d ms):"
          + " model %s", t.witnessMillis() + t.checkMillis() + t.proveMillis(), t.witnessMillis(), t.checkMillis(),
          t.proveMillis(), r.output().modelId()));
      RunCommand.printOutputs(o, r.output().outputs());
      r.output().commitments().forEach((what, c) -> o.println("commitment of the " + what + ": " + c));
      o.println("wrote " + out.resolve(ProofDirectory.OUTPUT) + ", " + out.resolve(ProofDirectory.PROOF)
          + (witness ? ", " + out.resolve(ProofDirectory.PUBLIC) + " and " + out.resolve(ProofDirectory.WITNESS)
              : " and " + out.resolve(ProofDirectory.PUBLIC)));
      o.flush();
    }
    return ExitCodes.OK;
  }
}
