package io.zkinfer.benchmarks;

import io.zkinfer.algebra.field.Fr;
import io.zkinfer.algebra.poly.Ntt;
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

/** Forward radix-2 NTT over Fr, in place on 4-limb Montgomery values, of size 2^logN. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
public class NttBenchmark {
  @Param({"16", "20"})
  public int logN;

  /** The kernel backend measured: "java", "native" or "cuda" ({@code zkinfer backends} lists them). */
  @Param({"java", "native"})
  public String backend;

  private KernelBackend kernels;

  private long[] values;

  @Setup(Level.Trial)
  public void setup() {
    kernels = BenchmarkBackends.named(backend, Capability.NTT);
    int n = 1 << logN;
    Random rnd = new Random(4);
    Fr[] v = new Fr[n];
    for (int i = 0; i < n; i++) {
      v[i] = Fr.random(rnd);
    }
    values = Ntt.toLimbs(v);
  }

  /** In place: each call transforms the previous output, which costs the same. */
  @Benchmark
  public long[] nttForward() {
    kernels.ntt(values, false);
    return values;
  }
}
