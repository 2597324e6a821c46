package io.zkinfer.circuits.compile;

import io.zkinfer.algebra.field.Fr;
import io.zkinfer.circuits.builder.CircuitBuilder;
import io.zkinfer.circuits.builder.Signal;
import io.zkinfer.circuits.builder.SignedEncoding;
import io.zkinfer.circuits.gadgets.Interval;
import io.zkinfer.inference.exec.ConvShape;
import io.zkinfer.inference.exec.ConvTransposeTaps;
import io.zkinfer.inference.exec.IntegerLinearOps;
import io.zkinfer.inference.exec.Nd;
import io.zkinfer.inference.exec.Window2d;
import io.zkinfer.inference.ir.Node;
import io.zkinfer.inference.ir.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code IntMatMul}, {@code IntConv} and {@code IntConvTranspose} (docs/quantization.md, section 3). With constant
 * weights every output is a free linear combination {@code Σ w·x + bias} of its inputs: no constraint, so the cost
 * grows with activations, not weights. With weights that are signals (hashed weights, or a product of two
 * activations) each multiply-accumulate is one {@link CircuitBuilder#mul} constraint. The index arithmetic is the
 * executor's: MatMul broadcasting ({@link BroadcastMap}), {@link Window2d} and {@link ConvTransposeTaps}.
 */
final class LinearOperators {

    private LinearOperators() {
    }

    /** {@code IntMatMul(a, b[, bias])}: MatMul broadcasting, plus bias (one value or one per column). */
    static void matMul(BuildState s, Node n, int node) {
        String an = n.inputs().get(0);
        String bn = n.inputs().get(1);
        long[] shA = s.shape(an);
        long[] shB = s.shape(bn);
        long[] sa = shA.length == 1 ? new long[] {1, shA[0]} : shA;
        long[] sb = shB.length == 1 ? new long[] {shB[0], 1} : shB;
        if (sa.length < 2 || sb.length < 2 || sb[sb.length - 2] != sa[sa.length - 1]) {
            throw new IllegalArgumentException(n.describe() + ": inner dimensions differ, " + Arrays.toString(shA)
                    + " x " + Arrays.toString(shB));
        }
        int m = (int) sa[sa.length - 2];
        int k = (int) sa[sa.length - 1];
        int cols = (int) sb[sb.length - 1];
        long[] batchA = Arrays.copyOf(sa, sa.length - 2);
        long[] batchB = Arrays.copyOf(sb, sb.length - 2);
        BroadcastMap batch = BroadcastMap.of(n, batchA, batchB);
        Bias bias = Bias.of(s, n, cols, true);
        boolean constantB = s.isConstant(bn) && !s.isConstant(an);
        boolean constantA = s.isConstant(an) && !s.isConstant(bn);
        SignalTensor a = constantA ? null : s.signal(an);
        SignalTensor bt = constantB ? null : s.signal(bn);
        WeightVector[] vectors = null; // columns of a constant B, or rows of a constant A
        if (constantB) {
            long[] w = s.constant(bn).longs("weights of " + n.describe());
            int nb = (int) Tensor.elementCount(batchB);
            vectors = s.plan.prepared(node, () -> {
                WeightVector[] c = new WeightVector[nb * cols];
                for (int i = 0; i < c.length; i++) {
                    c[i] = WeightVector.of(w, (i / cols) * k * cols + i % cols, cols, k);
                }
                return c;
            });
        } else if (constantA) {
            long[] w = s.constant(an).longs("weights of " + n.describe());
            int na = (int) Tensor.elementCount(batchA);
            vectors = s.plan.prepared(node, () -> {
                WeightVector[] r = new WeightVector[na * m];
                for (int i = 0; i < r.length; i++) {
                    r[i] = WeightVector.of(w, i * k, 1, k);
                }
                return r;
            });
        }
        Interval range = null;
        if (constantB) {
            for (int i = 0; i < vectors.length; i++) {
                range = hull(range, vectors[i].range(a.range()).plus(bias.range(i % cols)));
            }
        } else if (constantA) {
            for (WeightVector row : vectors) {
                range = hull(range, row.range(bt.range()).plus(bias.range()));
            }
        } else {
            range = IntervalMath.scaled(IntervalMath.product(a.range(), bt.range()), k).plus(bias.range());
        }
        range = range == null ? bias.range() : range;
        if (accumulate(s, n, node) && (constantA || constantB)) {
            Nd y = IntegerLinearOps.matMul(n, constantA ? s.constant(an) : BuildState.values(a),
                    constantB ? s.constant(bn) : BuildState.values(bt), bias(s, n), null);
            s.output(n, constants(s, y, range));
            return;
        }
        CircuitBuilder b = s.b;
        Signal[] out = new Signal[batch.size() * m * cols];
        int[] xIndex = new int[k];
        int[] wIndex = new int[k];
        for (int r = 0; r < batch.size() * m; r++) {
            int bi = r / m;
            int rowBase = batch.a()[bi] * m * k + (r % m) * k;
            int colBase = batch.b()[bi] * k * cols;
            for (int j = 0; j < cols; j++) {
                for (int t = 0; t < k; t++) {
                    xIndex[t] = constantA ? colBase + t * cols + j : rowBase + t;
                    wIndex[t] = constantB || constantA ? t : colBase + t * cols + j;
                }
                Fr[] constant = constantB ? vectors[batch.b()[bi] * cols + j].coefficients()
                        : constantA ? vectors[batch.a()[bi] * m + r % m].coefficients() : null;
                out[r * cols + j] = dot(b, constantA ? bt : a, xIndex, wIndex, k, constant, bt, bias, j);
            }
        }
        long[] shape = Arrays.copyOf(batch.shape(), batch.shape().length + (shA.length != 1 ? 1 : 0)
                + (shB.length != 1 ? 1 : 0));
        int d = batch.shape().length;
        if (shA.length != 1) {
            shape[d++] = m;
        }
        if (shB.length != 1) {
            shape[d] = cols;
        }
        s.output(n, new SignalTensor(shape, out, range));
    }

    /** {@code IntConv(x, w[, bias])}: 2-D convolution (groups, pads, strides, dilations), plus bias per channel. */
    static void conv(BuildState s, Node n, int node) {
        SignalTensor x = s.input(n, 0);
        String wn = n.inputs().get(1);
        ConvShape cs = ConvShape.of(n, x.shape(), s.shape(wn));
        int batch = cs.batch();
        int c = cs.channels();
        int h = cs.height();
        int wd = cs.width();
        int m = cs.outChannels();
        int cg = cs.channelsPerGroup();
        int kh = cs.kh();
        int kw = cs.kw();
        Bias bias = Bias.of(s, n, m, false);
        Window2d g = cs.window(n);
        int mg = cs.outPerGroup();
        int taps = cg * kh * kw;
        KernelWeights w = KernelWeights.of(s, n, node, wn, m, taps, oc -> {
            int[] idx = new int[taps];
            for (int i = 0; i < taps; i++) {
                idx[i] = oc * taps + i;
            }
            return idx;
        });
        Interval xr = IntervalMath.withZero(x.range()); // taps in the padding contribute 0
        if (accumulate(s, n, node) && s.isConstant(wn)) {
            Nd y = IntegerLinearOps.conv(n, BuildState.values(x), s.constant(wn), bias(s, n), null);
            s.output(n, constants(s, y, w.range(xr, bias)));
            return;
        }
        int oh = g.outH();
        int ow = g.outW();
        Signal[] out = new Signal[batch * m * oh * ow];
        int[] xIndex = new int[taps];
        int[] wIndex = new int[taps];
        for (int bn = 0; bn < batch; bn++) {
            for (int oc = 0; oc < m; oc++) {
                int first = (oc / mg) * cg;
                for (int oy = 0; oy < oh; oy++) {
                    for (int ox = 0; ox < ow; ox++) {
                        int count = 0;
                        for (int ic = 0; ic < cg; ic++) {
                            int xBase = (bn * c + first + ic) * h * wd;
                            for (int ky = 0; ky < kh; ky++) {
                                int iy = oy * g.sh() - g.padTop() + ky * g.dh();
                                for (int kx = 0; kx < kw && iy >= 0 && iy < h; kx++) {
                                    int ix = ox * g.sw() - g.padLeft() + kx * g.dw();
                                    if (ix >= 0 && ix < wd) {
                                        xIndex[count] = xBase + iy * wd + ix;
                                        wIndex[count++] = oc * taps + (ic * kh + ky) * kw + kx;
                                    }
                                }
                            }
                        }
                        out[((bn * m + oc) * oh + oy) * ow + ox] = dot(s.b, x, xIndex, wIndex, count, w.encoded(),
                                w.signals(), bias, oc);
                    }
                }
            }
        }
        s.output(n, new SignalTensor(new long[] {batch, m, oh, ow}, out, w.range(xr, bias)));
    }

    /** {@code IntConvTranspose(x, w[, bias])}: the executor's scatter ({@link ConvTransposeTaps}), gathered per output. */
    static void convTranspose(BuildState s, Node n, int node) {
        SignalTensor x = s.input(n, 0);
        String wn = n.inputs().get(1);
        ConvTransposeTaps taps = ConvTransposeTaps.of(n, x.shape(), s.shape(wn));
        int m = taps.outChannels();
        int mg = taps.mg();
        int cg = taps.cg();
        int kk = taps.kh() * taps.kw();
        Bias bias = Bias.of(s, n, m, false);
        // per output channel, the weights reaching it: w[ic, om, ·, ·] for ic in its group
        KernelWeights w = KernelWeights.of(s, n, node, wn, m, cg * kk, oc -> {
            int[] idx = new int[cg * kk];
            for (int i = 0; i < idx.length; i++) {
                int ic = (oc / mg) * cg + i / kk;
                idx[i] = (ic * mg + oc % mg) * kk + i % kk;
            }
            return idx;
        });
        if (accumulate(s, n, node) && s.isConstant(wn)) {
            Nd y = IntegerLinearOps.convTranspose(n, BuildState.values(x), s.constant(wn), bias(s, n));
            s.output(n, constants(s, y, w.range(IntervalMath.withZero(x.range()), bias)));
            return;
        }
        // count the terms of each output, then list them in the same order
        int size = taps.outputSize();
        int[] start = new int[size + 1];
        taps.forEachTap((i, k, o) -> start[o + 1]++);
        for (int o = 0; o < size; o++) {
            start[o + 1] += start[o];
        }
        int[] fill = Arrays.copyOf(start, size);
        int[] xIndex = new int[start[size]];
        int[] wIndex = new int[start[size]];
        taps.forEachTap((i, k, o) -> {
            xIndex[fill[o]] = i;
            wIndex[fill[o]++] = k;
        });
        int plane = taps.outH() * taps.outW();
        Signal[] out = new Signal[size];
        for (int o = 0; o < size; o++) {
            int from = start[o];
            int count = start[o + 1] - from;
            out[o] = dot(s.b, x, Arrays.copyOfRange(xIndex, from, from + count),
                    Arrays.copyOfRange(wIndex, from, from + count), count, w.encoded(), w.signals(), bias,
                    (o / plane) % m);
        }
        Interval xr = IntervalMath.withZero(x.range());
        s.output(n, new SignalTensor(taps.outputShape(), out, w.range(xr, bias)));
    }

    /**
     * {@code Σ_t w[wIndex[t]]·x[xIndex[t]] + bias[channel]} over {@code count} terms: a free linear combination for
     * constant weights ({@code encoded}, null entries skipped), one product per term for weight signals.
     */
    private static Signal dot(CircuitBuilder b, SignalTensor x, int[] xIndex, int[] wIndex, int count, Fr[] encoded,
                              SignalTensor signals, Bias bias, int channel) {
        if (encoded != null) {
            Signal[] xs = new Signal[count + 1];
            Fr[] ks = new Fr[count + 1];
            int used = 0;
            for (int t = 0; t < count; t++) {
                Fr k = encoded[wIndex[t]];
                if (k != null) {
                    xs[used] = x.get(xIndex[t]);
                    ks[used++] = k;
                }
            }
            Fr constantBias = bias.encoded(channel);
            if (constantBias != null) {
                xs[used] = b.one();
                ks[used++] = constantBias;
            }
            Signal sum = b.linear(used == xs.length ? xs : Arrays.copyOf(xs, used),
                    used == ks.length ? ks : Arrays.copyOf(ks, used));
            return bias.addSignal(b, sum, channel);
        }
        List<Signal> terms = new ArrayList<>(count);
        for (int t = 0; t < count; t++) {
            terms.add(b.mul(x.get(xIndex[t]), signals.get(wIndex[t])));
        }
        return bias.add(b, b.sum(terms), channel);
    }

    /**
     * Whether this witness-only build may take the node's accumulators as constants of their value (see
     * {@link ModelPlan#valueOnly}): its weights and bias are constants and only a Rescale that divides uses it.
     */
    private static boolean accumulate(BuildState s, Node n, int node) {
        return s.witnessOnly && s.plan.valueOnly[node]
                && s.isConstant(n.inputs().get(0)) != s.isConstant(n.inputs().get(1))
                && (!n.hasInput(2) || s.isConstant(n.inputs().get(2)));
    }

    private static Nd bias(BuildState s, Node n) {
        return n.hasInput(2) ? s.constant(n.inputs().get(2)) : null;
    }

    /** The executor's accumulators {@code y} as {@link CircuitBuilder#opaque} combinations of the same values. */
    private static SignalTensor constants(BuildState s, Nd y, Interval range) {
        long[] v = y.longs("accumulator");
        Signal[] out = new Signal[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = s.b.opaque(SignedEncoding.encode(v[i]));
        }
        return new SignalTensor(y.shape(), out, range);
    }

    static Interval hull(Interval a, Interval b) {
        return a == null ? b : IntervalMath.hull(a, b);
    }
}
