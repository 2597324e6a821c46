package io.zkinfer.cli;

import io.zkinfer.circuits.format.WtnsFile;
import io.zkinfer.inference.io.TensorJson;
import io.zkinfer.prover.model.CompiledModel;
import io.zkinfer.prover.model.MockStep;
import io.zkinfer.prover.model.ModelDirectory;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code zkinfer mock DIR --input FILE [--integer]} or {@code zkinfer mock DIR --wtns W.wtns}: checks that the
 * witness of an inference, or a given witness, satisfies the model directory's circuit, without keys
 * ({@link MockStep}); exit 0 satisfied, 1 not (naming the constraint and its layer).
 */
@Command(
    name = "mock",
    mixinStandardHelpOptions = true,
    description = {"Check that an inference satisfies the circuit of DIR, without keys or a proof:",
        "exit 0 satisfied, 1 not satisfied (the failing constraint and its layer are printed), 2 unusable input.",
        "With --wtns, check a given witness (e.g. 'zkinfer prove --witness' wrote it) instead."})
final class ModelMockCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "DIR", description = "Model directory written by 'zkinfer compile'")
  Path dir;

  @Option(names = "--input", paramLabel = "FILE",
      description = "JSON object keyed by graph input name, each value a nested array")
  Path input;

  @Option(names = "--integer",
      description = "FILE holds the quantized integers themselves rather than floats")
  boolean integer;

  @Option(names = "--wtns", paramLabel = "W.wtns", description = "Check this witness (circom .wtns) instead")
  Path wtns;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    if ((input == null) == (wtns == null)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "give either --input FILE or --wtns W.wtns");
    }
    if (integer && input == null) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--integer applies to --input FILE");
    }
    CompiledModel model = CompiledModel.load(ModelDirectory.at(dir));
    MockStep.Result r;
    if (wtns != null) {
      r = MockStep.checkWitness(model, WtnsFile.read(wtns));
    } else if (integer) {
      r = MockStep.runIntegers(model, TensorJson.read(input, model.settings().integerInputs()));
    } else {
      r = MockStep.run(model, TensorJson.read(input, model.settings().floatInputs()));
    }
    PrintWriter o = spec.commandLine().getOut();
    String timing = String.format(Locale.ROOT, " (witness %,d ms, check %,d ms)", r.witnessMillis(),
        r.checkMillis());
    if (r.check().isSatisfied()) {
      o.println(r.check().message() + timing);
      if (r.integerOutputs() != null) {
        RunCommand.printOutputs(o, r.integerOutputs());
      }
      o.flush();
      return ExitCodes.OK;
    }
    o.println("NOT SATISFIED: " + r.check().message() + timing);
    o.flush();
    return ExitCodes.INVALID;
  }
}
