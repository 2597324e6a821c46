package io.zkinfer.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
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

  @Override
  public Integer call() {
    throw new UnsupportedOperationException("groth16 info is not implemented yet");
  }
}
