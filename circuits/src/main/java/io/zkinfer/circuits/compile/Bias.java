package io.zkinfer.circuits.compile;

import io.zkinfer.algebra.field.Fr;
import io.zkinfer.circuits.builder.CircuitBuilder;
import io.zkinfer.circuits.builder.Signal;
import io.zkinfer.circuits.builder.SignedEncoding;
import io.zkinfer.circuits.gadgets.Interval;
import io.zkinfer.inference.ir.Node;

/**
 * The optional bias (input 2) of a linear operator: absent, constant (one value, or one per channel) or signals
 * (a hashed weight).
 */
final class Bias {

    private static final Bias NONE = new Bias(null, null, null);

    private final long[] constant;
    private final Fr[] encoded;
    private final SignalTensor signals;

    private Bias(long[] constant, Fr[] encoded, SignalTensor signals) {
        this.constant = constant;
        this.encoded = encoded;
        this.signals = signals;
    }

    /**
     * The bias of {@code n} for {@code channels} channels; {@code oneForAll} allows a single value (IntMatMul).
     * Throws naming the node when its length fits neither.
     */
    static Bias of(BuildState s, Node n, int channels, boolean oneForAll) {
        if (!n.hasInput(2)) {
            return NONE;
        }
        String name = n.inputs().get(2);
        long[] shape = s.shape(name);
        long size = io.zkinfer.inference.ir.Tensor.elementCount(shape);
        if (size != channels && !(oneForAll && size == 1)) {
            throw new IllegalArgumentException(n.describe() + ": bias has " + size + " values for " + channels
                    + (oneForAll ? " columns" : " output channels; it must have " + channels + " values"));
        }
        if (!s.isConstant(name)) {
            return new Bias(null, null, s.signal(name));
        }
        long[] v = s.constant(name).longs("the bias of " + n.describe());
        Fr[] e = new Fr[v.length];
        for (int i = 0; i < v.length; i++) {
            e[i] = v[i] == 0 ? null : SignedEncoding.encode(v[i]);
        }
        return new Bias(v, e, null);
    }

    private int at(int channel, int length) {
        return length == 1 ? 0 : channel;
    }

    /** The constant bias of {@code channel} as a field element, null when there is none or it is 0. */
    Fr encoded(int channel) {
        return encoded == null ? null : encoded[at(channel, encoded.length)];
    }

    /** {@code sum} plus the bias of {@code channel} when the bias is signals (constants are left to the caller). */
    Signal addSignal(CircuitBuilder b, Signal sum, int channel) {
        return signals == null ? sum : b.add(sum, signals.get(at(channel, signals.size())));
    }

    /** {@code sum} plus the bias of {@code channel}, constant or signal. */
    Signal add(CircuitBuilder b, Signal sum, int channel) {
        if (constant != null) {
            return b.add(sum, b.constant(constant[at(channel, constant.length)]));
        }
        return addSignal(b, sum, channel);
    }

    /** The range of the bias of {@code channel}. */
    Interval range(int channel) {
        if (constant != null) {
            long v = constant[at(channel, constant.length)];
            return Interval.of(v, v);
        }
        return range();
    }

    /** A range holding the bias of every channel. */
    Interval range() {
        if (constant != null) {
            return IntervalMath.ofValues(constant);
        }
        return signals != null ? signals.range() : Interval.of(0, 0);
    }
}
