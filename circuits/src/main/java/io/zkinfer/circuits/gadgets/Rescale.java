package io.zkinfer.circuits.gadgets;

import io.zkinfer.circuits.builder.CircuitBuilder;
import io.zkinfer.circuits.builder.Signal;

import java.math.BigInteger;

/**
 * The {@code Rescale} of docs/quantization.md: {@code y = clamp(roundDiv(x·mul, div), lo, hi)} for constants
 * {@code mul, div ≥ 1} — the requantization after every linear operator, and the integer form of Clip.
 *
 * <p>Construction: {@code n = x·mul + floor(div/2)} is free; {@code q = floorDiv(n, div) = roundDiv(x·mul, div)}
 * comes from {@link Quotient} (a range-checked remainder, q a linear combination); then {@link Clamp}. If neither
 * bound can bind, q is range-checked to its own width instead, so that q is always bounded. Cost: the
 * remainder's (0 for div = 1, k for div = 2^k, 2k + 1 otherwise, k = bitLength(div − 1)) plus the clamp's
 * ({@code n + 5} when both bounds can bind and span a power of two, n the signed width of {@code q − lo}; else
 * {@code w_lo + 2} when lo can bind and {@code w_hi + 2} when hi can, see {@link Clamp}), or, when neither bound
 * can bind, {@code w_q + 1} for div &gt; 1 and 0 for div = 1 (q = x·mul is then bounded by x's own constraints).
 * For example an accumulator in [−2^20, 2^20] requantized by div = 2^8 to [−128, 127]: 8 + (14 + 5) = 27.
 *
 * <p>Soundness: the remainder is in [0, div), the clamp's comparisons bound q, so q is the honest quotient (see
 * {@link Quotient}) and y its clamp. Assumes x in {@code range}, already constrained; |x·mul| must stay within
 * {@link Interval#MAX_BITS} bits.
 */
public final class Rescale {

    private Rescale() {
    }

    /** {@code clamp(roundDiv(x·mul, div), lo, hi)} for x in {@code range}. */
    public static Signal rescale(CircuitBuilder b, Signal x, Interval range, long mul, long div, long lo, long hi) {
        if (mul < 1 || div < 1) {
            throw new IllegalArgumentException("Rescale needs mul >= 1 and div >= 1, got mul = " + mul
                    + ", div = " + div);
        }
        BigInteger d = BigInteger.valueOf(div);
        BigInteger half = d.shiftRight(1);
        Interval nRange = range.times(BigInteger.valueOf(mul)).plus(half);
        nRange.signedWidth(); // refuses widths near the field size
        Signal q = Quotient.floorDiv(b, b.add(b.scale(x, mul), b.constant(half)), d);
        Interval qRange = nRange.floorDiv(d);
        BigInteger l = BigInteger.valueOf(lo);
        BigInteger h = BigInteger.valueOf(hi);
        if (Clamp.compares(qRange, l, h)) {
            return Clamp.clamp(b, q, qRange, l, h);
        }
        if (div > 1) {
            Range.signed(b, q, qRange.signedWidth());
        }
        return q;
    }

    /** {@link #rescale(CircuitBuilder, Signal, Interval, long, long, long, long)} for a signed k-bit x. */
    public static Signal rescale(CircuitBuilder b, Signal x, int k, long mul, long div, long lo, long hi) {
        return rescale(b, x, Interval.signedBits(k), mul, div, lo, hi);
    }
}
