package io.zkinfer.inference.exec;

import io.zkinfer.inference.ir.Node;

import java.util.Arrays;

/**
 * ConvTranspose in 2D (the gradient of Conv with respect to its input): every input pixel scatters
 * {@code X[n, c, iy, ix] * W[c, m, ky, kx]} to {@code (iy * stride - pad + ky * dilation, …)} of output channel
 * {@code m} of its group. The output size is {@code stride * (in - 1) + output_padding + (k - 1) * dilation + 1
 * - pads}, or {@code output_shape} with the padding derived from it as the ONNX specification says.
 */
public final class ConvTransposeOp {

    private ConvTransposeOp() {
    }

    static Nd convTranspose(Node n, Nd x, Nd w, Nd b) {
        if (x.rank() != 4 || w.rank() != 4) {
            throw new IllegalArgumentException(n.describe() + ": only 2D ConvTranspose (NCHW input, CMkHkW weights)"
                    + " is supported, got " + Arrays.toString(x.shape()) + " and " + Arrays.toString(w.shape()));
        }
        int batch = x.dim(0);
        int c = x.dim(1);
        int h = x.dim(2);
        int wd = x.dim(3);
        int group = (int) n.intAttr("group", 1);
        if (group < 1 || w.dim(0) != c || c % group != 0) {
            throw new IllegalArgumentException(n.describe() + ": input " + Arrays.toString(x.shape())
                    + ", weights " + Arrays.toString(w.shape()) + " and group " + group + " do not agree");
        }
        int cg = c / group;
        int mg = w.dim(1);
        int m = mg * group;
        int kh = w.dim(2);
        int kw = w.dim(3);
        long[] strides = n.intsAttr("strides", new long[] {1, 1});
        long[] dilations = n.intsAttr("dilations", new long[] {1, 1});
        long[] geometry = geometry(n, h, wd, kh, kw);
        long[] pads = {geometry[2], geometry[3]};
        long[] out = {geometry[0], geometry[1]};
        if (b != null && (b.rank() != 1 || b.dim(0) != m)) {
            throw new IllegalArgumentException(n.describe() + ": bias must have shape [" + m + "]");
        }
        int oh = (int) out[0];
        int ow = (int) out[1];
        float[] fx = x.floats();
        float[] fw = w.floats();
        double[] acc = new double[WindowOps.size(batch, m, oh, ow)];
        for (int bn = 0; bn < batch; bn++) {
            for (int ic = 0; ic < c; ic++) {
                int g = ic / cg;
                for (int iy = 0; iy < h; iy++) {
                    for (int ix = 0; ix < wd; ix++) {
                        double v = fx[((bn * c + ic) * h + iy) * wd + ix];
                        for (int om = 0; om < mg; om++) {
                            int oc = g * mg + om;
                            int wBase = (ic * mg + om) * kh * kw;
                            int oBase = (bn * m + oc) * oh * ow;
                            for (int ky = 0; ky < kh; ky++) {
                                long oy = iy * strides[0] - pads[0] + ky * dilations[0];
                                if (oy < 0 || oy >= oh) {
                                    continue;
                                }
                                for (int kx = 0; kx < kw; kx++) {
                                    long ox = ix * strides[1] - pads[1] + kx * dilations[1];
                                    if (ox >= 0 && ox < ow) {
                                        acc[oBase + (int) oy * ow + (int) ox] += v * fw[wBase + ky * kw + kx];
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        float[] bias = b == null ? null : b.floats();
        float[] result = new float[acc.length];
        for (int i = 0; i < acc.length; i++) {
            result[i] = (float) (acc[i] + (bias == null ? 0 : bias[(i / (oh * ow)) % m]));
        }
        return Nd.of(new long[] {batch, m, oh, ow}, result);
    }

    /**
     * {@code {outH, outW, padTop, padLeft}} for an {@code h x wd} input and a {@code kh x kw} kernel (public so that
     * the circuit compiler scatters to the same positions as the executors).
     */
    public static long[] geometry(Node n, long h, long wd, long kh, long kw) {
        long[] strides = n.intsAttr("strides", new long[] {1, 1});
        long[] dilations = n.intsAttr("dilations", new long[] {1, 1});
        long[] outPad = n.intsAttr("output_padding", new long[] {0, 0});
        long[] pads = n.intsAttr("pads", new long[] {0, 0, 0, 0}).clone();
        long[] outputShape = n.intsAttr("output_shape", null);
        String autoPad = n.stringAttr("auto_pad", "NOTSET");
        for (long v : concat(strides, dilations, outPad, pads)) {
            if (v < 0 || v > Window2d.MAX_EXTENT) {
                throw new IllegalArgumentException(n.describe() + ": attribute value " + v + " is outside [0, "
                        + Window2d.MAX_EXTENT + "]");
            }
        }
        if (strides.length != 2 || dilations.length != 2 || outPad.length != 2 || pads.length != 4
                || strides[0] < 1 || strides[1] < 1 || dilations[0] < 1 || dilations[1] < 1) {
            throw new IllegalArgumentException(n.describe() + ": 2D strides, dilations, output_padding and pads"
                    + " (positive strides and dilations) are required");
        }
        long[] in = {h, wd};
        long[] k = {kh, kw};
        long[] out = new long[2];
        for (int d = 0; d < 2; d++) {
            long full = strides[d] * (in[d] - 1) + outPad[d] + (k[d] - 1) * dilations[d] + 1;
            boolean same = autoPad.equals("SAME_UPPER") || autoPad.equals("SAME_LOWER");
            if (outputShape != null || same) {
                long target = outputShape != null ? outputShape[outputShape.length - 2 + d] : in[d] * strides[d];
                long total = Math.max(0, full - target);
                boolean upper = autoPad.equals("SAME_UPPER");
                pads[d] = upper ? total / 2 : total - total / 2;
                pads[d + 2] = total - pads[d];
            } else if (autoPad.equals("VALID")) {
                pads[d] = 0;
                pads[d + 2] = 0;
            }
            out[d] = full - pads[d] - pads[d + 2];
            if (out[d] < 1) {
                throw new IllegalArgumentException(n.describe() + ": the output would be empty");
            }
        }
        return new long[] {out[0], out[1], pads[0], pads[1]};
    }

    private static long[] concat(long[]... parts) {
        return Arrays.stream(parts).flatMapToLong(Arrays::stream).toArray();
    }
}
