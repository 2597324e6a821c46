package io.zkinfer.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
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

  @Override
  public Integer call() {
    throw new UnsupportedOperationException("groth16 verify is not implemented yet");
  }
}
