package io.zkinfer.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code zkinfer groth16 setup --r1cs C.r1cs [--ptau P.ptau] --out DIR}. */
@Command(
    name = "setup",
    mixinStandardHelpOptions = true,
    description = "Create DIR/proving.key and DIR/verification_key.json for a circuit.")
final class SetupCommand implements Callable<Integer> {
  @Option(names = "--r1cs", required = true, paramLabel = "C.r1cs", description = "circom R1CS file")
  Path r1cs;

  @Option(
      names = "--ptau",
      paramLabel = "P.ptau",
      description = "snarkjs powers of tau prepared for phase 2; without it the toxic waste is drawn from SecureRandom")
  Path ptau;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "output directory")
  Path out;

  @Override
  public Integer call() {
    throw new UnsupportedOperationException("groth16 setup is not implemented yet");
  }
}
