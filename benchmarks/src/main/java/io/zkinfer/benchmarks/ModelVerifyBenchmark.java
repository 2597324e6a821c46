package io.zkinfer.benchmarks;

import io.zkinfer.verifier.Groth16Verifier;
import io.zkinfer.verifier.VerifyingKey;
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
 * Verifying one proof of a benchmark model as {@code zkinfer verify} does in a warm process: the verifying key
 * prepared anew for each proof (e(α, β) and the G2 lines), the public signals checked and folded into the IC
 * sum, and the pairing check. Sample time, so the results carry the median. Run from the repository root.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx12g"})
public class ModelVerifyBenchmark {

  /** {@code mnist-mlp}, {@code mnist-cnn} or {@code dense-1m} ({@link BenchmarkModel}). */
  @Param({"mnist-mlp", "mnist-cnn", "dense-1m"})
  public String model;

  private VerifyingKey key;
  private ProvingFixture.ProvedRun run;

  @Setup(Level.Trial)
  public void setup() throws Exception {
    ProvingFixture fixture = ProvingFixture.of(BenchmarkModel.named(model));
    key = fixture.key.verifyingKey();
    run = fixture.prove();
  }

  @Benchmark
  public boolean verify() {
    return Groth16Verifier.verify(key, run.publicSignals(), run.proof());
  }
}
