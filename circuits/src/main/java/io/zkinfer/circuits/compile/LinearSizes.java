package io.zkinfer.circuits.compile;

import io.zkinfer.circuits.gadgets.Interval;
import io.zkinfer.inference.exec.ConvShape;
import io.zkinfer.inference.exec.ConvTransposeTaps;
import io.zkinfer.inference.exec.Window2d;
import io.zkinfer.inference.ir.Node;
import io.zkinfer.inference.ir.Tensor;

import java.util.Arrays;

/**
 * The sizes of {@link LinearOperators}' circuits: free with constant weights (only the output interval is
 * computed, from the sums of each weight vector's positive and negative weights, as the compiler computes it), one
 * product per multiply-accumulate with weights that are signals.
 */
final class LinearSizes {

    private LinearSizes() {
    }

    /** The size of a node's circuit: its output and its constraint count. */
    record Sized(EstimatedTensor out, long constraints) {
    }

    /** {@code IntMatMul(a, b[, bias])}. */
    static Sized matMul(Node n, EstimatedTensor a, EstimatedTensor b, EstimatedTensor bias) {
        long[] shA = a.shape();
        long[] shB = b.shape();
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
        long[] batch = broadcast(n, batchA, batchB);
        boolean constantB = b.isConstant() && !a.isConstant();
        boolean constantA = a.isConstant() && !b.isConstant();
        Interval range = null;
        long cost = 0;
        if (constantB) {
            long[] w = b.constant().longs("weights of " + n.describe());
            int vectors = (int) Tensor.elementCount(batchB) * cols;
            for (int i = 0; i < vectors; i++) {
                long[] pn = sums(w, (i / cols) * k * cols + i % cols, cols, k);
                range = hull(range, IntervalMath.dot(a.range(), pn[0], pn[1]).plus(biasRange(bias, i % cols)));
            }
        } else if (constantA) {
            long[] w = a.constant().longs("weights of " + n.describe());
            int vectors = (int) Tensor.elementCount(batchA) * m;
            for (int i = 0; i < vectors; i++) {
                long[] pn = sums(w, i * k, 1, k);
                range = hull(range, IntervalMath.dot(b.range(), pn[0], pn[1]).plus(biasRange(bias)));
            }
        } else {
            range = IntervalMath.scaled(IntervalMath.product(a.range(), b.range()), k).plus(biasRange(bias));
            cost = Tensor.elementCount(batch) * m * cols * (long) k;
        }
        range = range == null ? biasRange(bias) : range;
        long[] shape = Arrays.copyOf(batch, batch.length + (shA.length != 1 ? 1 : 0) + (shB.length != 1 ? 1 : 0));
        int d = batch.length;
        if (shA.length != 1) {
            shape[d++] = m;
        }
        if (shB.length != 1) {
            shape[d] = cols;
        }
        return new Sized(EstimatedTensor.signals(shape, range, false), cost);
    }

    /** {@code IntConv(x, w[, bias])}. */
    static Sized conv(Node n, EstimatedTensor x, EstimatedTensor w, EstimatedTensor bias) {
        long[] xs = x.shape();
        ConvShape cs = ConvShape.of(n, xs, w.shape());
        int m = cs.outChannels();
        int cg = cs.channelsPerGroup();
        int kh = cs.kh();
        int kw = cs.kw();
        Window2d g = cs.window(n);
        int taps = cg * kh * kw;
        Interval xr = IntervalMath.withZero(x.range());
        long[] shape = {xs[0], m, g.outH(), g.outW()};
        if (w.isConstant()) {
            long[] wv = w.constant().longs("weights of " + n.describe());
            Interval range = null;
            for (int oc = 0; oc < m; oc++) {
                long[] pn = sums(wv, oc * taps, 1, taps);
                range = hull(range, IntervalMath.dot(xr, pn[0], pn[1]).plus(biasRange(bias, oc)));
            }
            return new Sized(EstimatedTensor.signals(shape, range == null ? biasRange(bias) : range, false), 0);
        }
        long rows = sum(WindowSizes.taps(g.outH(), g.sh(), g.padTop(), kh, g.dh(), (int) xs[2]));
        long cols = sum(WindowSizes.taps(g.outW(), g.sw(), g.padLeft(), kw, g.dw(), (int) xs[3]));
        Interval range = IntervalMath.scaled(IntervalMath.product(xr, w.range()), taps).plus(biasRange(bias));
        return new Sized(EstimatedTensor.signals(shape, range, false), xs[0] * m * cg * rows * cols);
    }

    /** {@code IntConvTranspose(x, w[, bias])}, on the executor's geometry ({@link ConvTransposeTaps}). */
    static Sized convTranspose(Node n, EstimatedTensor x, EstimatedTensor w, EstimatedTensor bias) {
        ConvTransposeTaps t = ConvTransposeTaps.of(n, x.shape(), w.shape());
        int m = t.outChannels();
        int mg = t.mg();
        int cg = t.cg();
        int kk = t.kh() * t.kw();
        Interval xr = IntervalMath.withZero(x.range());
        if (w.isConstant()) {
            long[] wv = w.constant().longs("weights of " + n.describe());
            Interval range = null;
            for (int oc = 0; oc < m; oc++) {
                long pos = 0;
                long neg = 0;
                for (int i = 0; i < cg * kk; i++) {
                    int ic = (oc / mg) * cg + i / kk;
                    long v = wv[(ic * mg + oc % mg) * kk + i % kk];
                    pos = v > 0 ? Math.addExact(pos, v) : pos;
                    neg = v < 0 ? Math.addExact(neg, v) : neg;
                }
                range = hull(range, IntervalMath.dot(xr, pos, neg).plus(biasRange(bias, oc)));
            }
            return new Sized(EstimatedTensor.signals(t.outputShape(), range == null ? biasRange(bias) : range, false),
                    0);
        }
        long rows = scattered(t.height(), t.kh(), t.strides()[0], t.dilations()[0], t.padTop(), t.outH());
        long cols = scattered(t.width(), t.kw(), t.strides()[1], t.dilations()[1], t.padLeft(), t.outW());
        Interval range = IntervalMath.scaled(IntervalMath.product(xr, w.range()), cg * kk).plus(biasRange(bias));
        return new Sized(EstimatedTensor.signals(t.outputShape(), range, false),
                (long) t.batch() * t.channels() * mg * rows * cols);
    }

    /** The (input, kernel) position pairs of one axis of a transposed convolution that land inside the output. */
    private static long scattered(int in, int k, long stride, long dilation, long pad, long out) {
        long count = 0;
        for (int i = 0; i < in; i++) {
            for (int t = 0; t < k; t++) {
                long o = i * stride - pad + t * dilation;
                count += o >= 0 && o < out ? 1 : 0;
            }
        }
        return count;
    }

    /** The sums of the positive and of the negative weights {@code w[from + t·stride]}, {@code t < count}. */
    private static long[] sums(long[] w, int from, int stride, int count) {
        long pos = 0;
        long neg = 0;
        for (int t = 0; t < count; t++) {
            long v = w[from + t * stride];
            if (v > 0) {
                pos = Math.addExact(pos, v);
            } else {
                neg = Math.addExact(neg, v);
            }
        }
        return new long[] {pos, neg};
    }

    /** The bias of {@code channel} as {@link Bias#range(int)} gives it. */
    private static Interval biasRange(EstimatedTensor bias, int channel) {
        if (bias == null) {
            return Interval.of(0, 0);
        }
        if (!bias.isConstant()) {
            return bias.range();
        }
        long[] v = bias.constant().longs("bias");
        long b = v[v.length == 1 ? 0 : channel];
        return Interval.of(b, b);
    }

    /** A range holding every channel's bias, as {@link Bias#range()} gives it. */
    private static Interval biasRange(EstimatedTensor bias) {
        return bias == null ? Interval.of(0, 0) : bias.range();
    }

    /** ONNX multidirectional broadcasting of two shapes. */
    static long[] broadcast(Node n, long[] a, long[] b) {
        int r = Math.max(a.length, b.length);
        long[] out = new long[r];
        for (int i = 0; i < r; i++) {
            long da = i < r - a.length ? 1 : a[i - (r - a.length)];
            long db = i < r - b.length ? 1 : b[i - (r - b.length)];
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException(n.describe() + ": shapes " + Arrays.toString(a) + " and "
                        + Arrays.toString(b) + " do not broadcast");
            }
            out[i] = da == 1 ? db : da;
        }
        return out;
    }

    static Interval hull(Interval a, Interval b) {
        return a == null ? b : IntervalMath.hull(a, b);
    }

    static long sum(long[] v) {
        long s = 0;
        for (long x : v) {
            s += x;
        }
        return s;
    }
}
