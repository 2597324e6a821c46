package io.zkinfer.benchmarks;

import io.zkinfer.algebra.curve.G1Affine;
import io.zkinfer.algebra.curve.G1Point;
import io.zkinfer.algebra.field.Fr;
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

/** G1 addition: Jacobian + Jacobian, and Jacobian + affine (the mixed addition MSM buckets use). */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CurveBenchmark {
  private G1Point p;
  private G1Point q;
  private G1Affine qAffine;

  @Setup
  public void setup() {
    Random rnd = new Random(2);
    p = G1Point.GENERATOR.mul(Fr.random(rnd));
    q = G1Point.GENERATOR.mul(Fr.random(rnd));
    qAffine = q.toAffine();
  }

  @Benchmark
  public G1Point g1Add() {
    return p.add(q);
  }

  @Benchmark
  public G1Point g1AddMixed() {
    return p.addAffine(qAffine);
  }
}
