package io.zkinfer.cli;

import io.zkinfer.circuits.format.WtnsFile;
import io.zkinfer.circuits.r1cs.Witness;
import io.zkinfer.prover.Groth16Prover;
import io.zkinfer.prover.ProvingKey;
import io.zkinfer.prover.ProvingKeys;
import io.zkinfer.verifier.Proof;
import io.zkinfer.verifier.SnarkjsFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code zkinfer groth16 prove --key KEY --wtns W.wtns --proof proof.json --public public.json}. */
@Command(
    name = "prove",
    mixinStandardHelpOptions = true,
    description = "Prove with a zkinfer proving.key or a snarkjs .zkey and a circom witness.")
final class ProveCommand implements Callable<Integer> {
  @Option(names = "--key", required = true, paramLabel = "KEY", description = "zkinfer proving.key or snarkjs .zkey (told apart by their magic bytes)")
  Path key;

  @Option(names = "--wtns", required = true, paramLabel = "W.wtns", description = "circom witness file")
  Path wtns;

  @Option(names = "--proof", required = true, paramLabel = "proof.json", description = "where to write the proof (snarkjs JSON)")
  Path proof;

  @Option(names = "--public", required = true, paramLabel = "public.json", description = "where to write the public signals (snarkjs JSON)")
  Path publicSignals;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    ProvingKey pk = ProvingKeys.read(key);
    Witness witness = WtnsFile.read(wtns);
    long t0 = System.nanoTime();
    Proof p = Groth16Prover.prove(pk, witness, new SecureRandom());
    long ms = (System.nanoTime() - t0) / 1_000_000;
    SnarkjsFiles.writeProof(proof, p);
    SnarkjsFiles.writePublicSignals(publicSignals, witness.publicSignals(pk.nPublic()));
    PrintWriter o = spec.commandLine().getOut();
    o.println("proved in " + ms + " ms (domain " + pk.domainSize() + ", " + pk.nVars() + " wires, "
        + pk.nPublic() + " public)");
    o.println("wrote " + proof);
    o.println("wrote " + publicSignals);
    o.flush();
    return ExitCodes.OK;
  }
}
