package io.zkinfer.benchmarks;

import io.zkinfer.algebra.field.Fr;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** One Montgomery multiplication in Fr (immutable API, allocation included). */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FieldBenchmark {
  private Fr a;
  private Fr b;

  @Setup
  public void setup() {
    SplittableRandom rnd = new SplittableRandom(1);
    a = Fr.random(new java.util.Random(rnd.nextLong()));
    b = Fr.random(new java.util.Random(rnd.nextLong()));
  }

  @Benchmark
  public Fr frMul() {
    return a.mul(b);
  }
}
