package io.zkinfer.server.diagnose;

import io.zkinfer.circuits.compile.CircuitSizeEstimate;
import java.time.Duration;

/**
 * What a circuit of a given size costs to set up and prove, scaled from measurements of the pure-Java prover on the
 * README's 2-core reference machine ({@code model/prove-models.sh}), by a line through its two MNIST models:
 *
 * <ul>
 *   <li>proving (witness and Groth16 proof, warm process with the keys in memory, {@code ModelProveBenchmark}
 *       median): MLP 10,772 constraints in 201.2 ms, CNN 180,116 constraints in 2,192.9 ms, so
 *       {@value #PROVE_NANOS_PER_CONSTRAINT} ns per constraint plus {@value #PROVE_FIXED_NANOS} ns;</li>
 *   <li>setup ({@code zkinfer setup}, wall time of a fresh process): MLP 2.09 s, CNN 17.81 s, so
 *       {@value #SETUP_NANOS_PER_CONSTRAINT} ns per constraint plus {@value #SETUP_FIXED_NANOS} ns (the fixed part
 *       includes the process start, about half a second a running node does not pay).</li>
 * </ul>
 *
 * The proving key takes {@link CircuitSizeEstimate#KEY_BYTES_PER_CONSTRAINT} bytes per constraint (the compiler's
 * size guard uses the same figure), and the prover needs as much again beside the key (the guard's words), so proving
 * memory is twice the key. A node with more cores proves faster than these times; Groth16's multi-scalar
 * multiplications grow a little slower than linearly, so far beyond the CNN's size the line overestimates.
 */
final class ProvingRates {

    static final long PROVE_NANOS_PER_CONSTRAINT = 11_761;
    static final long PROVE_FIXED_NANOS = 74_500_000;
    static final long SETUP_NANOS_PER_CONSTRAINT = 92_830;
    static final long SETUP_FIXED_NANOS = 1_090_000_000;

    private ProvingRates() {
    }

    /** Estimated warm proving time of one inference. */
    static Duration proving(long constraints) {
        return line(PROVE_FIXED_NANOS, PROVE_NANOS_PER_CONSTRAINT, constraints);
    }

    /** Estimated setup (Groth16 key generation) time. */
    static Duration setup(long constraints) {
        return line(SETUP_FIXED_NANOS, SETUP_NANOS_PER_CONSTRAINT, constraints);
    }

    /** The proving key's size by the compiler's figure per constraint. */
    static long provingKeyBytes(long constraints) {
        return saturatedMultiply(constraints, CircuitSizeEstimate.KEY_BYTES_PER_CONSTRAINT);
    }

    /** Memory the prover needs with a proving key of {@code keyBytes}: the key and as much again. */
    static long provingMemoryBytes(long keyBytes) {
        return saturatedMultiply(keyBytes, 2);
    }

    private static Duration line(long fixedNanos, long nanosPerConstraint, long constraints) {
        long nanos = saturatedMultiply(constraints, nanosPerConstraint);
        return Duration.ofNanos(nanos > Long.MAX_VALUE - fixedNanos ? Long.MAX_VALUE : nanos + fixedNanos);
    }

    private static long saturatedMultiply(long a, long b) {
        long high = Math.multiplyHigh(a, b);
        long low = a * b;
        return high != 0 || low < 0 ? Long.MAX_VALUE : low;
    }
}
