package io.zkinfer.benchmarks;

import io.zkinfer.algebra.curve.G1Affine;
import io.zkinfer.algebra.curve.G1Point;
import io.zkinfer.algebra.curve.G2Affine;
import io.zkinfer.algebra.curve.G2Point;
import io.zkinfer.algebra.field.Fq12;
import io.zkinfer.algebra.field.Fr;
import io.zkinfer.algebra.pairing.Pairing;
import java.util.Random;
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

/** One reduced optimal ate pairing e(P, Q) (Miller loop and final exponentiation). */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PairingBenchmark {
  private G1Affine p;
  private G2Affine q;

  @Setup
  public void setup() {
    Random rnd = new Random(6);
    p = G1Point.GENERATOR.mul(Fr.random(rnd)).toAffine();
    q = G2Point.GENERATOR.mul(Fr.random(rnd)).toAffine();
  }

  @Benchmark
  public Fq12 pairing() {
    return Pairing.pair(p, q);
  }
}
