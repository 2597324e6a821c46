package io.zkinfer.benchmarks;

import io.zkinfer.algebra.curve.G1Affine;
import io.zkinfer.algebra.curve.G1Point;
import io.zkinfer.algebra.field.Fr;
import io.zkinfer.algebra.msm.Msm;
import io.zkinfer.algebra.spi.Capability;
import io.zkinfer.algebra.spi.KernelBackend;
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
 * G1 multi-scalar multiplication Σ sᵢ·Pᵢ with 2^logN distinct bases and uniform scalars, given as
 * canonical 4-limb scalars as the prover passes them.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx8g"})
public class MsmBenchmark {
  @Param({"16", "18", "20"})
  public int logN;

  /** The kernel backend measured: "java", "native" or "cuda" ({@code zkinfer backends} lists them). */
  @Param({"java", "native"})
  public String backend;

  private KernelBackend kernels;

  private G1Affine[] bases;
  private long[] scalars;

  @Setup(Level.Trial)
  public void setup() {
    kernels = BenchmarkBackends.named(backend, Capability.MSM_G1);
    int n = 1 << logN;
    Random rnd = new Random(3);
    // Distinct bases cheaply: P_i = P_{i-1} + R for a random R (an MSM does not care how they were made).
    G1Point r = G1Point.GENERATOR.mul(Fr.random(rnd));
    G1Point[] points = new G1Point[n];
    G1Point acc = G1Point.GENERATOR.mul(Fr.random(rnd));
    for (int i = 0; i < n; i++) {
      points[i] = acc;
      acc = acc.add(r);
    }
    bases = G1Point.batchToAffine(points);
    Fr[] s = new Fr[n];
    for (int i = 0; i < n; i++) {
      s[i] = Fr.random(rnd);
    }
    scalars = Msm.canonicalScalars(s, n);
  }

  @Benchmark
  public G1Point msmG1() {
    return kernels.msmG1(bases, scalars);
  }
}
