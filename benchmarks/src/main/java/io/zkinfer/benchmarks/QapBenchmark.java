package io.zkinfer.benchmarks;

import io.zkinfer.algebra.field.Fr;
import io.zkinfer.algebra.spi.Capability;
import io.zkinfer.algebra.spi.KernelBackend;
import io.zkinfer.algebra.spi.QapMatrices;
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
 * The Groth16 prover's QAP quotient step ({@link KernelBackend#qapQuotient}) on a domain of 2^logN rows, the
 * lower half used as a circuit of 2^(logN−1) constraints fills its padded domain: each used row has two A
 * entries, one B entry and one C entry (the witness satisfies them, so the row check runs in full).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g"})
public class QapBenchmark {
  @Param({"16", "21"})
  public int logN;

  /** The kernel backend measured: "java", "native" or "cuda" ({@code zkinfer backends} lists them). */
  @Param({"java", "native"})
  public String backend;

  private KernelBackend kernels;
  private QapMatrices matrices;
  private long[] witness;

  @Setup(Level.Trial)
  public void setup() {
    kernels = BenchmarkBackends.named(backend, Capability.NTT);
    int rows = 1 << (logN - 1);
    int wires = rows + 2;
    Random rnd = new Random(5);
    Fr[] z = new Fr[wires];
    z[0] = Fr.ONE;
    for (int w = 1; w < wires; w++) {
      z[w] = Fr.random(rnd);
    }
    int entries = 4 * rows;
    int[] m = new int[entries], r = new int[entries], c = new int[entries];
    long[] v = new long[4 * entries];
    for (int j = 0, e = 0; j < rows; j++, e += 4) {
      Fr a0 = Fr.random(rnd), a1 = Fr.random(rnd), b0 = Fr.random(rnd);
      Fr a = a0.mul(z[j + 1]).add(a1.mul(z[j + 2]));
      int wire = 1 + rnd.nextInt(wires - 1);
      Fr b = b0.mul(z[wire]);
      set(m, r, c, v, e, QapMatrices.A, j, j + 1, a0);
      set(m, r, c, v, e + 1, QapMatrices.A, j, j + 2, a1);
      set(m, r, c, v, e + 2, QapMatrices.B, j, wire, b0);
      set(m, r, c, v, e + 3, QapMatrices.C, j, 0, a.mul(b));
    }
    matrices = new QapMatrices(m, r, c, v);
    witness = new long[4 * wires];
    for (int w = 0; w < wires; w++) {
      z[w].toMontgomeryLimbs(witness, 4 * w);
    }
  }

  private static void set(int[] m, int[] r, int[] c, long[] v, int e, int matrix, int row, int wire, Fr value) {
    m[e] = matrix;
    r[e] = row;
    c[e] = wire;
    value.toMontgomeryLimbs(v, 4 * e);
  }

  @Benchmark
  public long[] quotient() {
    return kernels.qapQuotient(matrices, witness, logN);
  }
}
