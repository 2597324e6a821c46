package io.zkinfer.circuits.gadgets;

import io.zkinfer.circuits.builder.CircuitBuilder;
import io.zkinfer.circuits.builder.Signal;

import java.math.BigInteger;

/**
 * Range checks by bit decomposition ({@link Bits}): after one of these, no satisfying witness gives the signal a
 * value outside the range. Signed values are field elements {@code v mod r}, so a signed check shifts the value
 * into [0, 2^k) first.
 */
public final class Range {

    private Range() {
    }

    /** Asserts {@code 0 ≤ x < 2^k}. Cost: {@code k + 1} constraints. */
    public static void unsigned(CircuitBuilder b, Signal x, int k) {
        Bits.decompose(b, x, k);
    }

    /**
     * Asserts {@code −2^(k−1) ≤ x < 2^(k−1)} (k ≥ 1) by decomposing {@code x + 2^(k−1)} into k bits. Cost:
     * {@code k + 1} constraints.
     */
    public static void signed(CircuitBuilder b, Signal x, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("a signed range needs at least 1 bit, got " + k);
        }
        Bits.decompose(b, b.add(x, b.constant(BigInteger.ONE.shiftLeft(k - 1))), k);
    }

    /**
     * Asserts {@code 0 ≤ x < bound} for a constant {@code bound ≥ 1}. With {@code k = bitLength(bound − 1)}: when
     * bound is a power of two, {@code 0 ≤ x < 2^k}, cost {@code k + 1}; otherwise also
     * {@code 0 ≤ bound − 1 − x < 2^k}, cost {@code 2k + 2}. The two checks together give {@code x ≤ bound − 1}:
     * both values are below 2^k ≪ r, so their sum {@code bound − 1} holds over the integers.
     */
    public static void below(CircuitBuilder b, Signal x, BigInteger bound) {
        if (bound.signum() < 1) {
            throw new IllegalArgumentException("bound must be >= 1, got " + bound);
        }
        BigInteger top = bound.subtract(BigInteger.ONE);
        int k = top.bitLength();
        Bits.decompose(b, x, k);
        if (top.bitCount() != k) { // bound is not 2^k
            Bits.decompose(b, b.sub(b.constant(top), x), k);
        }
    }

    /** Asserts {@code x ∈ [range.min, range.max]}: {@link #below} of {@code x − min} with bound max − min + 1. */
    public static void within(CircuitBuilder b, Signal x, Interval range) {
        below(b, b.sub(x, b.constant(range.min())), range.max().subtract(range.min()).add(BigInteger.ONE));
    }
}
