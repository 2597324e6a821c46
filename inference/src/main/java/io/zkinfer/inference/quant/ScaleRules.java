package io.zkinfer.inference.quant;

/**
 * The scale and bound rules of docs/quantization.md: power-of-two scales chosen from a value's largest
 * magnitude, round-half-up quantization of constants, and saturating bound arithmetic with the 2^62 limit.
 */
final class ScaleRules {

    /** The largest static bound any value (or intermediate product) of a quantized model may have. */
    static final long MAX_BOUND = 1L << 62;

    /** The largest scale a constant weight gets from its own range. */
    static final int MAX_WEIGHT_SCALE_BITS = 40;

    private ScaleRules() {
    }

    /**
     * The largest {@code s <= maxScaleBits} with {@code maxAbs * 2^s <= 2^(bits-1) - 1}, i.e.
     * {@code floor(log2((2^(bits-1)-1) / maxAbs))} capped; {@code maxScaleBits} when {@code maxAbs} is 0.
     */
    static int scaleBits(double maxAbs, int bits, int maxScaleBits) {
        double top = (1L << (bits - 1)) - 1;
        if (!(maxAbs > 0) || Double.isInfinite(maxAbs)) {
            return Double.isInfinite(maxAbs) ? -maxScaleBits : maxScaleBits;
        }
        int s = (int) Math.floor(Math.log(top / maxAbs) / Math.log(2));
        while (Math.scalb(maxAbs, s) > top) {
            s--;
        }
        while (Math.scalb(maxAbs, s + 1) <= top) {
            s++;
        }
        return Math.max(-62, Math.min(s, maxScaleBits));
    }

    /** The largest magnitude in {@code values} (NaN counted as 0). */
    static double maxAbs(float[] values) {
        double m = 0;
        for (float v : values) {
            if (Math.abs(v) > m) {
                m = Math.abs(v);
            }
        }
        return m;
    }

    /** {@code floor(v * 2^s + 0.5)} in double, clamped to {@code [lo, hi]}. */
    static long quantize(double v, int s, long lo, long hi) {
        double q = Math.floor(Math.scalb(v, s) + 0.5);
        return Double.isNaN(q) ? 0 : (long) Math.max(lo, Math.min(hi, q));
    }

    /** Each value quantized at scale {@code s} into signed {@code bits}. */
    static long[] quantize(float[] v, int s, int bits) {
        long hi = (1L << (bits - 1)) - 1;
        long[] q = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            q[i] = quantize(v[i], s, -hi - 1, hi);
        }
        return q;
    }

    /**
     * Each value quantized at scale {@code s} without a width limit (biases, addends); a value beyond the long range
     * saturates, and the builder refuses any constant whose bound exceeds {@link #MAX_BOUND}.
     */
    static long[] quantizeWide(double[] v, int s) {
        long[] q = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            q[i] = quantize(v[i], s, -Long.MAX_VALUE, Long.MAX_VALUE);
        }
        return q;
    }

    static long maxAbs(long[] values) {
        long m = 0;
        for (long v : values) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    /** {@code a * b}, saturating at {@link Long#MAX_VALUE}, for non-negative bounds. */
    static long mul(long a, long b) {
        long hi = Math.multiplyHigh(a, b);
        long lo = a * b;
        return hi != 0 || lo < 0 ? Long.MAX_VALUE : lo;
    }

    /** {@code a + b}, saturating at {@link Long#MAX_VALUE}, for non-negative bounds. */
    static long add(long a, long b) {
        long s = a + b;
        return s < 0 ? Long.MAX_VALUE : s;
    }

    /** {@code 2^k} for {@code 0 <= k <= 62}, saturating above. */
    static long pow2(int k) {
        return k >= 63 ? Long.MAX_VALUE : 1L << k;
    }

    /** log2 of a bound, for messages. */
    static String log2(long bound) {
        return String.format(java.util.Locale.ROOT, "2^%.1f", Math.log(Math.max(bound, 1)) / Math.log(2));
    }

    /** Signed bits needed to hold {@code |q| <= bound}. */
    static int bitsFor(long bound) {
        return 65 - Long.numberOfLeadingZeros(Math.max(bound, 1));
    }
}
