package io.zkinfer.cli;

import io.zkinfer.circuits.format.R1csFile;
import io.zkinfer.circuits.r1cs.R1cs;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code zkinfer groth16 info --r1cs C.r1cs}: the counts of a circom R1CS file. */
@Command(
    name = "info",
    mixinStandardHelpOptions = true,
    description = "Print the constraint, wire, public and private counts of a .r1cs file.")
final class InfoCommand implements Callable<Integer> {
  @Option(names = "--r1cs", required = true, paramLabel = "C.r1cs", description = "circom R1CS file")
  Path r1cs;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    R1cs c = R1csFile.read(r1cs);
    int privateWires = c.numWires() - 1 - c.numPublic();
    PrintWriter out = spec.commandLine().getOut();
    out.println("circuit:        " + r1cs);
    out.println("constraints:    " + c.numConstraints());
    out.println("wires:          " + c.numWires() + " (wire 0 is the constant 1)");
    out.println("public:         " + c.numPublic() + " (outputs: " + c.numPublicOutputs()
        + ", public inputs: " + c.numPublicInputs() + ")");
    out.println("private:        " + privateWires + " (private inputs: " + c.numPrivateInputs()
        + ", internal wires: " + (privateWires - c.numPrivateInputs()) + ")");
    out.println("labels:         " + c.numLabels());
    out.flush();
    return ExitCodes.OK;
  }
}
