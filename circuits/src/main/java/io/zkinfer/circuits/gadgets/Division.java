package io.zkinfer.circuits.gadgets;

import io.zkinfer.circuits.builder.CircuitBuilder;
import io.zkinfer.circuits.builder.Signal;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;

/**
 * Rounded division of docs/quantization.md, {@code roundDiv(n, d) = floorDiv(n + floorDiv(d, 2), d)} (ties towards
 * +infinity): by a constant ({@code IntMean}, {@code IntAvgPool}) and by a positive variable ({@code IntDiv}).
 */
public final class Division {

    private Division() {
    }

    /**
     * {@code roundDiv(x, d)} for a constant {@code d ≥ 1} and x in {@code range}: {@link Quotient} of
     * {@code x + floor(d/2)}, then a signed range check of the quotient at its width {@code w_q}. Cost: the
     * remainder's (0, k or 2k + 1, see {@link Quotient}) plus {@code w_q + 1}; 0 for d = 1. The range check is what
     * makes the quotient the honest one (see {@link Quotient}).
     */
    public static Signal roundDiv(CircuitBuilder b, Signal x, Interval range, long d) {
        if (d == 1) {
            return x;
        }
        BigInteger div = BigInteger.valueOf(d);
        Interval n = range.plus(div.shiftRight(1));
        n.signedWidth();
        Signal q = Quotient.floorDiv(b, b.add(x, b.constant(div.shiftRight(1))), div);
        Range.signed(b, q, n.floorDiv(div).signedWidth());
        return q;
    }

    /**
     * {@code IntMean}: {@code roundDiv(Σ xᵢ, m)} of m values, each in {@code range}. The sum is free; the cost is
     * {@link #roundDiv}'s for a sum in m·range.
     */
    public static Signal mean(CircuitBuilder b, List<Signal> xs, Interval range) {
        if (xs.isEmpty()) {
            throw new IllegalArgumentException("the mean of no values is undefined");
        }
        BigInteger m = BigInteger.valueOf(xs.size());
        return roundDiv(b, b.sum(xs), range.times(m), xs.size());
    }

    /**
     * A positive divisor {@code d ∈ [1, 2^bits)} decomposed once, so that several {@code IntDiv}s by it (a row
     * divided by its sum or norm) share the decomposition.
     *
     * @param value the divisor
     * @param half  {@code floor(d/2)}, a linear combination of its bits
     * @param bits  its width w
     */
    public record Divisor(Signal value, Signal half, int bits) {
    }

    /**
     * Prepares {@code d ∈ [0, 2^w)} as a divisor: its w bits, from which {@code floor(d/2)} is free. Cost:
     * {@code w + 1}. That d ≥ 1 is enforced by each {@link #roundDiv(CircuitBuilder, Signal, Interval, int, Divisor)}.
     *
     * @throws ArithmeticException if the divisor's value is not positive (naming the scope)
     */
    public static Divisor divisor(CircuitBuilder b, Signal d, int w) {
        if (w < 1 || w > 64) {
            throw new IllegalArgumentException("divisor width must be 1..64 bits, got " + w);
        }
        BigInteger dv = d.signedValue();
        if (dv.signum() < 1) {
            throw new ArithmeticException("IntDiv in scope '" + b.currentScope() + "': the divisor is " + dv
                    + "; the circuit divides only by positive divisors");
        }
        Signal[] bits = Bits.decompose(b, d, w);
        return new Divisor(d, Bits.recompose(b, Arrays.copyOfRange(bits, 1, w)), w);
    }

    /**
     * {@code IntDiv}: {@code roundDiv(a·2^shift, d)} for a in {@code range} and a divisor d in [1, 2^w) (a positive
     * divisor, as the quantizer makes LayerNorm's by clamping it to lo = 1; a divisor of either sign is not
     * supported). Cost: {@code 3w + w_q + 4}, i.e. {@link #divisor}'s {@code w + 1} and the division's
     * {@code 2w + w_q + 3}.
     */
    public static Signal roundDiv(CircuitBuilder b, Signal a, Interval range, int shift, Signal d, int w) {
        return roundDiv(b, a, range, shift, divisor(b, d, w));
    }

    /**
     * {@code roundDiv(a·2^shift, d)} by a prepared divisor.
     *
     * <p>Construction: hints q and r, {@code q·d = a·2^shift + floor(d/2) − r}, r ∈ [0, 2^w) by its bits,
     * {@code d − 1 − r ∈ [0, 2^w)}, and q a signed integer of width w_q (the width of [min(n, 0), max(n, 0)] for n
     * the dividend's range). Cost: {@code w + (w + 1) + (w_q + 1) + 1 = 2w + w_q + 3}.
     *
     * <p>Soundness: d, r and d − 1 − r are all below 2^w, so {@code 0 ≤ r < d} over the integers (which also
     * rules out d = 0); q is bounded, so {@code q·d + r = n + floor(d/2)} holds over the integers (every term
     * stays below 2^250), and Euclidean division has one solution.
     */
    public static Signal roundDiv(CircuitBuilder b, Signal a, Interval range, int shift, Divisor d) {
        if (shift < 0 || shift > 128) {
            throw new IllegalArgumentException("IntDiv shift must be 0..128, got " + shift);
        }
        int w = d.bits();
        BigInteger scale = BigInteger.ONE.shiftLeft(shift);
        Signal n = b.add(b.scale(a, scale), d.half());
        Interval nRange = range.times(scale).plus(new Interval(BigInteger.ZERO,
                BigInteger.ONE.shiftLeft(w - 1).subtract(BigInteger.ONE)));
        Interval qRange = new Interval(nRange.min().min(BigInteger.ZERO), nRange.max().max(BigInteger.ZERO));
        int wq = qRange.signedWidth();
        if (wq + w >= 250) {
            throw new IllegalArgumentException("IntDiv quotient (" + wq + " bits) times divisor (" + w
                    + " bits) would come too close to the field size");
        }
        BigInteger dv = d.value().signedValue();
        if (dv.signum() < 1) {
            throw new ArithmeticException("IntDiv in scope '" + b.currentScope() + "': the divisor is " + dv
                    + "; the circuit divides only by positive divisors");
        }
        BigInteger[] qr = floorDivMod(n.signedValue(), dv);
        Signal r = Bits.recompose(b, Bits.allocate(b, "r.bit", qr[1], w));
        Bits.decompose(b, b.sub(b.sub(d.value(), b.one()), r), w);
        Signal q = b.hint("q", qr[0]);
        Range.signed(b, q, wq);
        b.assertProduct(q, d.value(), b.sub(n, r));
        return q;
    }

    private static BigInteger[] floorDivMod(BigInteger n, BigInteger d) {
        BigInteger[] qr = n.divideAndRemainder(d);
        if (qr[1].signum() < 0) {
            qr[0] = qr[0].subtract(BigInteger.ONE);
            qr[1] = qr[1].add(d);
        }
        return qr;
    }
}
