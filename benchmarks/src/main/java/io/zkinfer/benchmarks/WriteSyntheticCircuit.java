package io.zkinfer.benchmarks;

import io.zkinfer.algebra.field.Fr;
import io.zkinfer.circuits.format.R1csFile;
import io.zkinfer.circuits.format.WtnsFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Writes the {@link SyntheticCircuit} chain of 2^POWER constraints as {@code chain.r1cs} and {@code chain.wtns} into
 * DIR, for the command-line measurements of {@code benchmarks/memory/prove-memory.sh}:
 * {@code java -cp benchmarks.jar io.zkinfer.benchmarks.WriteSyntheticCircuit POWER DIR}.
 */
public final class WriteSyntheticCircuit {
  private WriteSyntheticCircuit() {
  }

  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: WriteSyntheticCircuit POWER DIR");
      System.exit(2);
    }
    int power = Integer.parseInt(args[0]);
    if (power < 1 || power > 26) {
      System.err.println("POWER must be between 1 and 26, got " + power);
      System.exit(2);
    }
    Path dir = Files.createDirectories(Path.of(args[1]));
    Random rnd = new Random(power); // benchmark data, not secrets
    SyntheticCircuit c = SyntheticCircuit.chain(1 << power, Fr.random(rnd), Fr.random(rnd));
    R1csFile.write(c.r1cs(), dir.resolve("chain.r1cs"));
    WtnsFile.write(c.witness(), dir.resolve("chain.wtns"));
    System.out.println("wrote " + dir.resolve("chain.r1cs") + " and chain.wtns: " + c.r1cs().numConstraints()
        + " constraints");
  }
}
