package io.zkinfer.cli;

import io.zkinfer.algebra.field.Fr;
import io.zkinfer.algebra.spi.KernelBackend;
import io.zkinfer.algebra.spi.KernelBackends;
import io.zkinfer.circuits.r1cs.R1cs;
import io.zkinfer.circuits.r1cs.Witness;
import io.zkinfer.prover.Groth16Prover;
import io.zkinfer.prover.Groth16Setup;
import io.zkinfer.prover.ProvingKey;
import io.zkinfer.verifier.Groth16Verifier;
import io.zkinfer.verifier.PreparedVerifyingKey;
import io.zkinfer.verifier.Proof;
import java.io.PrintWriter;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code zkinfer groth16 demo}: builds the circuit "I know x such that x³ + x + 5 = y" in code, sets up
 * Groth16 keys from SecureRandom toxic waste, proves, verifies, and shows that the same proof is
 * rejected for a wrong public output. Exit 0 when all four steps behave as they must.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = "Self-contained demo: set up, prove and verify a small built-in circuit, and reject its wrong twin.")
final class Groth16DemoCommand implements Callable<Integer> {
  @Option(names = "--x", paramLabel = "X", defaultValue = "3", description = "the private input x (default: ${DEFAULT-VALUE})")
  long x;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    SecureRandom random = new SecureRandom();
    Fr secret = Fr.of(x);
    Fr y = DemoCircuit.output(secret);

    KernelBackend kernels = KernelBackends.best();
    out.println("zkinfer groth16 demo: Groth16 over BN254 (kernels: " + kernels.name()
        + (kernels.description().isEmpty() ? "" : ", " + kernels.description()) + ")");
    out.println("claim: \"I know a secret x such that x^3 + x + 5 = y\", with y = " + y + " public and x private");
    R1cs r1cs = DemoCircuit.r1cs();
    Witness witness = DemoCircuit.witness(secret);
    r1cs.check(witness).requireSatisfied();
    out.printf("%-8s %s%n", "circuit", r1cs.numConstraints() + " R1CS constraints over " + r1cs.numWires()
        + " wires, built in code; the witness (x = " + x + ") satisfies all of them");

    ProvingKey pk = timed(out, "setup", () -> Groth16Setup.generate(r1cs, random),
        k -> "proving and verifying keys from SecureRandom toxic waste (discarded), domain " + k.domainSize());
    Proof proof = timed(out, "prove", () -> Groth16Prover.prove(pk, witness, random),
        p -> "proof (A, C in G1, B in G2) with fresh blinding r, s");
    PreparedVerifyingKey pvk = PreparedVerifyingKey.of(pk.verifyingKey());
    boolean valid = timed(out, "verify", () -> Groth16Verifier.verify(pvk, List.of(y), proof),
        ok -> "public y = " + y + ": " + (ok ? "valid" : "NOT valid (this is a bug)"));
    Fr wrong = y.add(Fr.ONE);
    boolean twin = timed(out, "twin", () -> Groth16Verifier.verify(pvk, List.of(wrong), proof),
        ok -> "same proof, public y = " + wrong + ": " + (ok ? "ACCEPTED (this is a bug)" : "rejected, as it must be"));
    out.flush();
    if (!valid || twin) {
      spec.commandLine().getErr().println("zkinfer: error: the demo did not behave as it must; please report this");
      return ExitCodes.INVALID;
    }
    out.println("done: the verifier learned that someone knows x, and nothing else about x");
    return ExitCodes.OK;
  }

  private static <T> T timed(PrintWriter out, String step, Supplier<T> work, Function<T, String> what) {
    long t0 = System.nanoTime();
    T result = work.get();
    double ms = (System.nanoTime() - t0) / 1e6;
    out.printf("%-8s %-74s %8.1f ms%n", step, what.apply(result), ms);
    return result;
  }
}
