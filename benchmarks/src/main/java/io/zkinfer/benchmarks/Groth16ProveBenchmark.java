package io.zkinfer.benchmarks;

import io.zkinfer.algebra.field.Fr;
import io.zkinfer.algebra.progress.Progress;
import io.zkinfer.algebra.spi.Capability;
import io.zkinfer.algebra.spi.KernelBackend;
import io.zkinfer.algebra.spi.KernelBackends;
import io.zkinfer.prover.Groth16Prover;
import io.zkinfer.prover.Groth16Setup;
import io.zkinfer.prover.ProvingKey;
import io.zkinfer.verifier.Proof;
import java.security.SecureRandom;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One Groth16 proof of a {@link SyntheticCircuit} with 2^logConstraints constraints (keys set up
 * once per trial; the proof draws fresh r, s each time, as in production).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx12g"})
public class Groth16ProveBenchmark {
  @Param({"12", "16", "18"})
  public int logConstraints;

  /** The kernel backend proving: "java", "native" or "cuda" ({@code zkinfer backends} lists them). */
  @Param({"java", "native"})
  public String backend;

  private Groth16Prover prover;

  private SyntheticCircuit circuit;
  private ProvingKey key;
  private SecureRandom random;

  @Setup(Level.Trial)
  public void setup() {
    KernelBackend msm = BenchmarkBackends.named(backend, Capability.MSM_G1);
    prover = new Groth16Prover(KernelBackends.withJavaFallback(msm));
    Random rnd = new Random(5);
    circuit = SyntheticCircuit.chain(1 << logConstraints, Fr.random(rnd), Fr.random(rnd));
    random = new SecureRandom();
    key = Groth16Setup.generate(circuit.r1cs(), random);
  }

  @Benchmark
  public Proof prove() {
    return prover.createProof(key, circuit.witness(), random, Progress.NONE);
  }
}
