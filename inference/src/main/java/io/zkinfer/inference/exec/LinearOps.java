package io.zkinfer.inference.exec;

import io.zkinfer.inference.ir.Node;

import java.util.Arrays;

/** Matrix products: Gemm ({@code alpha * A' B' + beta * C}) and MatMul (numpy {@code matmul} semantics). */
final class LinearOps {

    private LinearOps() {
    }

    static Nd gemm(Node n, Nd a, Nd b, Nd c) {
        if (a.rank() != 2 || b.rank() != 2) {
            throw new IllegalArgumentException(n.describe() + ": A and B must be matrices, got "
                    + Arrays.toString(a.shape()) + " and " + Arrays.toString(b.shape()));
        }
        boolean ta = n.intAttr("transA", 0) != 0;
        boolean tb = n.intAttr("transB", 0) != 0;
        float alpha = n.floatAttr("alpha", 1f);
        float beta = n.floatAttr("beta", 1f);
        int m = ta ? a.dim(1) : a.dim(0);
        int k = ta ? a.dim(0) : a.dim(1);
        int kb = tb ? b.dim(1) : b.dim(0);
        int cols = tb ? b.dim(0) : b.dim(1);
        if (k != kb) {
            throw new IllegalArgumentException(n.describe() + ": inner dimensions differ, " + k + " vs " + kb);
        }
        float[] fa = a.floats();
        float[] fb = b.floats();
        float[] out = new float[WindowOps.size(m, cols, 1, 1)];
        long[] shape = {m, cols};
        int[] ci = null;
        float[] fc = null;
        if (c != null) {
            long[] bs = Broadcast.shape(c.shape(), shape, n.describe());
            if (!Arrays.equals(bs, shape)) {
                throw new IllegalArgumentException(n.describe() + ": C of shape " + Arrays.toString(c.shape())
                        + " does not broadcast to " + Arrays.toString(shape));
            }
            ci = Broadcast.indexMap(c.shape(), shape);
            fc = c.floats();
        }
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < cols; j++) {
                double acc = 0;
                for (int p = 0; p < k; p++) {
                    float av = ta ? fa[p * m + i] : fa[i * k + p];
                    float bv = tb ? fb[j * k + p] : fb[p * cols + j];
                    acc += (double) av * bv;
                }
                double y = alpha * acc;
                if (fc != null) {
                    y += beta * (double) fc[ci[i * cols + j]];
                }
                out[i * cols + j] = (float) y;
            }
        }
        return Nd.of(shape, out);
    }

    static Nd matmul(Node n, Nd a, Nd b) {
        return matmul(n, a, b, false);
    }

    /** MatMul; with {@code exact} the sums (exact in double below 2^53) are returned as an INT32 tensor. */
    static Nd matmul(Node n, Nd a, Nd b, boolean exact) {
        long[] sa = a.rank() == 1 ? new long[] {1, a.shape()[0]} : a.shape();
        long[] sb = b.rank() == 1 ? new long[] {b.shape()[0], 1} : b.shape();
        int m = (int) sa[sa.length - 2];
        int k = (int) sa[sa.length - 1];
        int cols = (int) sb[sb.length - 1];
        if (sb[sb.length - 2] != k) {
            throw new IllegalArgumentException(n.describe() + ": inner dimensions differ, "
                    + Arrays.toString(a.shape()) + " x " + Arrays.toString(b.shape()));
        }
        long[] batchA = Arrays.copyOf(sa, sa.length - 2);
        long[] batchB = Arrays.copyOf(sb, sb.length - 2);
        long[] batch = Broadcast.shape(batchA, batchB, n.describe());
        int[] ia = Broadcast.indexMap(batchA, batch);
        int[] ib = Broadcast.indexMap(batchB, batch);
        float[] fa = a.floats();
        float[] fb = b.floats();
        double[] out = new double[WindowOps.size(ia.length, m, cols, 1)];
        for (int bi = 0; bi < ia.length; bi++) {
            int oa = ia[bi] * m * k;
            int ob = ib[bi] * k * cols;
            int oo = bi * m * cols;
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < cols; j++) {
                    double acc = 0;
                    for (int p = 0; p < k; p++) {
                        acc += (double) fa[oa + i * k + p] * fb[ob + p * cols + j];
                    }
                    out[oo + i * cols + j] = acc;
                }
            }
        }
        java.util.List<Long> dims = new java.util.ArrayList<>();
        Arrays.stream(batch).forEach(dims::add);
        if (a.rank() != 1) {
            dims.add((long) m); // a vector operand's added dimension is removed again
        }
        if (b.rank() != 1) {
            dims.add((long) cols);
        }
        long[] shape = dims.stream().mapToLong(Long::longValue).toArray();
        return WindowOps.result(n, shape, out, exact);
    }
}
