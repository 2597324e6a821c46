/**
 * JMH benchmarks of the BN254 kernels, the Groth16 prover and whole models (OpenJDK JMH 1.37). Run with
 * {@code java -jar benchmarks/target/benchmarks.jar [regex] [-p param=value]}. Timings live here
 * and never in tests. Groth16 is J. Groth, EUROCRYPT 2016; the synthetic circuits are chains of
 * squarings like the circuit that {@code benchmarks/peer/snarkjs-groth16.sh} gives snarkjs. The model
 * benchmarks ({@link io.zkinfer.benchmarks.ModelProveBenchmark}, {@link io.zkinfer.benchmarks.ModelVerifyBenchmark})
 * prove the models of {@link io.zkinfer.benchmarks.BenchmarkModel}, which {@code benchmarks/model/prove-models.sh}
 * also runs through the command line.
 */
package io.zkinfer.benchmarks;
