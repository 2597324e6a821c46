/**
 * JMH benchmarks of the BN254 kernels and the Groth16 prover (OpenJDK JMH 1.37). Run with
 * {@code java -jar benchmarks/target/benchmarks.jar [regex] [-p param=value]}. Timings live here
 * and never in tests. Groth16 is J. Groth, EUROCRYPT 2016; the synthetic circuits are chains of
 * squarings like the circuit that {@code benchmarks/peer/snarkjs-groth16.sh} gives snarkjs.
 */
package io.zkinfer.benchmarks;
