package io.zkinfer.inference.exec;

import io.zkinfer.inference.ir.Node;
import java.util.Arrays;

/**
 * The checked dimensions of a 2-D convolution ({@code Conv}, {@code IntConv}): input {@code [N, C, H, W]}, weights
 * {@code [M, C/group, kH, kW]}. The float and integer executors, the circuit compiler and its size estimate all take
 * them from {@link #of}, so they accept and refuse the same nodes with the same message.
 *
 * @param batch            N
 * @param channels         C, the input channels
 * @param height           the input height
 * @param width            the input width
 * @param outChannels      M, the output channels
 * @param channelsPerGroup C/group, the weights' second dimension
 * @param kh               kernel height
 * @param kw               kernel width
 * @param group            the number of groups
 */
public record ConvShape(int batch, int channels, int height, int width, int outChannels, int channelsPerGroup,
                        int kh, int kw, int group) {

    /** The dimensions of node {@code n} for input shape {@code xs} and weight shape {@code ws}, or a clear refusal. */
    public static ConvShape of(Node n, long[] xs, long[] ws) {
        if (xs.length != 4 || ws.length != 4) {
            throw new IllegalArgumentException(n.describe() + ": only 2D convolution (NCHW input, MCkHkW weights)"
                    + " is supported, got " + Arrays.toString(xs) + " and " + Arrays.toString(ws));
        }
        int c = (int) xs[1];
        int m = (int) ws[0];
        int cg = (int) ws[1];
        int group = (int) n.intAttr("group", 1);
        long[] ks = n.intsAttr("kernel_shape", new long[] {ws[2], ws[3]});
        if (group < 1 || c % group != 0 || m % group != 0 || cg != c / group || ks.length != 2 || ks[0] != ws[2]
                || ks[1] != ws[3]) {
            throw new IllegalArgumentException(n.describe() + ": input " + Arrays.toString(xs) + ", weights "
                    + Arrays.toString(ws) + " and group " + group + " do not agree");
        }
        return new ConvShape((int) xs[0], c, (int) xs[2], (int) xs[3], m, cg, (int) ws[2], (int) ws[3], group);
    }

    /** Output channels per group. */
    public int outPerGroup() {
        return outChannels / group;
    }

    /** The sliding window (pads, strides, dilations of {@code n}) over the input plane. */
    public Window2d window(Node n) {
        return Window2d.of(n, height, width, kh, kw, false);
    }
}
