package io.zkinfer.inference.exec;

import io.zkinfer.inference.ir.DataType;
import io.zkinfer.inference.ir.Node;
import io.zkinfer.inference.ir.Tensor;

import java.util.Arrays;
import java.util.concurrent.ForkJoinPool;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * The exact integer kernels of a quantized model's linear operators ({@code IntMatMul}, {@code IntConv},
 * {@code IntConvTranspose}): the index arithmetic of ONNX MatMul, Conv and ConvTranspose with plain {@code long}
 * accumulation (the quantizer's static bounds guarantee no overflow). When a {@link ForkJoinPool} is given and the
 * multiply-accumulate count exceeds {@link #PARALLEL_WORK}, output rows (MatMul) or (batch, channel) planes (Conv)
 * are computed in parallel; each task writes only its own outputs, so the result does not depend on scheduling.
 */
public final class IntegerLinearOps {

    /** The multiply-accumulate count above which a pool, when given, is used. */
    public static final long PARALLEL_WORK = 1L << 18;

    private IntegerLinearOps() {
    }

    /** {@code IntMatMul(a, b[, bias])}: MatMul broadcasting, plus {@code bias} (one value or one per column). */
    public static Tensor matMul(Node n, Tensor a, Tensor b, Tensor bias, ForkJoinPool pool) {
        Nd na = Nd.of(a);
        Nd nb = Nd.of(b);
        long[] sa = na.rank() == 1 ? new long[] {1, na.shape()[0]} : na.shape();
        long[] sb = nb.rank() == 1 ? new long[] {nb.shape()[0], 1} : nb.shape();
        if (sa.length < 2 || sb.length < 2 || sb[sb.length - 2] != sa[sa.length - 1]) {
            throw new IllegalArgumentException(n.describe() + ": inner dimensions differ, "
                    + Arrays.toString(a.shape()) + " x " + Arrays.toString(b.shape()));
        }
        int m = (int) sa[sa.length - 2];
        int k = (int) sa[sa.length - 1];
        int cols = (int) sb[sb.length - 1];
        long[] batchA = Arrays.copyOf(sa, sa.length - 2);
        long[] batchB = Arrays.copyOf(sb, sb.length - 2);
        long[] batch = Broadcast.shape(batchA, batchB, n.describe());
        int[] ia = Broadcast.indexMap(batchA, batch);
        int[] ib = Broadcast.indexMap(batchB, batch);
        long[] la = na.longs("input A of " + n.describe());
        long[] lb = nb.longs("input B of " + n.describe());
        long[] lbias = bias == null ? null : bias.longs();
        if (lbias != null && lbias.length != 1 && lbias.length != cols) {
            throw new IllegalArgumentException(n.describe() + ": bias has " + lbias.length + " values for " + cols
                    + " columns");
        }
        long[] out = new long[WindowOps.size(ia.length, m, cols, 1)];
        IntConsumer row = r -> {
            int bi = r / Math.max(m, 1);
            int i = r % Math.max(m, 1);
            int oa = ia[bi] * m * k + i * k;
            int ob = ib[bi] * k * cols;
            int oo = (bi * m + i) * cols;
            for (int j = 0; j < cols; j++) {
                out[oo + j] = lbias == null ? 0 : lbias[lbias.length == 1 ? 0 : j];
            }
            for (int p = 0; p < k; p++) { // row-wise over B: exact sums do not depend on the order
                long av = la[oa + p];
                if (av == 0) {
                    continue;
                }
                int rb = ob + p * cols;
                for (int j = 0; j < cols; j++) {
                    out[oo + j] += av * lb[rb + j];
                }
            }
        };
        forEach(ia.length * m, (long) ia.length * m * k * cols, pool, row);
        java.util.List<Long> dims = new java.util.ArrayList<>();
        Arrays.stream(batch).forEach(dims::add);
        if (na.rank() != 1) {
            dims.add((long) m);
        }
        if (nb.rank() != 1) {
            dims.add((long) cols);
        }
        return Tensor.ofLongs(DataType.INT64, dims.stream().mapToLong(Long::longValue).toArray(), out);
    }

    /** {@code IntConv(x, w[, bias])}: 2D Conv (groups, pads, strides, dilations) in exact integers. */
    public static Tensor conv(Node n, Tensor x, Tensor w, Tensor bias, ForkJoinPool pool) {
        long[] xs = x.shape();
        long[] ws = w.shape();
        if (xs.length != 4 || ws.length != 4) {
            throw new IllegalArgumentException(n.describe() + ": only 2D convolution (NCHW input, MCkHkW weights)"
                    + " is supported, got " + Arrays.toString(xs) + " and " + Arrays.toString(ws));
        }
        int batch = (int) xs[0];
        int c = (int) xs[1];
        int h = (int) xs[2];
        int wd = (int) xs[3];
        int m = (int) ws[0];
        int cg = (int) ws[1];
        int group = (int) n.intAttr("group", 1);
        if (group < 1 || c % group != 0 || m % group != 0 || cg != c / group) {
            throw new IllegalArgumentException(n.describe() + ": input " + Arrays.toString(xs) + ", weights "
                    + Arrays.toString(ws) + " and group " + group + " do not agree");
        }
        long[] lb = bias == null ? null : bias.longs();
        if (lb != null && lb.length != m) {
            throw new IllegalArgumentException(n.describe() + ": bias must have " + m + " values");
        }
        Window2d g = Window2d.of(n, h, wd, (int) ws[2], (int) ws[3], false);
        long[] lx = x.longs();
        long[] lw = w.longs();
        int mg = m / group;
        int plane = g.outH() * g.outW();
        long[] out = new long[WindowOps.size(batch, m, g.outH(), g.outW())];
        IntConsumer task = t -> {
            int bn = t / m;
            int oc = t % m;
            int firstChannel = (oc / mg) * cg;
            int o = t * plane;
            for (int oy = 0; oy < g.outH(); oy++) {
                for (int ox = 0; ox < g.outW(); ox++) {
                    long acc = lb == null ? 0 : lb[oc];
                    for (int ic = 0; ic < cg; ic++) {
                        int xBase = ((bn * c) + firstChannel + ic) * h * wd;
                        int wBase = ((oc * cg) + ic) * g.kh() * g.kw();
                        for (int ky = 0; ky < g.kh(); ky++) {
                            int iy = oy * g.sh() - g.padTop() + ky * g.dh();
                            if (iy < 0 || iy >= h) {
                                continue;
                            }
                            for (int kx = 0; kx < g.kw(); kx++) {
                                int ix = ox * g.sw() - g.padLeft() + kx * g.dw();
                                if (ix >= 0 && ix < wd) {
                                    acc += lx[xBase + iy * wd + ix] * lw[wBase + ky * g.kw() + kx];
                                }
                            }
                        }
                    }
                    out[o++] = acc;
                }
            }
        };
        forEach(batch * m, (long) out.length * cg * g.kh() * g.kw(), pool, task);
        return Tensor.ofLongs(DataType.INT64, new long[] {batch, m, g.outH(), g.outW()}, out);
    }

    /** {@code IntConvTranspose(x, w[, bias])}: 2D ConvTranspose in exact integers (serial; a scatter). */
    public static Tensor convTranspose(Node n, Tensor x, Tensor w, Tensor bias) {
        long[] xs = x.shape();
        long[] ws = w.shape();
        if (xs.length != 4 || ws.length != 4) {
            throw new IllegalArgumentException(n.describe() + ": only 2D ConvTranspose is supported, got "
                    + Arrays.toString(xs) + " and " + Arrays.toString(ws));
        }
        int batch = (int) xs[0];
        int c = (int) xs[1];
        int h = (int) xs[2];
        int wd = (int) xs[3];
        int group = (int) n.intAttr("group", 1);
        if (group < 1 || ws[0] != c || c % group != 0) {
            throw new IllegalArgumentException(n.describe() + ": input " + Arrays.toString(xs) + ", weights "
                    + Arrays.toString(ws) + " and group " + group + " do not agree");
        }
        int cg = c / group;
        int mg = (int) ws[1];
        int m = mg * group;
        int kh = (int) ws[2];
        int kw = (int) ws[3];
        long[] strides = n.intsAttr("strides", new long[] {1, 1});
        long[] dilations = n.intsAttr("dilations", new long[] {1, 1});
        long[] geometry = ConvTransposeOp.geometry(n, h, wd, kh, kw);
        int oh = (int) geometry[0];
        int ow = (int) geometry[1];
        long[] lb = bias == null ? null : bias.longs();
        if (lb != null && lb.length != m) {
            throw new IllegalArgumentException(n.describe() + ": bias must have " + m + " values");
        }
        long[] lx = x.longs();
        long[] lw = w.longs();
        long[] acc = new long[WindowOps.size(batch, m, oh, ow)];
        for (int bn = 0; bn < batch; bn++) {
            for (int ic = 0; ic < c; ic++) {
                int grp = ic / cg;
                for (int iy = 0; iy < h; iy++) {
                    for (int ix = 0; ix < wd; ix++) {
                        long v = lx[((bn * c + ic) * h + iy) * wd + ix];
                        for (int om = 0; om < mg; om++) {
                            int oc = grp * mg + om;
                            int wBase = (ic * mg + om) * kh * kw;
                            int oBase = (bn * m + oc) * oh * ow;
                            for (int ky = 0; ky < kh; ky++) {
                                long oy = iy * strides[0] - geometry[2] + ky * dilations[0];
                                if (oy < 0 || oy >= oh) {
                                    continue;
                                }
                                for (int kx = 0; kx < kw; kx++) {
                                    long ox = ix * strides[1] - geometry[3] + kx * dilations[1];
                                    if (ox >= 0 && ox < ow) {
                                        acc[oBase + (int) oy * ow + (int) ox] += v * lw[wBase + ky * kw + kx];
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        if (lb != null) {
            for (int i = 0; i < acc.length; i++) {
                acc[i] += lb[(i / (oh * ow)) % m];
            }
        }
        return Tensor.ofLongs(DataType.INT64, new long[] {batch, m, oh, ow}, acc);
    }

    /** Runs {@code task} for {@code 0..count-1}, in {@code pool} when given and {@code work} is large. */
    static void forEach(int count, long work, ForkJoinPool pool, IntConsumer task) {
        if (pool == null || work < PARALLEL_WORK || count < 2) {
            for (int i = 0; i < count; i++) {
                task.accept(i);
            }
            return;
        }
        pool.submit(() -> IntStream.range(0, count).parallel().forEach(task)).join();
    }
}
