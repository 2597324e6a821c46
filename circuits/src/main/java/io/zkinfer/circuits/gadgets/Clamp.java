package io.zkinfer.circuits.gadgets;

import io.zkinfer.circuits.builder.CircuitBuilder;
import io.zkinfer.circuits.builder.Signal;

import java.math.BigInteger;

/**
 * {@code clamp(x, lo, hi) = min(max(x, lo), hi)} for constant bounds {@code lo ≤ hi} (docs/quantization.md, §1).
 *
 * <p>Construction, for x known to lie in an interval [a, z]: when {@code lo > a}, {@code c = [x ≥ lo]} by a
 * comparison of {@code x − lo} (width w_lo of [a − lo, z − lo]) and {@code m = lo + c·(x − lo)}; otherwise
 * {@code m = x}. When {@code hi < max(z, lo)}, {@code c' = [m ≤ hi]} by a comparison of {@code hi − m} (width
 * w_hi) and {@code y = hi + c'·(m − hi)}; otherwise {@code y = m}. Cost: {@code w_lo + 2} for the lower bound and
 * {@code w_hi + 2} for the upper, each only when it can bind; 0 when neither can.
 *
 * <p>Soundness: each comparison bit is forced (see {@link Comparison}) and each product fixes the selected
 * value, so y is the clamp of x. Each comparison also forces its operand into its width, so a clamp that
 * compares bounds its input even when nothing else did — {@link Rescale} uses that to bound its quotient.
 */
public final class Clamp {

    private Clamp() {
    }

    /** {@code clamp(x, lo, hi)} for a signed k-bit x. */
    public static Signal clamp(CircuitBuilder b, Signal x, int k, long lo, long hi) {
        return clamp(b, x, Interval.signedBits(k), BigInteger.valueOf(lo), BigInteger.valueOf(hi));
    }

    /** {@code clamp(x, lo, hi)} for x in {@code range}; see the class comment for the cost. */
    public static Signal clamp(CircuitBuilder b, Signal x, Interval range, BigInteger lo, BigInteger hi) {
        if (lo.compareTo(hi) > 0) {
            throw new IllegalArgumentException("clamp bounds out of order: lo = " + lo + " > hi = " + hi);
        }
        Signal m = x;
        Interval mRange = range;
        if (lo.compareTo(range.min()) > 0) {
            Interval d = range.plus(lo.negate());
            Signal above = Comparison.isNonNegative(b, b.sub(x, b.constant(lo)), d.signedWidth());
            m = Select.ifThenElse(b, above, x, b.constant(lo));
            mRange = new Interval(range.min().max(lo), range.max().max(lo));
        }
        if (hi.compareTo(mRange.max()) < 0) {
            Interval d = mRange.subtractedFrom(hi);
            Signal below = Comparison.isNonNegative(b, b.sub(b.constant(hi), m), d.signedWidth());
            m = Select.ifThenElse(b, below, m, b.constant(hi));
        }
        return m;
    }

    /** Whether {@link #clamp} compares at all for x in {@code range}, i.e. whether lo or hi can bind. */
    static boolean compares(Interval range, BigInteger lo, BigInteger hi) {
        return lo.compareTo(range.min()) > 0 || hi.compareTo(range.max().max(lo)) < 0;
    }
}
