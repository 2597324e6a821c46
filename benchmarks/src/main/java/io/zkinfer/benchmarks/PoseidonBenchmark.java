package io.zkinfer.benchmarks;

import io.zkinfer.algebra.field.Fr;
import io.zkinfer.algebra.hash.Poseidon;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One circomlib Poseidon hash of {@code inputs} field elements (width {@code inputs + 1}): 2 is the Merkle-node
 * shape, 16 the widest form, which commitments to long tensors are built from.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PoseidonBenchmark {
  @Param({"2", "16"})
  public int inputs;

  private Fr[] values;

  @Setup
  public void setup() {
    Random rnd = new Random(1);
    values = new Fr[inputs];
    for (int i = 0; i < inputs; i++) {
      values[i] = Fr.random(rnd);
    }
  }

  @Benchmark
  public Fr hash() {
    return Poseidon.hash(values);
  }
}
