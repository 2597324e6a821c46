package io.zkinfer.circuits.gadgets;

import io.zkinfer.circuits.builder.CircuitBuilder;
import io.zkinfer.circuits.builder.Signal;

import java.math.BigInteger;

/**
 * Comparison of bounded signed integers, as circomlib's {@code LessThan}: for a difference d with
 * {@code |d| < 2^(n−1)}, decompose {@code d + 2^(n−1)} ∈ [0, 2^n) into n bits; the top bit is {@code [d ≥ 0]}.
 * Each comparison costs {@code n + 1} constraints (n booleanity, one recomposition) and returns a signal
 * constrained to 0 or 1.
 *
 * <p>Soundness: the decomposition has exactly one satisfying assignment (see {@link Bits}), so the result bit is a
 * function of x and y; a difference outside the width leaves no assignment at all (the caller's width must hold
 * it), and the decomposition itself bounds {@code x − y}, which {@link Rescale} relies on.
 */
public final class Comparison {

    private Comparison() {
    }

    /** {@code [x ≥ y]} for {@code |x − y| < 2^(n−1)}. Cost: {@code n + 1}. */
    public static Signal isGreaterOrEqual(CircuitBuilder b, Signal x, Signal y, int n) {
        return isNonNegative(b, b.sub(x, y), n);
    }

    /** {@code [x > y]} for {@code |x − y| < 2^(n−1)}. Cost: {@code n + 1}. */
    public static Signal isGreaterThan(CircuitBuilder b, Signal x, Signal y, int n) {
        return not(b, isNonNegative(b, b.sub(y, x), n));
    }

    /** {@code [x < y]} for {@code |x − y| < 2^(n−1)}. Cost: {@code n + 1}. */
    public static Signal isLessThan(CircuitBuilder b, Signal x, Signal y, int n) {
        return not(b, isNonNegative(b, b.sub(x, y), n));
    }

    /** {@code [x ≤ y]} for {@code |x − y| < 2^(n−1)}. Cost: {@code n + 1}. */
    public static Signal isLessOrEqual(CircuitBuilder b, Signal x, Signal y, int n) {
        return isNonNegative(b, b.sub(y, x), n);
    }

    /**
     * {@code [d ≥ 0]} for a signed n-bit d, {@code −2^(n−1) ≤ d < 2^(n−1)}: the top bit of {@code d + 2^(n−1)}.
     * Cost: {@code n + 1}.
     */
    public static Signal isNonNegative(CircuitBuilder b, Signal d, int n) {
        if (n < 1 || n > Interval.MAX_BITS) {
            throw new IllegalArgumentException("comparison width must be 1.." + Interval.MAX_BITS + " bits, got " + n);
        }
        Signal[] bits = Bits.decompose(b, b.add(d, b.constant(BigInteger.ONE.shiftLeft(n - 1))), n);
        return bits[n - 1];
    }

    /** {@code 1 − c} for a boolean c: free. */
    public static Signal not(CircuitBuilder b, Signal c) {
        return b.sub(b.one(), c);
    }
}
