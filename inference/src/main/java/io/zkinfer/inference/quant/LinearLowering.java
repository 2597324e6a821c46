package io.zkinfer.inference.quant;

import io.zkinfer.inference.ir.Attribute;
import io.zkinfer.inference.ir.Node;
import io.zkinfer.inference.ir.Tensor;
import io.zkinfer.inference.quant.IntegerGraphBuilder.QValue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lowers Gemm, MatMul, Conv, ConvTranspose and a BatchNormalization left unfolded into an exact integer product
 * ({@code IntMatMul}, {@code IntConv}, {@code IntConvTranspose}, or {@code IntMul} + {@code IntAdd}) at the
 * accumulator scale {@code s_x + s_w}, followed by a {@code Rescale} to the output's calibrated scale. Constant
 * weights are quantized at {@code weightBits} (per output channel with {@code perChannel}), biases at the
 * accumulator scale as wide integers.
 */
final class LinearLowering {

    private LinearLowering() {
    }

    /** Quantized weights with one scale, or one per channel. */
    private record Weights(long[] q, int[] scales) {
        long bound() {
            return ScaleRules.maxAbs(q);
        }
    }

    static void lower(Lowering l, Node n) {
        switch (n.opType()) {
            case "Gemm" -> gemm(l, n);
            case "MatMul" -> matMul(l, n);
            case "Conv", "ConvTranspose" -> conv(l, n);
            default -> batchNorm(l, n);
        }
    }

    private static void gemm(Lowering l, Node n) {
        String aName = n.inputs().get(0);
        String bName = n.inputs().get(1);
        double alpha = n.floatAttr("alpha", 1f);
        double beta = n.floatAttr("beta", 1f);
        if (l.isConstant(aName)) {
            throw new IllegalArgumentException(n.describe() + ": a constant A with a computed B is not supported;"
                    + " export the layer as MatMul");
        }
        QValue a = l.act(aName);
        if (n.intAttr("transA", 0) != 0) {
            a = transpose(l, a, Lowering.out(n) + "_At");
        }
        long[] outShape = l.shape(Lowering.out(n));
        int cols = (int) outShape[1];
        String cName = n.hasInput(2) ? n.inputs().get(2) : null;
        double[] bias = null;
        boolean biasFolded = cName == null;
        // C folds into a per-column bias when it broadcasts along the rows: a scalar, [N], [1, N] or [1, 1]
        // (a C of shape [M, 1] is per row, even when M == N, and is added after the product)
        if (cName != null && l.isConstant(cName) && l.constant(cName).size() <= cols
                && (l.constant(cName).size() == 1 || l.constant(cName).size() == cols)
                && (l.constant(cName).rank() <= 1 || l.constant(cName).shape()[0] == 1)) {
            float[] c = l.constant(cName).floats();
            bias = new double[cols];
            for (int j = 0; j < cols; j++) {
                bias[j] = beta * c[c.length == 1 ? 0 : j];
            }
            biasFolded = true;
        }
        QValue acc;
        int[] accScales;
        if (l.isConstant(bName)) {
            Tensor bt = l.constant(bName);
            long[] bs = bt.shape();
            boolean tb = n.intAttr("transB", 0) != 0;
            int k = (int) (tb ? bs[1] : bs[0]);
            float[] f = bt.floats();
            double[] w = new double[k * cols];
            for (int p = 0; p < k; p++) {
                for (int j = 0; j < cols; j++) {
                    w[p * cols + j] = alpha * (tb ? f[j * k + p] : f[p * cols + j]);
                }
            }
            Weights wq = weights(l, w, new long[] {k, cols}, 1, l.opt.perChannel());
            QValue wv = l.b.constant(bName + "_q", new long[] {k, cols}, wq.q, null, l.opt.weightBits());
            recordScales(l, wv.name(), wq.scales, 1);
            accScales = plus(wq.scales, a.scale());
            acc = product(l, n, "IntMatMul", a, wv, wq, bias, accScales, k, Map.of(), 1);
        } else {
            if (alpha != 1) {
                throw new IllegalArgumentException(n.describe() + ": alpha " + alpha + " with a computed B is not"
                        + " supported; fold alpha into the producer of B");
            }
            QValue bv = l.act(bName);
            if (n.intAttr("transB", 0) != 0) {
                bv = transpose(l, bv, Lowering.out(n) + "_Bt");
            }
            int k = (int) l.shape(aName)[n.intAttr("transA", 0) != 0 ? 0 : 1];
            accScales = new int[] {a.scale() + bv.scale()};
            acc = product(l, n, "IntMatMul", a, bv, null, bias, accScales, k, Map.of(), 1);
        }
        if (!biasFolded) {
            QValue y = finish(l, n, acc, accScales, 1, l.b.fresh(Lowering.out(n) + "_ab"));
            l.values.put(Lowering.out(n), PointwiseLowering.add(l, n, y, cName, beta, Lowering.out(n)));
            return;
        }
        l.values.put(Lowering.out(n), finish(l, n, acc, accScales, 1, Lowering.out(n)));
    }

    private static void matMul(Lowering l, Node n) {
        String aName = n.inputs().get(0);
        String bName = n.inputs().get(1);
        long[] as = l.shape(aName);
        long[] bs = l.shape(bName);
        int k = (int) as[as.length - 1];
        int outRank = l.shape(Lowering.out(n)).length;
        if (l.isConstant(bName)) {
            QValue a = l.act(aName);
            boolean channels = l.opt.perChannel() && bs.length == 2;
            Weights wq = weights(l, toDouble(l.constant(bName).floats()), bs, bs.length - 1, channels);
            QValue wv = l.b.constant(bName + "_q", bs, wq.q, null, l.opt.weightBits());
            recordScales(l, wv.name(), wq.scales, bs.length - 1);
            int[] accScales = plus(wq.scales, a.scale());
            QValue acc = product(l, n, "IntMatMul", a, wv, wq, null, accScales, k, Map.of(), outRank - 1);
            l.values.put(Lowering.out(n), finish(l, n, acc, accScales, outRank - 1, Lowering.out(n)));
            return;
        }
        QValue bv = l.act(bName);
        QValue a;
        Weights aq = null;
        if (l.isConstant(aName)) {
            aq = weights(l, toDouble(l.constant(aName).floats()), as, 0, false);
            a = l.b.constant(aName + "_q", as, aq.q, aq.scales[0], l.opt.weightBits());
        } else {
            a = l.act(aName);
        }
        int[] accScales = {a.scale() + bv.scale()};
        QValue acc = product(l, n, "IntMatMul", a, bv, null, null, accScales, k, Map.of(), outRank - 1);
        l.values.put(Lowering.out(n), finish(l, n, acc, accScales, outRank - 1, Lowering.out(n)));
    }

    private static void conv(Lowering l, Node n) {
        boolean transposed = n.opType().equals("ConvTranspose");
        String wName = n.inputs().get(1);
        if (!l.isConstant(wName) || (n.hasInput(2) && !l.isConstant(n.inputs().get(2)))) {
            throw new IllegalArgumentException(n.describe() + ": weights and bias must be constants to quantize");
        }
        QValue x = l.act(n.inputs().get(0));
        long[] ws = l.constant(wName).shape();
        boolean channels = l.opt.perChannel() && !transposed;
        Weights wq = weights(l, toDouble(l.constant(wName).floats()), ws, 0, channels);
        QValue wv = l.b.constant(wName + "_q", ws, wq.q, null, l.opt.weightBits());
        recordScales(l, wv.name(), wq.scales, 0);
        int[] accScales = plus(wq.scales, x.scale());
        double[] bias = n.hasInput(2) ? toDouble(l.constant(n.inputs().get(2)).floats()) : null;
        long group = n.intAttr("group", 1);
        // terms per output: (input channels per group) x kernel positions
        long terms = (transposed ? ws[0] / Math.max(group, 1) : ws[1]) * ws[2] * ws[3];
        QValue acc = product(l, n, transposed ? "IntConvTranspose" : "IntConv", x, wv, wq, bias, accScales,
                terms, n.attributes(), 1);
        l.values.put(Lowering.out(n), finish(l, n, acc, accScales, 1, Lowering.out(n)));
    }

    /** A leftover BatchNormalization: {@code y = a_c x + c_c} per channel, with IntMul and IntAdd. */
    private static void batchNorm(Lowering l, Node n) {
        for (int i = 1; i < 5; i++) {
            if (!l.isConstant(n.inputs().get(i))) {
                throw new IllegalArgumentException(n.describe() + ": its parameters must be constants");
            }
        }
        QValue x = l.act(n.inputs().get(0));
        float[] s = l.constant(n.inputs().get(1)).floats();
        float[] bb = l.constant(n.inputs().get(2)).floats();
        float[] m = l.constant(n.inputs().get(3)).floats();
        float[] v = l.constant(n.inputs().get(4)).floats();
        double eps = n.floatAttr("epsilon", 1e-5f);
        int c = s.length;
        double[] a = new double[c];
        double[] shift = new double[c];
        for (int i = 0; i < c; i++) {
            a[i] = s[i] / Math.sqrt(v[i] + eps);
            shift[i] = bb[i] - m[i] * a[i];
        }
        long[] pshape = new long[l.shape(n.inputs().get(0)).length - 1];
        Arrays.fill(pshape, 1);
        pshape[0] = c;
        Weights aq = weights(l, a, new long[] {c}, 0, false);
        QValue av = l.b.constant(n.inputs().get(1) + "_q", pshape, aq.q, aq.scales[0], l.opt.weightBits());
        int accScale = x.scale() + aq.scales[0];
        QValue prod = l.b.emit("IntMul", l.b.fresh(Lowering.out(n) + "_ax"), List.of(x.name(), av.name()), Map.of(),
                accScale, ScaleRules.mul(x.bound(), aq.bound()));
        long[] cq = ScaleRules.quantizeWide(shift, accScale);
        QValue cv = l.b.constant(n.inputs().get(2) + "_q", pshape, cq, accScale, ScaleRules.bitsFor(
                ScaleRules.maxAbs(cq)));
        QValue sum = l.b.emit("IntAdd", l.b.fresh(Lowering.out(n) + "_acc"), List.of(prod.name(), cv.name()),
                Map.of("mul_a", new Attribute.Int(1), "mul_b", new Attribute.Int(1)), accScale,
                ScaleRules.add(prod.bound(), cv.bound()));
        l.values.put(Lowering.out(n), l.b.rescale(sum, l.scaleOf(Lowering.out(n)), Lowering.out(n)));
    }

    /** Emits the product node with bound {@code terms * |x| * |w| + |bias|}. */
    private static QValue product(Lowering l, Node n, String op, QValue x, QValue w, Weights wq, double[] bias,
                                  int[] accScales, long terms, Map<String, Attribute> attrs, int channelAxis) {
        List<String> inputs = new ArrayList<>(List.of(x.name(), w.name()));
        long biasBound = 0;
        if (bias != null) {
            long[] bq = new long[bias.length];
            for (int j = 0; j < bias.length; j++) {
                bq[j] = ScaleRules.quantizeWide(new double[] {bias[j]}, accScales[accScales.length == 1 ? 0 : j])[0];
            }
            QValue bv = l.b.constant(Lowering.out(n) + "_bias_q", new long[] {bq.length}, bq,
                    accScales.length == 1 ? accScales[0] : null, ScaleRules.bitsFor(ScaleRules.maxAbs(bq)));
            recordScales(l, bv.name(), accScales, 0);
            inputs.add(bv.name());
            biasBound = bv.bound();
        }
        long wBound = wq != null ? wq.bound() : w.bound();
        long bound = ScaleRules.add(ScaleRules.mul(terms, ScaleRules.mul(x.bound(), wBound)), biasBound);
        Integer scale = accScales.length == 1 ? accScales[0] : null;
        QValue acc = l.b.emit(op, l.b.fresh(Lowering.out(n) + "_acc"), inputs, attrs, scale, bound);
        if (accScales.length > 1) {
            l.b.recordChannels(acc.name(), accScales, channelAxis);
            acc = new QValue(acc.name(), accScales[0], bound);
        }
        return acc;
    }

    /** Rescales an accumulator (per-channel along {@code axis} when it has several scales) to the output scale. */
    private static QValue finish(Lowering l, Node n, QValue acc, int[] accScales, int axis, String out) {
        int to = l.scaleOf(Lowering.out(n));
        long[] mul = new long[accScales.length];
        long[] div = new long[accScales.length];
        for (int c = 0; c < accScales.length; c++) {
            int shift = to - accScales[c];
            if (Math.abs(shift) > 62) {
                throw new IllegalArgumentException(n.describe() + ": requantizing by " + shift + " bits; use fewer"
                        + " scale bits");
            }
            mul[c] = shift > 0 ? 1L << shift : 1;
            div[c] = shift < 0 ? 1L << -shift : 1;
        }
        return l.b.rescale(acc, mul, div, axis, to, out, l.opt.activationMin(), l.opt.activationMax());
    }

    /** Quantizes {@code w} at weightBits, one scale, or one per index of {@code axis} when {@code perChannel}. */
    private static Weights weights(Lowering l, double[] w, long[] shape, int axis, boolean perChannel) {
        int channels = perChannel ? (int) shape[axis] : 1;
        long inner = 1;
        for (int d = axis + 1; d < shape.length; d++) {
            inner *= shape[d];
        }
        double[] max = new double[channels];
        for (int i = 0; i < w.length; i++) {
            int c = channels == 1 ? 0 : (int) ((i / inner) % channels);
            max[c] = Math.max(max[c], Math.abs(w[i]));
        }
        int[] scales = new int[channels];
        for (int c = 0; c < channels; c++) {
            scales[c] = l.weightScale(max[c]);
        }
        long top = (1L << (l.opt.weightBits() - 1)) - 1;
        long[] q = new long[w.length];
        for (int i = 0; i < w.length; i++) {
            int c = channels == 1 ? 0 : (int) ((i / inner) % channels);
            q[i] = ScaleRules.quantize(w[i], scales[c], -top - 1, top);
        }
        return new Weights(q, scales);
    }

    private static void recordScales(Lowering l, String name, int[] scales, int axis) {
        if (scales.length > 1) {
            l.b.recordChannels(name, scales, axis);
        } else {
            QuantSettings.TensorScale t = l.b.scales.get(name);
            l.b.record(name, scales[0], t.bits(), t.bound());
        }
    }

    private static QValue transpose(Lowering l, QValue x, String base) {
        return l.b.emit("Transpose", l.b.fresh(base), List.of(x.name()), Map.of("perm", Attribute.Ints.of(1, 0)),
                x.scale(), x.bound());
    }

    private static int[] plus(int[] scales, int s) {
        return Arrays.stream(scales).map(v -> v + s).toArray();
    }

    private static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }
}
