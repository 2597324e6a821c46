package io.zkinfer.inference.exec;

import io.zkinfer.inference.ir.DataType;
import io.zkinfer.inference.ir.Node;

import java.util.Arrays;

/**
 * MatMulInteger and ConvInteger: products of 8-bit integer tensors after subtracting their zero points, summed
 * exactly into INT32. Zero points are scalars, or for MatMulInteger one per row of A / column of B, for
 * ConvInteger one per output channel of W.
 */
final class IntegerOps {

    private IntegerOps() {
    }

    static Nd matMulInteger(Node n, Nd a, Nd b, Nd aZero, Nd bZero) {
        Nd ca = centred(n, a, aZero, a.rank() >= 2 ? a.rank() - 2 : -1);
        Nd cb = centred(n, b, bZero, b.rank() - 1);
        return LinearOps.matmul(n, ca, cb, true);
    }

    static Nd convInteger(Node n, Nd x, Nd w, Nd xZero, Nd wZero) {
        if (xZero != null && xZero.size() != 1) {
            throw new IllegalArgumentException(n.describe() + ": the input zero point must be a scalar");
        }
        return WindowOps.conv(n, centred(n, x, xZero, -1), centred(n, w, wZero, 0), null, true);
    }

    /** {@code x - zero}, as exact floats; a non-scalar zero point applies along {@code axis}. */
    private static Nd centred(Node n, Nd x, Nd zero, int axis) {
        long[] v = x.longs("integer input of " + n.describe());
        if (x.type() != DataType.INT8 && x.type() != DataType.UINT8) {
            throw new IllegalArgumentException(n.describe() + ": inputs must be INT8 or UINT8, found " + x.type());
        }
        long[] z = zero == null ? new long[] {0} : zero.longs("zero point of " + n.describe());
        long inner = 1;
        if (z.length != 1) {
            if (axis < 0 || x.shape()[axis] != z.length) {
                throw new IllegalArgumentException(n.describe() + ": zero point " + Arrays.toString(zero.shape())
                        + " does not match input " + Arrays.toString(x.shape()));
            }
            for (int d = axis + 1; d < x.rank(); d++) {
                inner *= x.shape()[d];
            }
        }
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] - z[z.length == 1 ? 0 : (int) ((i / inner) % z.length)];
        }
        return Nd.of(x.shape(), out);
    }
}
