package io.zkinfer.inference.exec;

import io.zkinfer.inference.ir.DataType;
import io.zkinfer.inference.ir.Node;
import io.zkinfer.inference.ir.Tensor;

import java.util.Arrays;

/**
 * Operators that select, pad or convert elements, keeping integer tensors integer (exporters compute shapes with
 * them): Shape, Gather, Slice, Pad, Cast.
 */
final class IndexOps {

    private IndexOps() {
    }

    /** Shape: the input's dimensions as INT64, optionally {@code [start, end)} (opset 15). */
    static Nd shape(Node n, Nd x) {
        long[] dims = shapeOf(n, x.shape());
        return new Nd(DataType.INT64, new long[] {dims.length}, null, dims);
    }

    /** The values Shape node {@code n} gives for an input of dimensions {@code dims}. */
    static long[] shapeOf(Node n, long[] dims) {
        int rank = dims.length;
        int start = clampAxis(n.intAttr("start", 0), rank);
        int end = clampAxis(n.intAttr("end", rank), rank);
        return Arrays.copyOfRange(dims, start, Math.max(start, end));
    }

    /** Gather along {@code axis}: {@code out[.., i, ..] = data[.., indices[i], ..]}; negative indices count back. */
    static Nd gather(Node n, Nd data, Nd indices) {
        int rank = data.rank();
        int axis = Nd.axis(n.intAttr("axis", 0), rank, n.describe());
        long[] idx = indices.longs("indices of " + n.describe());
        long[] ds = data.shape();
        long extent = ds[axis];
        long outer = 1;
        for (int d = 0; d < axis; d++) {
            outer *= ds[d];
        }
        long inner = 1;
        for (int d = axis + 1; d < rank; d++) {
            inner *= ds[d];
        }
        long[] shape = new long[rank - 1 + indices.rank()];
        System.arraycopy(ds, 0, shape, 0, axis);
        System.arraycopy(indices.shape(), 0, shape, axis, indices.rank());
        System.arraycopy(ds, axis + 1, shape, axis + indices.rank(), rank - axis - 1);
        int[] from = new int[(int) Tensor.elementCount(shape)];
        int o = 0;
        for (long a = 0; a < outer; a++) {
            for (long i : idx) {
                long k = i < 0 ? i + extent : i;
                if (k < 0 || k >= extent) {
                    throw new IllegalArgumentException(n.describe() + ": index " + i + " is out of range for axis "
                            + axis + " of size " + extent);
                }
                for (long b = 0; b < inner; b++) {
                    from[o++] = (int) ((a * extent + k) * inner + b);
                }
            }
        }
        return pick(data, shape, from, 0);
    }

    /** Slice: per axis {@code [start, end)} with a step, clamped as ONNX specifies; inputs from opset 10. */
    static Nd slice(Node n, Nd x, Nd starts, Nd ends, Nd axesIn, Nd stepsIn, int opset) {
        long[] st = opset >= 10 ? starts.longs("starts of " + n.describe()) : n.intsAttr("starts", null);
        long[] en = opset >= 10 ? ends.longs("ends of " + n.describe()) : n.intsAttr("ends", null);
        long[] ax = opset >= 10 ? (axesIn == null ? null : axesIn.longs("axes of " + n.describe()))
                : n.intsAttr("axes", null);
        long[] sp = opset >= 10 && stepsIn != null ? stepsIn.longs("steps of " + n.describe()) : null;
        if (st == null || en == null || st.length != en.length || (ax != null && ax.length != st.length)
                || (sp != null && sp.length != st.length)) {
            throw new IllegalArgumentException(n.describe() + ": starts, ends, axes and steps must have equal length");
        }
        int rank = x.rank();
        long[] in = x.shape();
        long[] begin = new long[rank];
        long[] step = new long[rank];
        long[] shape = in.clone();
        Arrays.fill(step, 1);
        for (int i = 0; i < st.length; i++) {
            int d = Nd.axis(ax == null ? i : ax[i], rank, n.describe());
            long s = sp == null ? 1 : sp[i];
            if (s == 0) {
                throw new IllegalArgumentException(n.describe() + ": a step of 0");
            }
            long[] bounds = sliceBounds(in[d], st[i], en[i], s);
            begin[d] = bounds[0];
            shape[d] = bounds[1];
            step[d] = s;
        }
        long[] strides = Nd.strides(in);
        int[] from = new int[(int) Tensor.elementCount(shape)];
        int[] idx = new int[rank];
        for (int flat = 0; flat < from.length; flat++) {
            long src = 0;
            for (int d = 0; d < rank; d++) {
                src += (begin[d] + idx[d] * step[d]) * strides[d];
            }
            from[flat] = (int) src;
            advance(idx, shape);
        }
        return pick(x, shape, from, 0);
    }

    /** The first index and the element count of slicing a dimension of size {@code dim}, clamped as ONNX says. */
    static long[] sliceBounds(long dim, long start, long end, long step) {
        long b = start < 0 ? start + dim : start;
        long e = end < 0 ? end + dim : end;
        if (step > 0) {
            b = Math.max(0, Math.min(b, dim));
            e = Math.max(0, Math.min(e, dim));
            return new long[] {b, Math.max(0, (e - b + step - 1) / step)};
        }
        b = Math.max(-1, Math.min(b, dim - 1));
        e = Math.max(-1, Math.min(e, dim - 1));
        return new long[] {b, Math.max(0, (b - e - step - 1) / -step)};
    }

    /** Pad: {@code pads = [x1_begin, x2_begin, …, x1_end, …]} (negative crops); constant, edge or reflect mode. */
    static Nd pad(Node n, Nd x, Nd padsIn, Nd valueIn, int opset) {
        if (opset >= 18 && n.hasInput(3)) {
            throw new IllegalArgumentException(n.describe() + ": the axes input of Pad is not supported");
        }
        long[] pads = opset >= 11 ? padsIn.longs("pads of " + n.describe()) : n.intsAttr("pads", null);
        int rank = x.rank();
        if (pads == null || pads.length != 2 * rank) {
            throw new IllegalArgumentException(n.describe() + ": pads must have " + 2 * rank + " values");
        }
        String mode = n.stringAttr("mode", "constant");
        if (!mode.equals("constant") && !mode.equals("edge") && !mode.equals("reflect")) {
            throw new IllegalArgumentException(n.describe() + ": unknown mode '" + mode + "'");
        }
        long[] in = x.shape();
        long[] shape = new long[rank];
        for (int d = 0; d < rank; d++) {
            shape[d] = in[d] + pads[d] + pads[d + rank];
            if (shape[d] < 0 || pads[d] > Window2d.MAX_EXTENT || pads[d + rank] > Window2d.MAX_EXTENT) {
                throw new IllegalArgumentException(n.describe() + ": pads " + Arrays.toString(pads) + " for input "
                        + Arrays.toString(in));
            }
            if (mode.equals("reflect") && (pads[d] >= in[d] || pads[d + rank] >= in[d]) && in[d] > 0
                    && (pads[d] > 0 || pads[d + rank] > 0)) {
                throw new IllegalArgumentException(n.describe() + ": reflect pads must be smaller than the input");
            }
        }
        long[] strides = Nd.strides(in);
        int[] from = new int[(int) Tensor.elementCount(shape)];
        int[] idx = new int[rank];
        for (int flat = 0; flat < from.length; flat++) {
            long src = 0;
            for (int d = 0; d < rank && src >= 0; d++) {
                long i = idx[d] - pads[d];
                if (i < 0 || i >= in[d]) {
                    i = switch (mode) {
                        case "edge" -> Math.max(0, Math.min(i, in[d] - 1));
                        case "reflect" -> i < 0 ? -i : 2 * (in[d] - 1) - i;
                        default -> -1;
                    };
                }
                src = i < 0 ? -1 : src + i * strides[d];
            }
            from[flat] = (int) src;
            advance(idx, shape);
        }
        float fill = valueIn == null ? n.floatAttr("value", 0f) : valueIn.floats()[0];
        return pick(x, shape, from, fill);
    }

    /** Cast to the {@code to} type: float to integer truncates toward zero; to BOOL is non-zero. */
    static Nd cast(Node n, Nd x) {
        DataType to = DataType.fromOnnx((int) n.intAttr("to", -1));
        if (to.isFloating()) {
            return new Nd(to, x.shape(), x.floats(), null);
        }
        long[] out = new long[x.size()];
        for (int i = 0; i < out.length; i++) {
            long v = x.f() != null ? (long) x.f()[i] : x.l()[i];
            out[i] = to == DataType.BOOL ? (v != 0 || (x.f() != null && x.f()[i] != 0) ? 1 : 0) : v;
        }
        return new Nd(to, x.shape(), null, out);
    }

    /** A tensor of {@code x}'s type whose element {@code i} is {@code x[from[i]]}, or {@code fill} where it is -1. */
    static Nd pick(Nd x, long[] shape, int[] from, float fill) {
        if (x.f() != null) {
            float[] out = new float[from.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = from[i] < 0 ? fill : x.f()[from[i]];
            }
            return new Nd(x.type(), shape, out, null);
        }
        long[] out = new long[from.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = from[i] < 0 ? (long) fill : x.l()[from[i]];
        }
        return new Nd(x.type(), shape, null, out);
    }

    private static void advance(int[] idx, long[] shape) {
        for (int d = shape.length - 1; d >= 0; d--) {
            if (++idx[d] < shape[d]) {
                return;
            }
            idx[d] = 0;
        }
    }

    private static int clampAxis(long axis, int rank) {
        long a = axis < 0 ? axis + rank : axis;
        return (int) Math.max(0, Math.min(a, rank));
    }
}
