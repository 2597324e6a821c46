package io.zkinfer.inference.exec;

import io.zkinfer.inference.ir.DataType;
import io.zkinfer.inference.ir.Node;

import java.util.Arrays;
import java.util.concurrent.ForkJoinPool;

/**
 * A constant {@code IntMatMul} B or {@code IntConv} W packed once as {@code int} rows of length {@code k} (one per
 * output column or channel), for the {@code int} kernels. A kernel takes the {@code int} path only when it can show
 * that no sum leaves the {@code int} range: every input value fits an {@code int} and {@code max|input| *
 * maxRowAbs < 2^31}, where {@code maxRowAbs} is the largest sum of absolute weights of one row. Then every partial
 * sum of a dot product is bounded by that product, so the {@code int} result is the exact integer, and the output
 * ({@code bias} added in {@code long}) is bit-identical to the {@code long} kernels of {@link IntegerLinearOps}.
 * Otherwise (or for shapes these kernels do not cover) the methods return null and the caller uses those kernels.
 */
public final class PackedWeights {

    /** The most {@code int}s an {@code IntConv} patch matrix may take before the {@code long} kernel is used. */
    static final int MAX_PATCHES = 1 << 22;

    /**
     * The shortest convolution dot product ({@code cg * kh * kw}) packed: shorter ones run mostly in the
     * compiler's scalar loop tails, and gathering their patches costs more than the rectangle kernel.
     */
    static final int MIN_CONV_DOT = 128;

    private final long[] shape;
    private final int rows;
    private final int k;
    /** The stride of a packed row: {@code k}, or for convolutions {@code k} rounded up to 16 (zeros after). */
    private final int ks;
    private final int[] w;
    private final long maxRowAbs;

    private PackedWeights(long[] shape, int rows, int k, int ks, int[] w) {
        this.shape = shape;
        this.rows = rows;
        this.k = k;
        this.ks = ks;
        this.w = w;
        long max = 0;
        for (int r = 0; r < rows; r++) {
            long sum = 0;
            for (int p = 0; p < k; p++) {
                sum += Math.abs(w[r * ks + p]);
            }
            max = Math.max(max, sum);
        }
        this.maxRowAbs = max;
    }

    /** The packed columns of a rank-2 {@code IntMatMul} B, or null when it is not rank 2 or a value exceeds int. */
    public static PackedWeights forMatMul(Nd b) {
        if (b.l() == null || b.rank() != 2 || !fitsInt(b.l())) {
            return null;
        }
        int k = b.dim(0);
        int cols = b.dim(1);
        int[] t = new int[k * cols];
        for (int p = 0; p < k; p++) {
            for (int j = 0; j < cols; j++) {
                t[j * k + p] = (int) b.l()[p * cols + j];
            }
        }
        return new PackedWeights(b.shape(), cols, k, k, t);
    }

    /**
     * The packed output channels of a rank-4 {@code IntConv} W, or null when a value exceeds int or a channel has
     * fewer than {@link #MIN_CONV_DOT} weights.
     */
    public static PackedWeights forConv(Nd w) {
        if (w.l() == null || w.rank() != 4 || w.dim(0) == 0 || w.l().length / w.dim(0) < MIN_CONV_DOT
                || !fitsInt(w.l())) {
            return null;
        }
        int m = w.dim(0);
        int k = w.l().length / m;
        int ks = (k + 15) & -16; // whole vectors in the dot products; the zeros add nothing
        int[] t = new int[m * ks];
        for (int oc = 0; oc < m; oc++) {
            for (int p = 0; p < k; p++) {
                t[oc * ks + p] = (int) w.l()[oc * k + p];
            }
        }
        return new PackedWeights(w.shape(), m, k, ks, t);
    }

    /** {@code IntMatMul(a, B, bias)} with this B, or null when the int path does not apply. */
    public Nd matMul(Nd a, Nd bias, ForkJoinPool pool) {
        long[] la = a.l();
        if (la == null || k == 0 || a.rank() < 2 || a.dim(a.rank() - 1) != k || !biasFits(bias, rows, true)
                || !withinBound(la)) {
            return null;
        }
        int count = la.length / Math.max(k, 1);
        long[] out = new long[count * rows];
        IntegerLinearOps.forEach(count, (long) count * rows * k, pool, r -> {
            int[] row = new int[k];
            for (int p = 0; p < k; p++) {
                row[p] = (int) la[r * k + p];
            }
            for (int j = 0; j < rows; j++) {
                out[r * rows + j] = biasOf(bias, j) + dot(row, 0, w, j * k, k);
            }
        });
        long[] outShape = a.shape().clone();
        outShape[outShape.length - 1] = rows;
        return Nd.ofLongs(DataType.INT64, outShape, out);
    }

    /**
     * {@code IntConv(x, W, bias)} with this W: each output position's input patch gathered once as {@code int}s
     * (zeros for padding), then one dot product per output channel; null when the int path does not apply.
     */
    public Nd conv(Node n, Nd x, Nd bias, ForkJoinPool pool) {
        long[] lx = x.l();
        if (lx == null || k == 0 || x.rank() != 4 || !biasFits(bias, rows, false)) {
            return null;
        }
        int batch = x.dim(0);
        int c = x.dim(1);
        int h = x.dim(2);
        int wd = x.dim(3);
        int cg = (int) shape[1];
        int kh = (int) shape[2];
        int kw = (int) shape[3];
        int group = (int) n.intAttr("group", 1);
        if (group < 1 || c % group != 0 || rows % group != 0 || cg != c / group || !withinBound(lx)) {
            return null;
        }
        Window2d g = Window2d.of(n, h, wd, kh, kw, false);
        int positions = g.outH() * g.outW();
        if ((long) positions * ks > MAX_PATCHES) {
            return null;
        }
        int mg = rows / group;
        long[] out = new long[WindowOps.size(batch, rows, g.outH(), g.outW())];
        int[] patches = new int[positions * ks];
        for (int bn = 0; bn < batch; bn++) {
            for (int gi = 0; gi < group; gi++) {
                gather(lx, ((long) bn * c + (long) gi * cg) * h * wd, h, wd, cg, g, patches);
                int firstChannel = gi * mg;
                int firstPlane = bn * rows + firstChannel;
                IntegerLinearOps.forEach(mg, (long) mg * positions * k, pool,
                        oc -> channel(firstChannel + oc, (firstPlane + oc) * positions, positions, patches, bias, out));
            }
        }
        return Nd.ofLongs(DataType.INT64, new long[] {batch, rows, g.outH(), g.outW()}, out);
    }

    /** Output channel {@code oc} at every position, from the gathered patches, into {@code out} from {@code o}. */
    private void channel(int oc, int o, int positions, int[] patches, Nd bias, long[] out) {
        int wo = oc * ks;
        long b = biasOf(bias, oc);
        for (int pos = 0; pos < positions; pos++) {
            out[o + pos] = b + dot(patches, pos * ks, w, wo, ks);
        }
    }

    /** The {@code cg x kh x kw} input patch of every output position, in weight order, 0 outside the input. */
    private void gather(long[] x, long base, int h, int wd, int cg, Window2d g, int[] patches) {
        int kh = g.kh();
        int kw = g.kw();
        int pos = 0;
        for (int oy = 0; oy < g.outH(); oy++) {
            for (int ox = 0; ox < g.outW(); ox++) {
                int o = pos++ * ks;
                for (int ic = 0; ic < cg; ic++) {
                    int xc = (int) base + ic * h * wd;
                    for (int ky = 0; ky < kh; ky++) {
                        int iy = oy * g.sh() - g.padTop() + ky * g.dh();
                        boolean rowInside = iy >= 0 && iy < h;
                        for (int kx = 0; kx < kw; kx++) {
                            int ix = ox * g.sw() - g.padLeft() + kx * g.dw();
                            patches[o++] = rowInside && ix >= 0 && ix < wd ? (int) x[xc + iy * wd + ix] : 0;
                        }
                    }
                }
            }
        }
    }

    private static int dot(int[] a, int ao, int[] b, int bo, int len) {
        int s = 0;
        for (int p = 0; p < len; p++) {
            s += a[ao + p] * b[bo + p];
        }
        return s;
    }

    /** True when every value fits an int and {@code max|v| * maxRowAbs < 2^31}. */
    private boolean withinBound(long[] values) {
        long max = 0;
        for (long v : values) {
            if (v > Integer.MAX_VALUE || v < -Integer.MAX_VALUE) {
                return false;
            }
            max = Math.max(max, Math.abs(v));
        }
        return maxRowAbs == 0 || max <= Integer.MAX_VALUE / maxRowAbs;
    }

    private static boolean fitsInt(long[] values) {
        for (long v : values) {
            if (v > Integer.MAX_VALUE || v < -Integer.MAX_VALUE) {
                return false;
            }
        }
        return true;
    }

    private static boolean biasFits(Nd bias, int count, boolean oneAllowed) {
        return bias == null || bias.l() != null && (bias.l().length == count || oneAllowed && bias.l().length == 1);
    }

    private static long biasOf(Nd bias, int j) {
        return bias == null ? 0 : bias.l()[bias.l().length == 1 ? 0 : j];
    }

    @Override
    public String toString() {
        return "PackedWeights" + Arrays.toString(shape);
    }
}
