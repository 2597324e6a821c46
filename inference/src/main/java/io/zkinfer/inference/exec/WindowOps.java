package io.zkinfer.inference.exec;

import io.zkinfer.inference.ir.Node;

import java.util.Arrays;

/** Sliding-window operators over NCHW tensors: Conv (2D, grouped) and MaxPool (2D). */
final class WindowOps {

    private WindowOps() {
    }

    /** Conv: {@code Y[n, m] = B[m] + sum over the group's channels and the window of X * W}. */
    static Nd conv(Node n, Nd x, Nd w, Nd b) {
        return conv(n, x, w, b, false);
    }

    /** Conv; with {@code exact} the sums (exact in double below 2^53) are returned as an INT32 tensor. */
    static Nd conv(Node n, Nd x, Nd w, Nd b, boolean exact) {
        ConvShape cs = ConvShape.of(n, x.shape(), w.shape());
        int batch = cs.batch();
        int c = cs.channels();
        int h = cs.height();
        int wd = cs.width();
        int m = cs.outChannels();
        int cg = cs.channelsPerGroup();
        int group = cs.group();
        if (b != null && (b.rank() != 1 || b.dim(0) != m)) {
            throw new IllegalArgumentException(n.describe() + ": bias must have shape [" + m + "]");
        }
        Window2d g = cs.window(n);
        float[] fx = x.floats();
        float[] fw = w.floats();
        float[] fb = b == null ? null : b.floats();
        int mg = m / group;
        double[] out = new double[size(batch, m, g.outH(), g.outW())];
        int o = 0;
        for (int bn = 0; bn < batch; bn++) {
            for (int oc = 0; oc < m; oc++) {
                int firstChannel = (oc / mg) * cg;
                for (int oy = 0; oy < g.outH(); oy++) {
                    for (int ox = 0; ox < g.outW(); ox++) {
                        double acc = fb == null ? 0 : fb[oc];
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
                                        acc += (double) fx[xBase + iy * wd + ix] * fw[wBase + ky * g.kw() + kx];
                                    }
                                }
                            }
                        }
                        out[o++] = acc;
                    }
                }
            }
        }
        return result(n, new long[] {batch, m, g.outH(), g.outW()}, out, exact);
    }

    /**
     * MaxPool (the maximum over each window; padding never wins) and AveragePool (the mean over the window's
     * input positions, or over the whole window, padding counted as zeros, when {@code count_include_pad=1}).
     */
    static Nd pool(Node n, Nd x) {
        boolean average = n.opType().equals("AveragePool");
        boolean countPad = n.intAttr("count_include_pad", 0) != 0;
        if (x.rank() != 4) {
            throw new IllegalArgumentException(n.describe() + ": only 2D pooling (NCHW input) is supported, got "
                    + Arrays.toString(x.shape()));
        }
        if (n.outputs().size() > 1 && !n.outputs().get(1).isEmpty()) {
            throw new IllegalArgumentException(n.describe() + ": the Indices output is not supported");
        }
        long[] ks = n.intsAttr("kernel_shape", null);
        if (ks == null || ks.length != 2) {
            throw new IllegalArgumentException(n.describe() + ": kernel_shape of 2 values is required");
        }
        int planes = x.dim(0) * x.dim(1);
        int h = x.dim(2);
        int wd = x.dim(3);
        Window2d g = Window2d.of(n, h, wd, (int) ks[0], (int) ks[1], true);
        float[] fx = x.floats();
        float[] out = new float[size(planes, 1, g.outH(), g.outW())];
        int o = 0;
        for (int p = 0; p < planes; p++) {
            int base = p * h * wd;
            for (int oy = 0; oy < g.outH(); oy++) {
                for (int ox = 0; ox < g.outW(); ox++) {
                    float max = Float.NEGATIVE_INFINITY;
                    double sum = 0;
                    int counted = 0;
                    int padded = 0;
                    for (int ky = 0; ky < g.kh(); ky++) {
                        int iy = oy * g.sh() - g.padTop() + ky * g.dh();
                        for (int kx = 0; kx < g.kw(); kx++) {
                            int ix = ox * g.sw() - g.padLeft() + kx * g.dw();
                            if (iy >= 0 && iy < h && ix >= 0 && ix < wd) {
                                float v = fx[base + iy * wd + ix];
                                max = Math.max(max, v);
                                sum += v;
                                counted++;
                            } else if (iy < h + g.padBottom() && ix < wd + g.padRight()) {
                                padded++; // inside the declared padding, not beyond it (ceil_mode overhang)
                            }
                        }
                    }
                    out[o++] = !average ? max : (float) (sum / (countPad ? counted + padded : counted));
                }
            }
        }
        return Nd.of(new long[] {x.dim(0), x.dim(1), g.outH(), g.outW()}, out);
    }

    static int size(long a, long b, long c, long d) {
        return (int) io.zkinfer.inference.ir.Tensor.elementCount(new long[] {a, b, c, d});
    }

    /** GlobalAveragePool: the mean over all spatial positions, {@code [N, C, H, W] -> [N, C, 1, 1]}. */
    static Nd globalAveragePool(Node n, Nd x) {
        if (x.rank() < 3) {
            throw new IllegalArgumentException(n.describe() + ": input must be N x C x spatial, got "
                    + Arrays.toString(x.shape()));
        }
        int planes = x.dim(0) * x.dim(1);
        int area = x.size() / Math.max(planes, 1);
        float[] fx = x.floats();
        float[] out = new float[planes];
        for (int p = 0; p < planes; p++) {
            double sum = 0;
            for (int i = 0; i < area; i++) {
                sum += fx[p * area + i];
            }
            out[p] = (float) (sum / area);
        }
        long[] shape = new long[x.rank()];
        Arrays.fill(shape, 1);
        shape[0] = x.dim(0);
        shape[1] = x.dim(1);
        return Nd.of(shape, out);
    }

    /** Accumulated sums as FLOAT, or with {@code exact} as INT32 (refusing a sum outside the int32 range). */
    static Nd result(Node n, long[] shape, double[] acc, boolean exact) {
        if (!exact) {
            float[] out = new float[acc.length];
            for (int i = 0; i < acc.length; i++) {
                out[i] = (float) acc[i];
            }
            return Nd.of(shape, out);
        }
        long[] out = new long[acc.length];
        for (int i = 0; i < acc.length; i++) {
            if (acc[i] < Integer.MIN_VALUE || acc[i] > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(n.describe() + ": an accumulator (" + (long) acc[i]
                        + ") overflows int32");
            }
            out[i] = (long) acc[i];
        }
        return new Nd(io.zkinfer.inference.ir.DataType.INT32, shape, null, out);
    }
}
