package io.zkinfer.circuits.compile;

import io.zkinfer.algebra.field.Fr;
import io.zkinfer.circuits.builder.SignedEncoding;
import io.zkinfer.circuits.gadgets.Interval;
import io.zkinfer.inference.ir.Node;

import java.util.function.IntFunction;

/**
 * The weights of a convolution: constants encoded once per model as field elements (null where 0), with the sums
 * of the positive and of the negative weights reaching each output channel; or signals (hashed weights), whose
 * range is the quantizer's bound.
 *
 * @param encoded  the constant weights by flat index, or null for signals
 * @param signals  the weight signals, or null for constants
 * @param positive per output channel, the sum of the positive constant weights reaching it
 * @param negative per output channel, the sum of the negative constant weights reaching it
 * @param taps     the number of weights reaching one output (input channels per group × kernel positions)
 */
record KernelWeights(Fr[] encoded, SignalTensor signals, long[] positive, long[] negative, int taps) {

    private record Prepared(Fr[] encoded, long[] positive, long[] negative) {
    }

    /**
     * The weights {@code name} of node {@code n}; {@code reaching.apply(oc)} lists the flat weight indices that
     * reach output channel oc.
     */
    static KernelWeights of(BuildState s, Node n, int node, String name, int channels, int taps,
                            IntFunction<int[]> reaching) {
        if (!s.isConstant(name)) {
            return new KernelWeights(null, s.signal(name), null, null, taps);
        }
        long[] w = s.constant(name).longs("weights of " + n.describe());
        Prepared p = s.plan.prepared(node, () -> {
            Fr[] e = new Fr[w.length];
            for (int i = 0; i < w.length; i++) {
                e[i] = w[i] == 0 ? null : SignedEncoding.encode(w[i]);
            }
            long[] pos = new long[channels];
            long[] neg = new long[channels];
            for (int oc = 0; oc < channels; oc++) {
                for (int i : reaching.apply(oc)) {
                    if (w[i] > 0) {
                        pos[oc] = Math.addExact(pos[oc], w[i]);
                    } else {
                        neg[oc] = Math.addExact(neg[oc], w[i]);
                    }
                }
            }
            return new Prepared(e, pos, neg);
        });
        return new KernelWeights(p.encoded(), null, p.positive(), p.negative(), taps);
    }

    /** The range of every output, for inputs in {@code x} (which must hold 0: padding taps are absent). */
    Interval range(Interval x, Bias bias) {
        if (signals != null) {
            return IntervalMath.scaled(IntervalMath.product(x, signals.range()), taps).plus(bias.range());
        }
        Interval r = null;
        for (int oc = 0; oc < positive.length; oc++) {
            Interval channel = IntervalMath.dot(x, positive[oc], negative[oc]).plus(bias.range(oc));
            r = r == null ? channel : IntervalMath.hull(r, channel);
        }
        return r == null ? bias.range() : r;
    }
}
