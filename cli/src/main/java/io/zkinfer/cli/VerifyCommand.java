package io.zkinfer.cli;

import io.zkinfer.verifier.Groth16Verifier;
import io.zkinfer.verifier.InvalidPublicInputException;
import io.zkinfer.verifier.Proof;
import io.zkinfer.verifier.SnarkjsFiles;
import io.zkinfer.verifier.VerifyingKey;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code zkinfer groth16 verify --vk verification_key.json --proof proof.json --public public.json}:
 * exit 0 valid, 1 invalid, 2 unusable input.
 */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = "Verify a Groth16 proof: exit 0 valid, 1 invalid, 2 unusable input.")
final class VerifyCommand implements Callable<Integer> {
  @Option(names = "--vk", required = true, paramLabel = "verification_key.json", description = "snarkjs verifying key")
  Path vk;

  @Option(names = "--proof", required = true, paramLabel = "proof.json", description = "snarkjs proof")
  Path proof;

  @Option(names = "--public", required = true, paramLabel = "public.json", description = "public signals (array of decimal strings)")
  Path publicSignals;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    VerifyingKey key = SnarkjsFiles.readVerifyingKey(vk);
    Proof p = SnarkjsFiles.readProof(proof);
    List<BigInteger> inputs = SnarkjsFiles.readPublicSignals(publicSignals);
    boolean valid;
    try {
      valid = Groth16Verifier.verify(key, inputs, p);
    } catch (InvalidPublicInputException e) {
      throw new UnusableInputException(publicSignals + ": " + e.getMessage() + " (verifying key " + vk + ")", e);
    }
    if (valid) {
      spec.commandLine().getOut().println("OK: proof is valid");
      spec.commandLine().getOut().flush();
      return ExitCodes.OK;
    }
    spec.commandLine().getOut().println("INVALID: proof does not verify with these public signals and this verifying key");
    spec.commandLine().getOut().flush();
    return ExitCodes.INVALID;
  }
}
