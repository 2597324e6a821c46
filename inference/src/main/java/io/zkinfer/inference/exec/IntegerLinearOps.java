package io.zkinfer.inference.exec;

import io.zkinfer.inference.ir.DataType;
import io.zkinfer.inference.ir.Node;

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
    public static Nd matMul(Node n, Nd a, Nd b, Nd bias, ForkJoinPool pool) {
        long[] sa = a.rank() == 1 ? new long[] {1, a.shape()[0]} : a.shape();
        long[] sb = b.rank() == 1 ? new long[] {b.shape()[0], 1} : b.shape();
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
        long[] la = a.longs("input A of " + n.describe());
        long[] lb = b.longs("input B of " + n.describe());
        long[] lbias = bias == null ? null : bias.longs("the bias of " + n.describe());
        if (lbias != null && lbias.length != 1 && lbias.length != cols) {
            throw new IllegalArgumentException(n.describe() + ": bias has " + lbias.length + " values for " + cols
                    + " columns");
        }
        long[] out = new long[WindowOps.size(ia.length, m, cols, 1)];
        int rows = ia.length * m;
        if (pool == null || (long) rows * k * cols < PARALLEL_WORK || rows < 2) {
            for (int r = 0; r < rows; r++) {
                matMulRow(r, m, k, cols, ia, ib, la, lb, lbias, out);
            }
        } else {
            forEach(rows, (long) rows * k * cols, pool, r -> matMulRow(r, m, k, cols, ia, ib, la, lb, lbias, out));
        }
        long[] shape = Arrays.copyOf(batch, batch.length + (a.rank() != 1 ? 1 : 0) + (b.rank() != 1 ? 1 : 0));
        int d = batch.length;
        if (a.rank() != 1) {
            shape[d++] = m;
        }
        if (b.rank() != 1) {
            shape[d] = cols;
        }
        return Nd.ofLongs(DataType.INT64, shape, out);
    }

    /** Output row {@code r} (batch index times {@code m} plus row) of a broadcast matrix product. */
    private static void matMulRow(int r, int m, int k, int cols, int[] ia, int[] ib, long[] la, long[] lb,
                                  long[] lbias, long[] out) {
        int bi = r / m;
        int i = r - bi * m;
        int oa = ia[bi] * m * k + i * k;
        int ob = ib[bi] * k * cols;
        int oo = r * cols;
        if (lbias == null) {
            Arrays.fill(out, oo, oo + cols, 0L);
        } else if (lbias.length == 1) {
            Arrays.fill(out, oo, oo + cols, lbias[0]);
        } else {
            System.arraycopy(lbias, 0, out, oo, cols);
        }
        for (int p = 0; p < k; p++) { // row-wise over B: exact sums do not depend on the order
            long av = la[oa + p];
            if (av != 0) {
                axpy(av, lb, ob + p * cols, out, oo, cols);
            }
        }
    }

    /** {@code y[yo + j] += a * x[xo + j]} for {@code j < len}: the contiguous inner loop of both kernels. */
    private static void axpy(long a, long[] x, int xo, long[] y, int yo, int len) {
        for (int j = 0; j < len; j++) {
            y[yo + j] += a * x[xo + j];
        }
    }

    /** {@code IntConv(x, w[, bias])}: 2D Conv (groups, pads, strides, dilations) in exact integers. */
    public static Nd conv(Node n, Nd x, Nd w, Nd bias, ForkJoinPool pool) {
        ConvShape cs = ConvShape.of(n, x.shape(), w.shape());
        int batch = cs.batch();
        int c = cs.channels();
        int h = cs.height();
        int wd = cs.width();
        int m = cs.outChannels();
        int cg = cs.channelsPerGroup();
        long[] lb = bias == null ? null : bias.longs("the bias of " + n.describe());
        if (lb != null && lb.length != m) {
            throw new IllegalArgumentException(n.describe() + ": bias must have " + m + " values");
        }
        Window2d g = cs.window(n);
        long[] lx = x.longs("input X of " + n.describe());
        long[] lw = w.longs("the weights of " + n.describe());
        ConvPlane plane = new ConvPlane(g, c, h, wd, m, cg, cs.outPerGroup(), lx, lw, lb,
                new long[WindowOps.size(batch, m, g.outH(), g.outW())]);
        long work = (long) plane.out.length * cg * g.kh() * g.kw();
        if (pool == null || work < PARALLEL_WORK || batch * m < 2) {
            for (int t = 0; t < batch * m; t++) {
                plane.compute(t);
            }
        } else {
            forEach(batch * m, work, pool, plane::compute);
        }
        return Nd.ofLongs(DataType.INT64, new long[] {batch, m, g.outH(), g.outW()}, plane.out);
    }

    /**
     * One (batch, output channel) plane of a convolution at a time: for each weight, the output positions whose
     * input tap lies inside the image form a rectangle, computed once, so the inner loop has no bounds tests
     * (and is contiguous at stride 1). Integer sums are exact, so the order of accumulation does not matter.
     */
    private record ConvPlane(Window2d g, int c, int h, int wd, int m, int cg, int mg, long[] x, long[] w,
                             long[] bias, long[] out) {

        void compute(int t) {
            int bn = t / m;
            int oc = t - bn * m;
            int firstChannel = (oc / mg) * cg;
            int oh = g.outH();
            int ow = g.outW();
            int o = t * oh * ow;
            Arrays.fill(out, o, o + oh * ow, bias == null ? 0L : bias[oc]);
            for (int ky = 0; ky < g.kh(); ky++) {
                int dy = ky * g.dh() - g.padTop(); // iy = oy * sh + dy must lie in [0, h)
                int oyLo = firstInside(dy, g.sh());
                int oyHi = Math.min(oh, lastInside(dy, g.sh(), h) + 1);
                for (int kx = 0; kx < g.kw(); kx++) {
                    int dx = kx * g.dw() - g.padLeft();
                    int oxLo = firstInside(dx, g.sw());
                    int oxHi = Math.min(ow, lastInside(dx, g.sw(), wd) + 1);
                    if (oyLo >= oyHi || oxLo >= oxHi) {
                        continue;
                    }
                    for (int ic = 0; ic < cg; ic++) {
                        long wv = w[((oc * cg + ic) * g.kh() + ky) * g.kw() + kx];
                        if (wv == 0) {
                            continue;
                        }
                        int xBase = (bn * c + firstChannel + ic) * h * wd;
                        for (int oy = oyLo; oy < oyHi; oy++) {
                            int xRow = xBase + (oy * g.sh() + dy) * wd + dx;
                            int oRow = o + oy * ow;
                            if (g.sw() == 1) {
                                axpy(wv, x, xRow + oxLo, out, oRow + oxLo, oxHi - oxLo);
                            } else {
                                for (int ox = oxLo; ox < oxHi; ox++) {
                                    out[oRow + ox] += wv * x[xRow + ox * g.sw()];
                                }
                            }
                        }
                    }
                }
            }
        }

        /** The least {@code o >= 0} with {@code o * s + d >= 0}. */
        private static int firstInside(int d, int s) {
            return d >= 0 ? 0 : (-d + s - 1) / s;
        }

        /** The greatest {@code o} with {@code o * s + d < size} (negative when there is none). */
        private static int lastInside(int d, int s, int size) {
            return Math.floorDiv(size - 1 - d, s);
        }
    }

    /** {@code IntConvTranspose(x, w[, bias])}: 2D ConvTranspose in exact integers (serial; a scatter). */
    public static Nd convTranspose(Node n, Nd x, Nd w, Nd bias) {
        ConvTransposeTaps taps = ConvTransposeTaps.of(n, x.shape(), w.shape());
        int m = taps.outChannels();
        long[] lb = bias == null ? null : bias.longs("the bias of " + n.describe());
        if (lb != null && lb.length != m) {
            throw new IllegalArgumentException(n.describe() + ": bias must have " + m + " values");
        }
        long[] lx = x.longs("input X of " + n.describe());
        long[] lw = w.longs("the weights of " + n.describe());
        long[] acc = new long[taps.outputSize()];
        taps.forEachTap((i, k, o) -> acc[o] += lx[i] * lw[k]);
        if (lb != null) {
            int plane = taps.outH() * taps.outW();
            for (int i = 0; i < acc.length; i++) {
                acc[i] += lb[(i / plane) % m];
            }
        }
        return Nd.ofLongs(DataType.INT64, taps.outputShape(), acc);
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
