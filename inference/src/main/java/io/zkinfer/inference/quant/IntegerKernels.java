package io.zkinfer.inference.quant;

import io.zkinfer.inference.exec.Nd;
import io.zkinfer.inference.ir.DataType;
import io.zkinfer.inference.ir.Node;

import java.util.Arrays;

/**
 * The element-wise integer functions of a quantized model (docs/quantization.md is normative): {@link #roundDiv},
 * {@code Rescale}, {@code Lookup}, {@code IntDiv} and {@code IntSoftmax}. Plain {@code long} arithmetic; the
 * quantizer's static bounds keep every intermediate below 2^62.
 */
public final class IntegerKernels {

    private IntegerKernels() {
    }

    /**
     * {@code n / d} rounded to the nearest integer, ties towards +infinity: {@code floorDiv(n + floorDiv(d, 2), d)}
     * for {@code d > 0}, {@code roundDiv(-n, -d)} for {@code d < 0}; throws {@link ArithmeticException} for 0.
     */
    public static long roundDiv(long n, long d) {
        if (d == 0) {
            throw new ArithmeticException("division by zero");
        }
        if (d < 0) {
            return roundDiv(-n, -d);
        }
        return Math.floorDiv(n + Math.floorDiv(d, 2), d);
    }

    /** {@code min(max(v, lo), hi)}. */
    public static long clamp(long v, long lo, long hi) {
        return Math.min(Math.max(v, lo), hi);
    }

    /**
     * {@code Rescale(x)}: {@code clamp(roundDiv(x * mul, div), lo, hi)}, with {@code mul} and {@code div} of one
     * value or one per index of dimension {@code axis}.
     */
    static Nd rescale(Node n, Nd x) {
        long[] mul = n.intsAttr("mul", new long[] {1});
        long[] div = n.intsAttr("div", new long[] {1});
        long lo = n.intAttr("lo", Long.MIN_VALUE);
        long hi = n.intAttr("hi", Long.MAX_VALUE);
        long[] shape = x.shape();
        int channels = Math.max(mul.length, div.length);
        int axis = 0;
        long inner = 1;
        if (channels > 1) {
            axis = (int) (n.intAttr("axis", 1) < 0 ? n.intAttr("axis", 1) + shape.length : n.intAttr("axis", 1));
            if (axis < 0 || axis >= shape.length || shape[axis] != channels
                    || (mul.length != 1 && mul.length != channels) || (div.length != 1 && div.length != channels)) {
                throw new IllegalArgumentException(n.describe() + ": " + mul.length + " muls and " + div.length
                        + " divs do not match axis " + n.intAttr("axis", 1) + " of shape " + Arrays.toString(shape));
            }
            for (int d = axis + 1; d < shape.length; d++) {
                inner *= shape[d];
            }
        }
        for (long v : mul) {
            positive(n, "mul", v);
        }
        for (long v : div) {
            positive(n, "div", v);
        }
        long[] in = x.longs("input of " + n.describe());
        long[] out = new long[in.length];
        if (channels == 1 && Long.bitCount(div[0]) == 1) {
            // floorDiv by 2^s is an arithmetic shift: the same value as roundDiv, without a division
            long m = mul[0];
            long half = div[0] / 2;
            int s = Long.numberOfTrailingZeros(div[0]);
            for (int i = 0; i < in.length; i++) {
                out[i] = Math.min(Math.max((in[i] * m + half) >> s, lo), hi);
            }
            return Nd.ofLongs(DataType.INT64, shape, out);
        }
        for (int i = 0; i < in.length; i++) {
            int c = channels > 1 ? (int) ((i / inner) % channels) : 0;
            long m = mul[mul.length == 1 ? 0 : c];
            long d = div[div.length == 1 ? 0 : c];
            out[i] = clamp(roundDiv(in[i] * m, d), lo, hi);
        }
        return Nd.ofLongs(DataType.INT64, shape, out);
    }

    /** {@code Lookup(x, table)}: {@code table[x + offset]}; an index outside the table is an error naming the node. */
    static Nd lookup(Node n, Nd x, Nd table) {
        long offset = n.intAttr("offset", 0);
        long[] t = table.longs("the table of " + n.describe());
        long[] in = x.longs("input of " + n.describe());
        long[] out = new long[in.length];
        for (int i = 0; i < in.length; i++) {
            long k = in[i] + offset;
            if (k < 0 || k >= t.length) {
                throw new IllegalArgumentException(n.describe() + ": input " + in[i] + " is outside the table's "
                        + "domain [" + -offset + ", " + (t.length - 1 - offset) + "]");
            }
            out[i] = t[(int) k];
        }
        return Nd.ofLongs(DataType.INT64, x.shape(), out);
    }

    /** {@code IntDiv(a, b)} on broadcast elements: {@code roundDiv(a * 2^shift, b)}. */
    static long intDiv(Node n, long a, long b, long shift) {
        if (b == 0) {
            throw new ArithmeticException(n.describe() + ": division by zero (the quantized divisor is 0)");
        }
        return roundDiv(a << shift, b);
    }

    /**
     * {@code IntSoftmax(x, exp_table)} along {@code axis}: {@code e_i = exp_table[min(m - x_i, T - 1)]} with
     * {@code m} the maximum, {@code y_i = roundDiv(e_i * 2^out_shift, sum e)}.
     */
    static Nd softmax(Node n, Nd x, Nd expTable) {
        long[] shape = x.shape();
        int rank = shape.length;
        long a = n.intAttr("axis", -1);
        int axis = (int) (a < 0 ? a + rank : a);
        if (axis < 0 || axis >= rank) {
            throw new IllegalArgumentException(n.describe() + ": axis " + a + " for rank " + rank);
        }
        long shift = n.intAttr("out_shift", 0);
        long[] table = expTable.longs("the exp table of " + n.describe());
        int len = (int) shape[axis];
        int inner = 1;
        for (int d = axis + 1; d < rank; d++) {
            inner *= (int) shape[d];
        }
        long[] in = x.longs("input of " + n.describe());
        long[] out = new long[in.length];
        int outer = in.length / Math.max(1, len * inner);
        long[] e = new long[len];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int base = o * len * inner + i;
                long max = Long.MIN_VALUE;
                for (int k = 0; k < len; k++) {
                    max = Math.max(max, in[base + k * inner]);
                }
                long sum = 0;
                for (int k = 0; k < len; k++) {
                    e[k] = table[(int) Math.min(max - in[base + k * inner], table.length - 1)];
                    sum += e[k];
                }
                if (sum == 0) {
                    throw new ArithmeticException(n.describe() + ": the exp table sums to 0");
                }
                for (int k = 0; k < len; k++) {
                    out[base + k * inner] = roundDiv(e[k] << shift, sum);
                }
            }
        }
        return Nd.ofLongs(DataType.INT64, shape, out);
    }

    private static void positive(Node n, String what, long v) {
        if (v < 1) {
            throw new IllegalArgumentException(n.describe() + ": " + what + " must be >= 1, got " + v);
        }
    }
}
