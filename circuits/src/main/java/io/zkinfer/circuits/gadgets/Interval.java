package io.zkinfer.circuits.gadgets;

import java.math.BigInteger;

/**
 * A closed range {@code [min, max]} of integers that a signal is known to lie in, from which gadgets size their
 * range checks. Gadgets trust it (an input outside its interval makes the honest witness fail, it never makes a
 * wrong output provable); its width must stay far below the field (see {@link #MAX_BITS}).
 *
 * @param min the smallest value
 * @param max the largest value, ≥ min
 */
public record Interval(BigInteger min, BigInteger max) {

    /**
     * The widest signed width a gadget accepts for a value it compares or range-checks. Products of such a value
     * with a divisor or multiplier of up to 2^64 stay below 2^250, a factor 2^3 under (r − 1)/2, so nothing wraps.
     */
    public static final int MAX_BITS = 186;

    public Interval {
        if (min.compareTo(max) > 0) {
            throw new IllegalArgumentException("empty interval [" + min + ", " + max + "]");
        }
    }

    /** {@code [min, max]}. */
    public static Interval of(long min, long max) {
        return new Interval(BigInteger.valueOf(min), BigInteger.valueOf(max));
    }

    /** The signed {@code bits}-bit integers, {@code [−2^(bits−1), 2^(bits−1) − 1]}. */
    public static Interval signedBits(int bits) {
        if (bits < 1 || bits > MAX_BITS) {
            throw new IllegalArgumentException("signed width must be 1.." + MAX_BITS + " bits, got " + bits);
        }
        BigInteger half = BigInteger.ONE.shiftLeft(bits - 1);
        return new Interval(half.negate(), half.subtract(BigInteger.ONE));
    }

    /** The values of magnitude at most {@code bound}, {@code [−bound, bound]} (a quantizer's static bound). */
    public static Interval magnitude(long bound) {
        return of(-bound, bound);
    }

    /** The smallest {@code n} with {@code [min, max] ⊆ [−2^(n−1), 2^(n−1))}. */
    public int signedWidth() {
        int below = min.signum() < 0 ? min.negate().subtract(BigInteger.ONE).bitLength() : 0;
        int above = max.signum() > 0 ? max.bitLength() : 0;
        int n = Math.max(below, above) + 1;
        if (n > MAX_BITS) {
            throw new IllegalArgumentException("interval " + this + " needs " + n + " signed bits, more than the "
                    + MAX_BITS + " a gadget accepts (values would come too close to the field size)");
        }
        return n;
    }

    /** Whether {@code v} lies in the interval. */
    public boolean contains(BigInteger v) {
        return min.compareTo(v) <= 0 && v.compareTo(max) <= 0;
    }

    /** {@code {x + k}}. */
    public Interval plus(BigInteger k) {
        return new Interval(min.add(k), max.add(k));
    }

    /** {@code {k − x}}. */
    public Interval subtractedFrom(BigInteger k) {
        return new Interval(k.subtract(max), k.subtract(min));
    }

    /** {@code {x · k}}. */
    public Interval times(BigInteger k) {
        BigInteger a = min.multiply(k);
        BigInteger b = max.multiply(k);
        return new Interval(a.min(b), a.max(b));
    }

    /** {@code {floorDiv(x, d)}} for {@code d ≥ 1}. */
    public Interval floorDiv(BigInteger d) {
        return new Interval(floor(min, d), floor(max, d));
    }

    /** The interval of {@code x + y} for x in this and y in {@code o}. */
    public Interval plus(Interval o) {
        return new Interval(min.add(o.min), max.add(o.max));
    }

    private static BigInteger floor(BigInteger n, BigInteger d) {
        BigInteger[] qr = n.divideAndRemainder(d);
        return qr[1].signum() < 0 ? qr[0].subtract(BigInteger.ONE) : qr[0];
    }

    @Override
    public String toString() {
        return "[" + min + ", " + max + "]";
    }
}
