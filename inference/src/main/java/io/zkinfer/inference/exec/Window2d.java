package io.zkinfer.inference.exec;

import io.zkinfer.inference.ir.Node;

/**
 * The geometry of a 2D sliding window (Conv, MaxPool): kernel, strides, dilations, begin pads and output size,
 * from the node's {@code kernel_shape}, {@code strides}, {@code dilations}, {@code pads} ({@code [top, left,
 * bottom, right]}) or {@code auto_pad}, and {@code ceil_mode} (pooling only). Public so that the circuit compiler
 * indexes windows exactly as the executors do.
 */
public record Window2d(int kh, int kw, int sh, int sw, int dh, int dw, int padTop, int padLeft, int padBottom,
                       int padRight, int outH, int outW) {

    /** The largest kernel size, stride, dilation or pad accepted, so that window arithmetic cannot overflow. */
    static final int MAX_EXTENT = 1 << 16;

    /**
     * The window of node {@code n} over an {@code inH x inW} input with a {@code kh x kw} kernel; {@code pooling}
     * honours {@code ceil_mode}. Throws naming the node for attributes it cannot use.
     */
    public static Window2d of(Node n, int inH, int inW, int kh, int kw, boolean pooling) {
        long[] strides = n.intsAttr("strides", new long[] {1, 1});
        long[] dilations = n.intsAttr("dilations", new long[] {1, 1});
        long[] pads = n.intsAttr("pads", new long[] {0, 0, 0, 0});
        if (strides.length != 2 || dilations.length != 2 || pads.length != 4) {
            throw new IllegalArgumentException(n.describe() + ": only 2D windows are supported (strides, dilations"
                    + " of 2 values, pads of 4)");
        }
        for (long v : concat(strides, dilations, pads, new long[] {kh, kw})) {
            if (v < 0 || v > MAX_EXTENT) {
                throw new IllegalArgumentException(n.describe() + ": window attribute value " + v
                        + " is outside [0, " + MAX_EXTENT + "]");
            }
        }
        int sh = (int) strides[0];
        int sw = (int) strides[1];
        int dh = (int) dilations[0];
        int dw = (int) dilations[1];
        if (sh < 1 || sw < 1 || dh < 1 || dw < 1 || kh < 1 || kw < 1) {
            throw new IllegalArgumentException(n.describe() + ": kernel, strides and dilations must be positive");
        }
        int ekh = (kh - 1) * dh + 1;
        int ekw = (kw - 1) * dw + 1;
        String autoPad = n.stringAttr("auto_pad", "NOTSET");
        boolean ceil = pooling && n.intAttr("ceil_mode", 0) != 0;
        int top;
        int left;
        int bottom;
        int right;
        int outH;
        int outW;
        switch (autoPad) {
            case "NOTSET" -> {
                top = (int) pads[0];
                left = (int) pads[1];
                bottom = (int) pads[2];
                right = (int) pads[3];
                outH = outSize(inH + pads[0] + pads[2], ekh, sh, ceil, inH + pads[0]);
                outW = outSize(inW + pads[1] + pads[3], ekw, sw, ceil, inW + pads[1]);
            }
            case "VALID" -> {
                top = 0;
                left = 0;
                bottom = 0;
                right = 0;
                outH = outSize(inH, ekh, sh, ceil, inH);
                outW = outSize(inW, ekw, sw, ceil, inW);
            }
            case "SAME_UPPER", "SAME_LOWER" -> {
                outH = (inH + sh - 1) / sh;
                outW = (inW + sw - 1) / sw;
                int totalH = Math.max(0, (outH - 1) * sh + ekh - inH);
                int totalW = Math.max(0, (outW - 1) * sw + ekw - inW);
                boolean upper = autoPad.equals("SAME_UPPER");
                top = upper ? totalH / 2 : totalH - totalH / 2;
                left = upper ? totalW / 2 : totalW - totalW / 2;
                bottom = totalH - top;
                right = totalW - left;
            }
            default -> throw new IllegalArgumentException(n.describe() + ": unknown auto_pad '" + autoPad + "'");
        }
        if (outH < 1 || outW < 1) {
            throw new IllegalArgumentException(n.describe() + ": the window does not fit the " + inH + "x" + inW
                    + " input");
        }
        return new Window2d(kh, kw, sh, sw, dh, dw, top, left, bottom, right, outH, outW);
    }

    private static long[] concat(long[]... parts) {
        return java.util.Arrays.stream(parts).flatMapToLong(java.util.Arrays::stream).toArray();
    }

    private static int outSize(long padded, int effectiveKernel, int stride, boolean ceil, long inPlusBegin) {
        long span = padded - effectiveKernel;
        if (span < 0) {
            return 0;
        }
        long out = (ceil ? (span + stride - 1) / stride : span / stride) + 1;
        if (ceil && (out - 1) * stride >= inPlusBegin) {
            out--; // the last window must start inside the input or its begin padding
        }
        return (int) out;
    }
}
