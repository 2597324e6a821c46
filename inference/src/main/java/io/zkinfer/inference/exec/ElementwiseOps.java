package io.zkinfer.inference.exec;

import io.zkinfer.inference.ir.Node;

/** Element-wise and normalising operators: Add (broadcasting), Relu, Softmax. */
final class ElementwiseOps {

    private ElementwiseOps() {
    }

    static Nd add(Node n, Nd a, Nd b) {
        long[] shape = Broadcast.shape(a.shape(), b.shape(), n.describe());
        int[] ia = Broadcast.indexMap(a.shape(), shape);
        int[] ib = Broadcast.indexMap(b.shape(), shape);
        float[] fa = a.floats();
        float[] fb = b.floats();
        float[] out = new float[ia.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = fa[ia[i]] + fb[ib[i]];
        }
        return Nd.of(shape, out);
    }

    static Nd relu(Nd x) {
        float[] in = x.floats();
        float[] out = new float[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = Math.max(in[i], 0f);
        }
        return Nd.of(x.shape(), out);
    }

    /**
     * Softmax. From opset 13 along one {@code axis} (default -1); before 13 the input is coerced to 2D at
     * {@code axis} (default 1) and normalised over the whole trailing block.
     */
    static Nd softmax(Node n, Nd x, int opset) {
        int rank = x.rank();
        long[] shape = x.shape();
        int axis = Nd.axis(n.intAttr("axis", opset >= 13 ? -1 : 1), rank, n.describe());
        int outer = 1;
        int len = 1;
        int inner = 1;
        for (int d = 0; d < rank; d++) {
            if (d < axis) {
                outer *= shape[d];
            } else if (d == axis || opset < 13) {
                len *= shape[d];
            } else {
                inner *= shape[d];
            }
        }
        float[] in = x.floats();
        float[] out = new float[in.length];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int base = o * len * inner + i;
                double max = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < len; k++) {
                    max = Math.max(max, in[base + k * inner]);
                }
                double sum = 0;
                for (int k = 0; k < len; k++) {
                    sum += Math.exp(in[base + k * inner] - max);
                }
                for (int k = 0; k < len; k++) {
                    out[base + k * inner] = (float) (Math.exp(in[base + k * inner] - max) / sum);
                }
            }
        }
        return Nd.of(shape, out);
    }
}
