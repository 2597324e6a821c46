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
        ConvTransposeTaps taps = ConvTransposeTaps.of(n, x.shape(), w.shape());
        int m = taps.outChannels();
        if (b != null && (b.rank() != 1 || b.dim(0) != m)) {
            throw new IllegalArgumentException(n.describe() + ": bias must have shape [" + m + "]");
        }
        float[] fx = x.floats();
        float[] fw = w.floats();
        double[] acc = new double[taps.outputSize()];
        taps.forEachTap((i, k, o) -> acc[o] += (double) fx[i] * fw[k]);
        int plane = taps.outH() * taps.outW();
        float[] bias = b == null ? null : b.floats();
        float[] result = new float[acc.length];
        for (int i = 0; i < acc.length; i++) {
            result[i] = (float) (acc[i] + (bias == null ? 0 : bias[(i / plane) % m]));
        }
        return Nd.of(taps.outputShape(), result);
    }

    /** {@code {outH, outW, padTop, padLeft}} for an {@code h x wd} input and a {@code kh x kw} kernel. */
    static long[] geometry(Node n, long h, long wd, long kh, long kw) {
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
