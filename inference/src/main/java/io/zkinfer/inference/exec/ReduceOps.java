package io.zkinfer.inference.exec;

import io.zkinfer.inference.ir.Node;

import java.util.Arrays;

/**
 * Reductions and normalisation: ReduceMean, ReduceSum (axes as an attribute, or as an input from opset 13 for
 * ReduceSum and 18 for ReduceMean; {@code keepdims}, {@code noop_with_empty_axes}) and BatchNormalization in
 * inference mode ({@code y = scale * (x - mean) / sqrt(var + epsilon) + B} per channel).
 */
final class ReduceOps {

    private ReduceOps() {
    }

    static Nd reduce(Node n, Nd x, Nd axesInput, int opset) {
        boolean mean = n.opType().equals("ReduceMean");
        boolean axesAsInput = opset >= (mean ? 18 : 13);
        long[] axes = axesAsInput ? (axesInput == null ? null : axesInput.longs("axes input of " + n.describe()))
                : n.intsAttr("axes", null);
        int rank = x.rank();
        boolean[] reduced = new boolean[rank];
        if (axes == null || axes.length == 0) {
            if (axesAsInput && n.intAttr("noop_with_empty_axes", 0) != 0) {
                return x;
            }
            Arrays.fill(reduced, true);
        } else {
            for (long a : axes) {
                reduced[Nd.axis(a, rank, n.describe())] = true;
            }
        }
        boolean keep = n.intAttr("keepdims", 1) != 0;
        Reduction r = Reduction.of(x.shape(), reduced, keep);
        float[] src = x.floats();
        int[] target = r.target();
        double[] acc = new double[r.outputSize()];
        for (int flat = 0; flat < src.length; flat++) {
            acc[target[flat]] += src[flat];
        }
        float[] out = new float[acc.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (mean ? acc[i] / r.count() : acc[i]);
        }
        return Nd.of(r.outShape(), out);
    }

    static Nd batchNormalization(Node n, Nd x, Nd scale, Nd bias, Nd mean, Nd var) {
        if (n.outputs().size() > 1 && n.outputs().stream().skip(1).anyMatch(o -> !o.isEmpty())) {
            throw new IllegalArgumentException(n.describe() + ": only inference mode (one output) is supported");
        }
        if (x.rank() < 2) {
            throw new IllegalArgumentException(n.describe() + ": input must be N x C x ..., got "
                    + Arrays.toString(x.shape()));
        }
        int c = x.dim(1);
        for (Nd p : new Nd[] {scale, bias, mean, var}) {
            if (p.size() != c) {
                throw new IllegalArgumentException(n.describe() + ": per-channel parameters must have " + c
                        + " values, one has shape " + Arrays.toString(p.shape()));
            }
        }
        double eps = n.floatAttr("epsilon", 1e-5f);
        float[] s = scale.floats();
        float[] b = bias.floats();
        float[] m = mean.floats();
        float[] v = var.floats();
        float[] src = x.floats();
        float[] out = new float[src.length];
        int area = src.length / Math.max(1, x.dim(0) * c);
        for (int i = 0; i < src.length; i++) {
            int ch = (i / area) % c;
            out[i] = (float) (s[ch] * (src[i] - m[ch]) / Math.sqrt(v[ch] + eps) + b[ch]);
        }
        return Nd.of(x.shape(), out);
    }
}
