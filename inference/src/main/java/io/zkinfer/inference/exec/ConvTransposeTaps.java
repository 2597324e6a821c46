package io.zkinfer.inference.exec;

import io.zkinfer.inference.ir.Node;

import java.util.Arrays;

/**
 * The index arithmetic of a 2-D ConvTranspose ({@link ConvTransposeOp}): its checked dimensions and the scatter of
 * every input element {@code X[n, ic, iy, ix]} through every kernel tap {@code W[ic, om, ky, kx]} to the output
 * position {@code (iy·stride − pad + ky·dilation, ix·stride − pad + kx·dilation)} of channel {@code group·mg + om}
 * that it reaches. The float and integer executors and the circuit compiler all scatter through
 * {@link #forEachTap}, so they agree on every position, and each visits the taps in the same order.
 *
 * @param batch    N
 * @param channels C, the input channels
 * @param height   the input height
 * @param width    the input width
 * @param group    the number of groups
 * @param mg       output channels per group (the weights' second dimension)
 * @param kh       kernel height
 * @param kw       kernel width
 * @param outH     output height
 * @param outW     output width
 * @param strides  {@code [sy, sx]}
 * @param dilations {@code [dy, dx]}
 * @param padTop   the top padding the output size implies
 * @param padLeft  the left padding
 */
public record ConvTransposeTaps(int batch, int channels, int height, int width, int group, int mg, int kh, int kw,
                                int outH, int outW, long[] strides, long[] dilations, long padTop, long padLeft) {

    /** One tap: input element {@code input} times weight {@code weight} adds to output element {@code output}. */
    @FunctionalInterface
    public interface Tap {
        void accept(int input, int weight, int output);
    }

    /**
     * The taps of node {@code n} for input shape {@code xs} and weight shape {@code ws}.
     *
     * @throws IllegalArgumentException naming the node when the shapes are not 4-D or disagree with {@code group}
     */
    public static ConvTransposeTaps of(Node n, long[] xs, long[] ws) {
        if (xs.length != 4 || ws.length != 4) {
            throw new IllegalArgumentException(n.describe() + ": only 2D ConvTranspose (NCHW input, CMkHkW weights)"
                    + " is supported, got " + Arrays.toString(xs) + " and " + Arrays.toString(ws));
        }
        int group = (int) n.intAttr("group", 1);
        if (group < 1 || ws[0] != xs[1] || xs[1] % group != 0) {
            throw new IllegalArgumentException(n.describe() + ": input " + Arrays.toString(xs) + ", weights "
                    + Arrays.toString(ws) + " and group " + group + " do not agree");
        }
        int h = (int) xs[2];
        int wd = (int) xs[3];
        int kh = (int) ws[2];
        int kw = (int) ws[3];
        long[] geometry = ConvTransposeOp.geometry(n, h, wd, kh, kw);
        return new ConvTransposeTaps((int) xs[0], (int) xs[1], h, wd, group, (int) ws[1], kh, kw, (int) geometry[0],
                (int) geometry[1], n.intsAttr("strides", new long[] {1, 1}),
                n.intsAttr("dilations", new long[] {1, 1}), geometry[2], geometry[3]);
    }

    /** M, the output channels. */
    public int outChannels() {
        return mg * group;
    }

    /** Input channels per group. */
    public int cg() {
        return channels / group;
    }

    /** The output shape {@code [N, M, outH, outW]}. */
    public long[] outputShape() {
        return new long[] {batch, outChannels(), outH, outW};
    }

    /** Output elements. */
    public int outputSize() {
        return WindowOps.size(batch, outChannels(), outH, outW);
    }

    /**
     * Calls {@code tap} for every (input, weight, output) triple whose output position lies inside the output, in
     * the order batch, input channel, input row, input column, output channel of the group, kernel row, kernel
     * column. Indices are row-major into X, W and Y.
     */
    public void forEachTap(Tap tap) {
        int m = outChannels();
        int cg = cg();
        for (int bn = 0; bn < batch; bn++) {
            for (int ic = 0; ic < channels; ic++) {
                int grp = ic / cg;
                for (int iy = 0; iy < height; iy++) {
                    for (int ix = 0; ix < width; ix++) {
                        int input = ((bn * channels + ic) * height + iy) * width + ix;
                        for (int om = 0; om < mg; om++) {
                            int wBase = (ic * mg + om) * kh * kw;
                            int oBase = (bn * m + grp * mg + om) * outH * outW;
                            for (int ky = 0; ky < kh; ky++) {
                                long oy = iy * strides[0] - padTop + ky * dilations[0];
                                if (oy < 0 || oy >= outH) {
                                    continue;
                                }
                                for (int kx = 0; kx < kw; kx++) {
                                    long ox = ix * strides[1] - padLeft + kx * dilations[1];
                                    if (ox >= 0 && ox < outW) {
                                        tap.accept(input, wBase + ky * kw + kx, oBase + (int) oy * outW + (int) ox);
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
