package io.zkinfer.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code zkinfer groth16 prove --key KEY --wtns W.wtns --proof proof.json --public public.json}. */
@Command(
    name = "prove",
    mixinStandardHelpOptions = true,
    description = "Prove with a zkinfer proving.key or a snarkjs .zkey and a circom witness.")
final class ProveCommand implements Callable<Integer> {
  @Option(names = "--key", required = true, paramLabel = "KEY", description = "zkinfer proving.key or snarkjs .zkey (detected by its magic bytes)")
  Path key;

  @Option(names = "--wtns", required = true, paramLabel = "W.wtns", description = "circom witness file")
  Path wtns;

  @Option(names = "--proof", required = true, paramLabel = "proof.json", description = "where to write the proof (snarkjs JSON)")
  Path proof;

  @Option(names = "--public", required = true, paramLabel = "public.json", description = "where to write the public signals (snarkjs JSON)")
  Path publicSignals;

  @Override
  public Integer call() {
    throw new UnsupportedOperationException("groth16 prove is not implemented yet");
  }
}
