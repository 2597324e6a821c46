package io.zkinfer.circuits.compile;

import io.zkinfer.algebra.field.Fr;
import io.zkinfer.circuits.builder.SignedEncoding;
import io.zkinfer.circuits.gadgets.Interval;

/**
 * A row or column of constant weights, prepared once per model for the free linear combinations of
 * {@code IntMatMul}, {@code IntConv} and {@code IntConvTranspose}: every weight encoded as a field element (null
 * where it is 0, which contributes nothing), and the sums of its positive and of its negative weights, from which
 * the range of a dot product follows.
 *
 * @param coefficients the weights as field elements, null for zero weights
 * @param positive     the sum of the positive weights
 * @param negative     the sum of the negative weights
 */
record WeightVector(Fr[] coefficients, long positive, long negative) {

    /** The weights {@code w[from + t·stride]} for {@code t < count}. */
    static WeightVector of(long[] w, int from, int stride, int count) {
        Fr[] c = new Fr[count];
        long p = 0;
        long n = 0;
        for (int t = 0; t < count; t++) {
            long v = w[from + t * stride];
            if (v != 0) {
                c[t] = SignedEncoding.encode(v);
                if (v > 0) {
                    p = Math.addExact(p, v);
                } else {
                    n = Math.addExact(n, v);
                }
            }
        }
        return new WeightVector(c, p, n);
    }

    /**
     * The range of {@code Σ w_t·x_t} with each x_t in {@code x}; pass an {@code x} holding 0 when some terms may be
     * absent (a convolution's taps in the padding).
     */
    Interval range(Interval x) {
        return IntervalMath.dot(x, positive, negative);
    }
}
