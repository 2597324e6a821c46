package io.zkinfer.inference.exec;

import io.zkinfer.inference.ir.DataType;
import io.zkinfer.inference.ir.Node;

import java.util.Arrays;
import java.util.List;

/**
 * MatMulInteger and ConvInteger: products of 8-bit integer tensors after subtracting their zero points, summed
 * exactly into INT32. Zero points are scalars, or for MatMulInteger one per row of A / column of B, for
 * ConvInteger one per output channel of W. QLinearMatMul and QLinearConv requantize that sum:
 * {@code y = saturate(round_half_even(float(acc) * (a_scale * b_scale / y_scale)) + y_zero_point)}, with the
 * multiplier and product in float as ONNX Runtime computes them.
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

    static Nd qLinearMatMul(Node n, List<Nd> in) {
        Nd acc = LinearOps.matmul(n, centred(n, in.get(0), in.get(2), in.get(0).rank() >= 2 ? in.get(0).rank() - 2
                : -1), centred(n, in.get(3), in.get(5), in.get(3).rank() - 1), true);
        return requantize(n, acc, in.get(1), in.get(4), in.get(6), in.get(7), -1);
    }

    static Nd qLinearConv(Node n, List<Nd> in) {
        Nd bias = in.size() > 8 && in.get(8) != null ? in.get(8) : null;
        Nd acc = WindowOps.conv(n, centred(n, in.get(0), in.get(2), -1), centred(n, in.get(3), in.get(5), 0), bias,
                true);
        return requantize(n, acc, in.get(1), in.get(4), in.get(6), in.get(7), 1);
    }

    /** The QLinear output: per-tensor scales, or a per-column/per-channel B or W scale along {@code axis}. */
    private static Nd requantize(Node n, Nd acc, Nd aScale, Nd bScale, Nd yScale, Nd yZero, int axis) {
        float as = aScale.floats()[0];
        float ys = yScale.floats()[0];
        float[] bs = bScale.floats();
        long zp = yZero == null ? 0 : yZero.longs("y zero point of " + n.describe())[0];
        DataType type = yZero == null ? DataType.UINT8 : yZero.type();
        long lo = type == DataType.INT8 ? -128 : 0;
        long hi = type == DataType.INT8 ? 127 : 255;
        long[] v = acc.l();
        int d = axis < 0 ? acc.rank() - 1 : axis;
        long inner = 1;
        for (int k = d + 1; k < acc.rank(); k++) {
            inner *= acc.shape()[k];
        }
        long[] out = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            float b = bs[bs.length == 1 ? 0 : (int) ((i / inner) % bs.length)];
            float multiplier = as * b / ys;
            double q = Math.rint((float) v[i] * multiplier) + zp;
            out[i] = (long) Math.max(lo, Math.min(hi, q));
        }
        return new Nd(type, acc.shape(), null, out);
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
