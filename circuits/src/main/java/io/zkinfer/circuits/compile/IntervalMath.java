package io.zkinfer.circuits.compile;

import io.zkinfer.circuits.gadgets.Interval;

import java.math.BigInteger;

/**
 * Interval arithmetic for the ranges the compiler proves values to lie in: each rule maps intervals holding the
 * operands to an interval holding every possible result, so a gadget sized from it never wraps.
 */
final class IntervalMath {

    private IntervalMath() {
    }

    /** The smallest interval holding both. */
    static Interval hull(Interval a, Interval b) {
        return new Interval(a.min().min(b.min()), a.max().max(b.max()));
    }

    /** {@code a} widened to hold 0 (a sum of which some terms may be absent). */
    static Interval withZero(Interval a) {
        return hull(a, Interval.of(0, 0));
    }

    /** {@code {x·y}} for x in a and y in b. */
    static Interval product(Interval a, Interval b) {
        BigInteger[] c = {a.min().multiply(b.min()), a.min().multiply(b.max()), a.max().multiply(b.min()),
            a.max().multiply(b.max())};
        BigInteger lo = c[0];
        BigInteger hi = c[0];
        for (BigInteger v : c) {
            lo = lo.min(v);
            hi = hi.max(v);
        }
        return new Interval(lo, hi);
    }

    /** {@code {k·x}}. */
    static Interval scaled(Interval a, long k) {
        return a.times(BigInteger.valueOf(k));
    }

    /** {@code {−x}}. */
    static Interval negated(Interval a) {
        return new Interval(a.max().negate(), a.min().negate());
    }

    /** {@code {x − y}}. */
    static Interval difference(Interval a, Interval b) {
        return a.plus(negated(b));
    }

    /** {@code [min, max]} of {@code values}, {@code [0, 0]} for none. */
    static Interval ofValues(long[] values) {
        if (values.length == 0) {
            return Interval.of(0, 0);
        }
        long lo = values[0];
        long hi = values[0];
        for (long v : values) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        return Interval.of(lo, hi);
    }

    /** {@code {clamp(x, lo, hi)}}: clamping is monotone, so the ends map to the ends. */
    static Interval clamped(Interval a, long lo, long hi) {
        BigInteger l = BigInteger.valueOf(lo);
        BigInteger h = BigInteger.valueOf(hi);
        return new Interval(a.min().max(l).min(h), a.max().max(l).min(h));
    }

    /**
     * {@code {Σ wᵢ·xᵢ}} for constant weights whose positive ones sum to {@code positive} and negative ones to
     * {@code negative}, each xᵢ in {@code x}: the smallest sum takes x's minimum where w is positive and its maximum
     * where w is negative.
     */
    static Interval dot(Interval x, long positive, long negative) {
        BigInteger p = BigInteger.valueOf(positive);
        BigInteger n = BigInteger.valueOf(negative);
        return new Interval(x.min().multiply(p).add(x.max().multiply(n)), x.max().multiply(p).add(x.min().multiply(n)));
    }

    /**
     * The width k of the span of {@code a} ({@code max − min < 2^k}, k ≥ 1) and the centre
     * {@code c = min + 2^(k−1)}: every {@code x − c} with x in a is a signed k-bit integer. Comparisons only look
     * at differences, so a maximum of values in a is {@code c + } the maximum of the centred values at k bits.
     */
    static Centre centre(Interval a) {
        int k = Math.max(1, a.max().subtract(a.min()).bitLength());
        return new Centre(a.min().add(BigInteger.ONE.shiftLeft(k - 1)), k);
    }

    /** See {@link #centre}. */
    record Centre(BigInteger offset, int bits) {
    }
}
