package io.zkinfer.benchmarks;

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
 * Proving one inference in a warm process with the keys loaded: witness generation by the compiled model
 * ({@code ModelCompiler.run}: the integer executor plus every hint) and the Groth16 proof, JVM start, compilation
 * and setup excluded (they run once per trial in {@link #setup}). One invocation per iteration, so the
 * iterations' percentiles give the median. {@code benchmarks/model/prove-models.sh} prints it beside the CLI's
 * wall time. Run from the repository root.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 9)
@Fork(value = 1, jvmArgsAppend = {"-Xmx12g"})
public class ModelProveBenchmark {

  /** {@code mnist-mlp}, {@code mnist-cnn} or {@code dense-1m} ({@link BenchmarkModel}). */
  @Param({"mnist-mlp", "mnist-cnn", "dense-1m"})
  public String model;

  private ProvingFixture fixture;

  @Setup(Level.Trial)
  public void setup() throws Exception {
    fixture = ProvingFixture.of(BenchmarkModel.named(model));
  }

  @Benchmark
  public ProvingFixture.ProvedRun prove() {
    return fixture.prove();
  }
}
