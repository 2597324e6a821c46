package io.zkinfer.circuits.gadgets;

import io.zkinfer.algebra.field.Fr;
import io.zkinfer.circuits.builder.CircuitBuilder;
import io.zkinfer.circuits.builder.Signal;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * {@code clamp(x, lo, hi) = min(max(x, lo), hi)} for constant bounds {@code lo ≤ hi} (docs/quantization.md, §1),
 * for x known to lie in an interval [a, z].
 *
 * <p><b>Both bounds can bind and {@code hi − lo + 1 = 2^b}</b> (the activation range of every requantization):
 * one decomposition of {@code t + 2^(n−1)} for {@code t = x − lo} (n the signed width of [a − lo, z − lo]) gives
 * {@code s = [t ≥ 0]} (its top bit), the low part {@code ℓ = Σ_{i<b} 2^i·bitᵢ} and the high count
 * {@code H = Σ_{b≤i<n−1} bitᵢ}; an is-zero test gives {@code z = [H = 0]} ({@code H·inv = 1 − z}, {@code H·z = 0});
 * {@code f = s·z} flags x ∈ [lo, hi], and {@code y = lo + f·ℓ + (s − f)·(hi − lo)}. Cost: {@code n + 5}.
 *
 * <p><b>Otherwise</b>: when {@code lo > a}, {@code c = [x ≥ lo]} by a comparison of {@code x − lo} (width w_lo of
 * [a − lo, z − lo]) and {@code m = lo + c·(x − lo)}; when {@code hi < max(z, lo)}, {@code c' = [m ≤ hi]} by a
 * comparison of {@code hi − m} (width w_hi) and {@code y = hi + c'·(m − hi)}. Cost: {@code w_lo + 2} and
 * {@code w_hi + 2}, each only when its bound can bind; 0 when neither can, and 0 when lo = hi (y is that
 * constant).
 *
 * <p>Soundness: the decomposition's bits are forced (see {@link Bits}); when s = 1 the low n − 1 bits are t
 * itself, so H = 0 exactly when t &lt; 2^b; the is-zero pair forces z (H ≠ 0 gives z = 0 from H·z = 0, H = 0 gives
 * z = 1 from the other); so f is the in-range flag, and y is lo (s = 0), hi (s = 1, z = 0) or lo + t = x. In the
 * general form each comparison bit is forced and each product fixes the selected value. Either way, a clamp that
 * compares forces its input into the compared width, so it bounds x even when nothing else did —
 * {@link Rescale} relies on that to bound its quotient.
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
        if (lo.equals(hi)) {
            return b.constant(lo); // every x clamps to the one value
        }
        BigInteger span = hi.subtract(lo).add(BigInteger.ONE);
        boolean lowBinds = lo.compareTo(range.min()) > 0;
        boolean highBinds = hi.compareTo(range.max()) < 0;
        if (lowBinds && highBinds && span.bitCount() == 1) {
            return clampToPowerOfTwoSpan(b, x, range, lo, hi, span.bitLength() - 1);
        }
        Signal m = x;
        Interval mRange = range;
        if (lowBinds) {
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

    /** The first form of the class comment, for {@code hi − lo + 1 = 2^spanBits} with both bounds binding. */
    private static Signal clampToPowerOfTwoSpan(CircuitBuilder b, Signal x, Interval range, BigInteger lo,
                                                BigInteger hi, int spanBits) {
        Signal t = b.sub(x, b.constant(lo));
        int n = range.plus(lo.negate()).signedWidth(); // n − 1 > spanBits, since hi can bind
        Signal[] bits = Bits.decompose(b, b.add(t, b.constant(BigInteger.ONE.shiftLeft(n - 1))), n);
        Signal s = bits[n - 1];
        Signal low = Bits.recompose(b, Arrays.copyOfRange(bits, 0, spanBits));
        Signal high = b.sum(Arrays.asList(Arrays.copyOfRange(bits, spanBits, n - 1)));
        Signal z = isZero(b, high);
        Signal f = b.mul(s, z);
        Signal inRange = b.mul(f, low);
        return b.add(b.add(b.constant(lo), inRange), b.scale(b.sub(s, f), hi.subtract(lo)));
    }

    /** {@code [h = 0]} by {@code h·inv = 1 − z} and {@code h·z = 0}. Cost: 2. */
    private static Signal isZero(CircuitBuilder b, Signal h) {
        Fr hv = h.value();
        Signal inv = b.hint("inv", hv.isZero() ? Fr.ZERO : hv.inverse());
        Signal z = b.hint("zero", hv.isZero() ? Fr.ONE : Fr.ZERO);
        b.assertProduct(h, inv, b.sub(b.one(), z));
        b.assertProduct(h, z, b.constant(0));
        return z;
    }

    /** Whether {@link #clamp} compares at all for x in {@code range}, i.e. whether lo or hi can bind. */
    static boolean compares(Interval range, BigInteger lo, BigInteger hi) {
        return lo.compareTo(range.min()) > 0 || hi.compareTo(range.max().max(lo)) < 0;
    }
}
