package io.zkinfer.inference.exec;

import java.util.Arrays;

/** Numpy-style multidirectional broadcasting, as ONNX specifies for element-wise operators and MatMul batches. */
final class Broadcast {

    private Broadcast() {
    }

    /** The broadcast shape of {@code a} and {@code b}; throws naming both shapes if they are incompatible. */
    static long[] shape(long[] a, long[] b, String what) {
        int r = Math.max(a.length, b.length);
        long[] out = new long[r];
        for (int i = 0; i < r; i++) {
            long da = i < r - a.length ? 1 : a[i - (r - a.length)];
            long db = i < r - b.length ? 1 : b[i - (r - b.length)];
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException(what + ": shapes " + Arrays.toString(a) + " and "
                        + Arrays.toString(b) + " do not broadcast");
            }
            out[i] = da == 1 ? db : da;
        }
        return out;
    }

    /** For each flat index of {@code out}, the flat index into a tensor of shape {@code in} broadcast to it. */
    static int[] indexMap(long[] in, long[] out) {
        int n = (int) io.zkinfer.inference.ir.Tensor.elementCount(out);
        int[] map = new int[n];
        long[] inStrides = Nd.strides(in);
        int offset = out.length - in.length;
        int[] idx = new int[out.length];
        for (int flat = 0; flat < n; flat++) {
            long src = 0;
            for (int d = offset; d < out.length; d++) {
                if (in[d - offset] != 1) {
                    src += idx[d] * inStrides[d - offset];
                }
            }
            map[flat] = (int) src;
            for (int d = out.length - 1; d >= 0; d--) {
                if (++idx[d] < out[d]) {
                    break;
                }
                idx[d] = 0;
            }
        }
        return map;
    }
}
