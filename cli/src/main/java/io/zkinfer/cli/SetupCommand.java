package io.zkinfer.cli;

import io.zkinfer.circuits.format.R1csFile;
import io.zkinfer.circuits.r1cs.R1cs;
import io.zkinfer.prover.Groth16Setup;
import io.zkinfer.prover.ProvingKey;
import io.zkinfer.prover.ProvingKeyFile;
import io.zkinfer.prover.PtauFile;
import io.zkinfer.prover.ZkeyFile;
import io.zkinfer.verifier.SnarkjsFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code zkinfer groth16 setup --r1cs C.r1cs [--ptau P.ptau] --out DIR [--zkey FILE]}: with {@code --zkey}
 * the same proving key is also written as a snarkjs {@code .zkey} (see {@link ZkeyFile#write}), so
 * {@code snarkjs groth16 prove} can use a key zkinfer set up; {@code DIR/verification_key.json} verifies
 * proofs made with either file.
 */
@Command(
    name = "setup",
    mixinStandardHelpOptions = true,
    description = "Create DIR/proving.key and DIR/verification_key.json for a circuit"
        + " (and, with --zkey, the same key as a snarkjs .zkey).")
final class SetupCommand implements Callable<Integer> {
  static final String PROVING_KEY = "proving.key";
  static final String VERIFICATION_KEY = "verification_key.json";

  @Option(names = "--r1cs", required = true, paramLabel = "C.r1cs", description = "circom R1CS file")
  Path r1cs;

  @Option(
      names = "--ptau",
      paramLabel = "P.ptau",
      description = "snarkjs powers of tau prepared for phase 2; without it the toxic waste is drawn from SecureRandom and discarded")
  Path ptau;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "output directory (created if missing)")
  Path out;

  @Option(
      names = "--zkey",
      paramLabel = "FILE",
      description = "also write the same proving key as a snarkjs .zkey (for snarkjs groth16 prove;"
          + " it carries no phase-2 contributions, so snarkjs zkey verify does not apply)")
  Path zkey;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    R1cs circuit = R1csFile.read(r1cs);
    long t0 = System.nanoTime();
    ProvingKey pk =
        ptau == null
            ? Groth16Setup.generate(circuit, new SecureRandom())
            : Groth16Setup.generate(circuit, PtauFile.read(ptau), new SecureRandom());
    long ms = (System.nanoTime() - t0) / 1_000_000;
    Files.createDirectories(out);
    ProvingKeyFile.write(pk, out.resolve(PROVING_KEY));
    SnarkjsFiles.writeVerifyingKey(out.resolve(VERIFICATION_KEY), pk.verifyingKey());
    if (zkey != null) {
      Path parent = zkey.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      ZkeyFile.write(pk, zkey);
    }
    PrintWriter o = spec.commandLine().getOut();
    o.println("setup: " + circuit.numConstraints() + " constraints, domain " + pk.domainSize()
        + (ptau == null ? ", toxic waste from SecureRandom (discarded), "
            : ", powers of tau from " + ptau + " with a fresh delta from SecureRandom, ") + ms + " ms");
    o.println("wrote " + out.resolve(PROVING_KEY));
    o.println("wrote " + out.resolve(VERIFICATION_KEY));
    if (zkey != null) {
      o.println("wrote " + zkey + " (snarkjs .zkey, same key)");
    }
    o.flush();
    return ExitCodes.OK;
  }
}
