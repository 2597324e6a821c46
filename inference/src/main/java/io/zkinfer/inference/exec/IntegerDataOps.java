package io.zkinfer.inference.exec;

import io.zkinfer.inference.ir.DataType;
import io.zkinfer.inference.ir.Node;
import io.zkinfer.inference.ir.Tensor;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongBinaryOperator;

/**
 * Integer kernels a quantized model shares with the float executor's index arithmetic: the data-movement and
 * order operators applied to integer tensors unchanged ({@link #MOVEMENT_OPERATORS}, the ONNX semantics, never
 * converting values to float), broadcasting element-wise maps, window sums for average pooling, and axis sums.
 */
public final class IntegerDataOps {

    /** Operators that move, select or order integer values without computing new ones. */
    public static final Set<String> MOVEMENT_OPERATORS = Set.of("Relu", "MaxPool", "Reshape", "Flatten", "Transpose",
            "Squeeze", "Unsqueeze", "Slice", "Concat", "Pad", "Resize", "Gather", "Identity", "Shape", "Cast");

    private IntegerDataOps() {
    }

    /**
     * A movement operator on integer tensors ({@code inputs} by position, null where omitted), at the ONNX
     * {@code opset}; throws naming the node if the result would not be an integer tensor.
     */
    public static Nd movement(Node n, List<Nd> inputs, int opset) {
        Nd x = inputs.get(0);
        if (n.opType().equals("Relu")) {
            long[] v = x.longs("input of " + n.describe());
            long[] out = new long[v.length];
            for (int i = 0; i < v.length; i++) {
                out[i] = Math.max(v[i], 0);
            }
            return Nd.ofLongs(x.type(), x.shape(), out);
        }
        if (n.opType().equals("MaxPool")) {
            return maxPool(n, x);
        }
        if (n.opType().equals("Cast") && DataType.fromOnnx((int) n.intAttr("to", -1)).isFloating()) {
            throw new IllegalArgumentException(n.describe() + ": a cast to a floating type has no integer meaning");
        }
        Map<String, Nd> values = new HashMap<>();
        for (int i = 0; i < n.inputs().size(); i++) {
            if (n.hasInput(i) && inputs.get(i) != null) {
                values.put(n.inputs().get(i), inputs.get(i));
            }
        }
        Nd out = FloatExecutor.execute(n, values, opset);
        if (out.l() == null) {
            throw new IllegalArgumentException(n.describe() + " gave a " + out.type() + " result on integer inputs");
        }
        return out;
    }

    /** {@code op(a, b)} element-wise under ONNX multidirectional broadcasting, as an INT64 tensor. */
    public static Nd broadcast(Node n, Nd a, Nd b, LongBinaryOperator op) {
        long[] la = a.longs("input A of " + n.describe());
        long[] lb = b.longs("input B of " + n.describe());
        if (Arrays.equals(a.shape(), b.shape())) {
            long[] out = new long[la.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = op.applyAsLong(la[i], lb[i]);
            }
            return Nd.ofLongs(DataType.INT64, a.shape(), out);
        }
        long[] shape = Broadcast.shape(a.shape(), b.shape(), n.describe());
        int[] ia = Broadcast.indexMap(a.shape(), shape);
        int[] ib = Broadcast.indexMap(b.shape(), shape);
        long[] out = new long[ia.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = op.applyAsLong(la[ia[i]], lb[ib[i]]);
        }
        return Nd.ofLongs(DataType.INT64, shape, out);
    }

    /**
     * Average pooling in integers: {@code divide(window sum, count)} per output, with the window and the count
     * (input positions only, or the declared padding too when {@code count_include_pad=1}) as ONNX AveragePool.
     */
    public static Nd windowAverage(Node n, Nd x, LongBinaryOperator divide) {
        long[] xs = x.shape();
        long[] ks = n.intsAttr("kernel_shape", null);
        if (xs.length != 4 || ks == null || ks.length != 2) {
            throw new IllegalArgumentException(n.describe() + ": only 2D pooling (NCHW input, 2 kernel sizes) is"
                    + " supported, got " + Arrays.toString(xs));
        }
        boolean countPad = n.intAttr("count_include_pad", 0) != 0;
        int h = (int) xs[2];
        int wd = (int) xs[3];
        Window2d g = Window2d.of(n, h, wd, (int) ks[0], (int) ks[1], true);
        long[] lx = x.longs("input of " + n.describe());
        int planes = (int) (xs[0] * xs[1]);
        long[] out = new long[WindowOps.size(planes, 1, g.outH(), g.outW())];
        int o = 0;
        for (int p = 0; p < planes; p++) {
            int base = p * h * wd;
            for (int oy = 0; oy < g.outH(); oy++) {
                for (int ox = 0; ox < g.outW(); ox++) {
                    long sum = 0;
                    int counted = 0;
                    int padded = 0;
                    for (int ky = 0; ky < g.kh(); ky++) {
                        int iy = oy * g.sh() - g.padTop() + ky * g.dh();
                        for (int kx = 0; kx < g.kw(); kx++) {
                            int ix = ox * g.sw() - g.padLeft() + kx * g.dw();
                            if (iy >= 0 && iy < h && ix >= 0 && ix < wd) {
                                sum += lx[base + iy * wd + ix];
                                counted++;
                            } else if (iy < h + g.padBottom() && ix < wd + g.padRight()) {
                                padded++;
                            }
                        }
                    }
                    out[o++] = divide.applyAsLong(sum, countPad ? counted + padded : counted);
                }
            }
        }
        return Nd.ofLongs(DataType.INT64, new long[] {xs[0], xs[1], g.outH(), g.outW()}, out);
    }

    /**
     * Sums over {@code axes} (all axes when empty) with ReduceSum's {@code keepdims}, each sum then mapped by
     * {@code finish(sum, count)} where count is the number of elements summed.
     */
    public static Nd reduce(Node n, Nd x, long[] axes, boolean keepDims, LongBinaryOperator finish) {
        long[] in = x.shape();
        int rank = in.length;
        boolean[] reduced = new boolean[rank];
        if (axes == null || axes.length == 0) {
            Arrays.fill(reduced, true);
        } else {
            for (long a : axes) {
                reduced[Nd.axis(a, rank, n.describe())] = true;
            }
        }
        Reduction r = Reduction.of(in, reduced, keepDims);
        long[] src = x.longs("input of " + n.describe());
        int[] target = r.target();
        long[] acc = new long[r.outputSize()];
        for (int flat = 0; flat < src.length; flat++) {
            acc[target[flat]] += src[flat];
        }
        for (int i = 0; i < acc.length; i++) {
            acc[i] = finish.applyAsLong(acc[i], r.count());
        }
        return Nd.ofLongs(DataType.INT64, r.outShape(), acc);
    }

    private static Nd maxPool(Node n, Nd x) {
        long[] ks = n.intsAttr("kernel_shape", null);
        if (x.rank() != 4 || ks == null || ks.length != 2) {
            throw new IllegalArgumentException(n.describe() + ": only 2D pooling (NCHW input, 2 kernel sizes) is"
                    + " supported, got " + Arrays.toString(x.shape()));
        }
        if (n.outputs().size() > 1 && !n.outputs().get(1).isEmpty()) {
            throw new IllegalArgumentException(n.describe() + ": the Indices output is not supported");
        }
        int h = x.dim(2);
        int wd = x.dim(3);
        Window2d g = Window2d.of(n, h, wd, (int) ks[0], (int) ks[1], true);
        long[] lx = x.longs("input of " + n.describe());
        int planes = x.dim(0) * x.dim(1);
        long[] out = new long[WindowOps.size(planes, 1, g.outH(), g.outW())];
        if (g.padTop() == 0 && g.padLeft() == 0 && (g.outH() - 1) * g.sh() + (g.kh() - 1) * g.dh() < h
                && (g.outW() - 1) * g.sw() + (g.kw() - 1) * g.dw() < wd) {
            maxPoolInside(lx, planes, h, wd, g, out); // every window lies inside the input: no tests per tap
            return Nd.ofLongs(x.type(), new long[] {x.dim(0), x.dim(1), g.outH(), g.outW()}, out);
        }
        int o = 0;
        for (int p = 0; p < planes; p++) {
            int base = p * h * wd;
            for (int oy = 0; oy < g.outH(); oy++) {
                for (int ox = 0; ox < g.outW(); ox++) {
                    long max = Long.MIN_VALUE;
                    for (int ky = 0; ky < g.kh(); ky++) {
                        int iy = oy * g.sh() - g.padTop() + ky * g.dh();
                        for (int kx = 0; kx < g.kw(); kx++) {
                            int ix = ox * g.sw() - g.padLeft() + kx * g.dw();
                            if (iy >= 0 && iy < h && ix >= 0 && ix < wd) {
                                max = Math.max(max, lx[base + iy * wd + ix]);
                            }
                        }
                    }
                    out[o++] = max;
                }
            }
        }
        return Nd.ofLongs(x.type(), new long[] {x.dim(0), x.dim(1), g.outH(), g.outW()}, out);
    }

    private static void maxPoolInside(long[] x, int planes, int h, int wd, Window2d g, long[] out) {
        int o = 0;
        for (int p = 0; p < planes; p++) {
            int base = p * h * wd;
            for (int oy = 0; oy < g.outH(); oy++) {
                for (int ox = 0; ox < g.outW(); ox++) {
                    long max = Long.MIN_VALUE;
                    for (int ky = 0; ky < g.kh(); ky++) {
                        int row = base + (oy * g.sh() + ky * g.dh()) * wd + ox * g.sw();
                        for (int kx = 0; kx < g.kw(); kx++) {
                            max = Math.max(max, x[row + kx * g.dw()]);
                        }
                    }
                    out[o++] = max;
                }
            }
        }
    }
}
