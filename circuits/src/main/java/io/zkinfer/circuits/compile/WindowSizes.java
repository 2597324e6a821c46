package io.zkinfer.circuits.compile;

import io.zkinfer.circuits.compile.LinearSizes.Sized;
import io.zkinfer.circuits.gadgets.Interval;
import io.zkinfer.inference.exec.IntegerDataOps;
import io.zkinfer.inference.exec.Nd;
import io.zkinfer.inference.exec.Window2d;
import io.zkinfer.inference.ir.DataType;
import io.zkinfer.inference.ir.Node;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The sizes of {@link WindowOperators}' circuits. Every plane of a pooling has the same windows, so their taps are
 * counted on one plane, axis by axis (a window's taps inside the input are its rows inside times its columns
 * inside).
 */
final class WindowSizes {

    private WindowSizes() {
    }

    /**
     * For each of {@code out} window positions along one axis, its kernel taps that fall inside an input of
     * {@code in}: {@code 0 ≤ o·stride − pad + t·dilation < in} for {@code t < k}.
     */
    static long[] taps(int out, int stride, int pad, int k, int dilation, int in) {
        long[] taps = new long[out];
        for (int o = 0; o < out; o++) {
            for (int t = 0; t < k; t++) {
                int i = o * stride - pad + t * dilation;
                taps[o] += i >= 0 && i < in ? 1 : 0;
            }
        }
        return taps;
    }

    /** {@code MaxPool}: per window of m taps inside the input, {@code (m − 1)} max steps at the centred width. */
    static Sized maxPool(Node n, EstimatedTensor x) {
        long[] ks = n.intsAttr("kernel_shape", null);
        if (x.shape().length != 4 || ks == null || ks.length != 2) {
            throw new IllegalArgumentException(n.describe() + ": only 2D pooling (NCHW input, 2 kernel sizes) is"
                    + " supported, got " + Arrays.toString(x.shape()));
        }
        if (n.outputs().size() > 1 && !n.outputs().get(1).isEmpty()) {
            throw new IllegalArgumentException(n.describe() + ": the Indices output is not supported");
        }
        Window2d g = Window2d.of(n, x.dim(2), x.dim(3), (int) ks[0], (int) ks[1], true);
        long[] rows = taps(g.outH(), g.sh(), g.padTop(), g.kh(), g.dh(), x.dim(2));
        long[] cols = taps(g.outW(), g.sw(), g.padLeft(), g.kw(), g.dw(), x.dim(3));
        int bits = IntervalMath.centre(x.range()).bits();
        long perPlane = 0;
        boolean empty = false;
        for (long r : rows) {
            for (long c : cols) {
                perPlane += GadgetCosts.maxOf(r * c, bits);
                empty |= r * c == 0;
            }
        }
        Interval range = empty ? IntervalMath.hull(x.range(), Interval.of(Long.MIN_VALUE, Long.MIN_VALUE))
                : x.range();
        long[] shape = {x.shape()[0], x.shape()[1], g.outH(), g.outW()};
        return new Sized(EstimatedTensor.signals(shape, range, false), planes(x) * perPlane);
    }

    /** {@code IntAvgPool}: per window a division of its sum by the executor's count. */
    static Sized averagePool(Node n, EstimatedTensor x) {
        long[] ks = n.intsAttr("kernel_shape", null);
        if (x.shape().length != 4 || ks == null || ks.length != 2) {
            throw new IllegalArgumentException(n.describe() + ": only 2D pooling (NCHW input, 2 kernel sizes) is"
                    + " supported, got " + Arrays.toString(x.shape()));
        }
        int h = x.dim(2);
        int w = x.dim(3);
        List<Long> counts = new ArrayList<>();
        IntegerDataOps.windowAverage(n, Nd.ofLongs(DataType.INT64, new long[] {1, 1, h, w}, new long[h * w]),
                (sum, count) -> {
                    counts.add(count);
                    return 0;
                });
        Window2d g = Window2d.of(n, h, w, (int) ks[0], (int) ks[1], true);
        long[] rows = taps(g.outH(), g.sh(), g.padTop(), g.kh(), g.dh(), h);
        long[] cols = taps(g.outW(), g.sw(), g.padLeft(), g.kw(), g.dw(), w);
        long perPlane = 0;
        Interval range = null;
        for (int o = 0; o < counts.size(); o++) {
            long m = rows[o / g.outW()] * cols[o % g.outW()];
            long count = counts.get(o);
            if (count < 1) {
                throw new ArithmeticException(n.describe() + ": a window holds no input to average");
            }
            Interval sum = m == 0 ? Interval.of(0, 0) : IntervalMath.scaled(x.range(), m);
            perPlane += GadgetCosts.roundDivByConstant(sum, count);
            range = LinearSizes.hull(range, GadgetCosts.roundDivRange(sum, count));
        }
        long[] shape = {x.shape()[0], x.shape()[1], g.outH(), g.outW()};
        return new Sized(EstimatedTensor.signals(shape, range == null ? x.range() : range, false),
                planes(x) * perPlane);
    }

    /** {@code IntSum} (free) or {@code IntMean} (a division per output) over {@code axes}, all when absent. */
    static Sized reduce(Node n, EstimatedTensor x, boolean mean) {
        long[] axes = n.intsAttr("axes", null);
        int rank = x.shape().length;
        boolean[] reduced = new boolean[rank];
        if (axes == null || axes.length == 0) {
            Arrays.fill(reduced, true);
        } else {
            for (long a : axes) {
                long axis = a < 0 ? a + rank : a;
                if (axis < 0 || axis >= Math.max(rank, 1)) {
                    throw new IllegalArgumentException(n.describe() + ": axis " + a + " is out of range for rank "
                            + rank);
                }
                reduced[(int) axis] = true;
            }
        }
        boolean keep = n.intAttr("keepdims", 1) != 0;
        long count = 1;
        List<Long> out = new ArrayList<>();
        for (int d = 0; d < rank; d++) {
            count *= reduced[d] ? x.shape()[d] : 1;
            if (!reduced[d] || keep) {
                out.add(reduced[d] ? 1 : x.shape()[d]);
            }
        }
        long[] shape = out.stream().mapToLong(Long::longValue).toArray();
        long outputs = x.size() / Math.max(1, count);
        Interval sum = IntervalMath.scaled(x.range(), count);
        if (!mean) {
            return new Sized(EstimatedTensor.signals(shape, sum, false), 0);
        }
        if (count < 1) {
            throw new ArithmeticException(n.describe() + ": the mean of no elements");
        }
        return new Sized(EstimatedTensor.signals(shape, GadgetCosts.roundDivRange(sum, count), false),
                outputs * GadgetCosts.roundDivByConstant(sum, count));
    }

    /**
     * {@code IntSoftmax} along {@code axis}: per row of n its maximum, the row sum's bits, and per element a clamp of
     * the difference to the table, a lookup and a division.
     */
    static Sized softmax(Node n, EstimatedTensor x, EstimatedTensor expTable) {
        if (!expTable.isConstant()) {
            throw WindowOperators.computedExpTable(n);
        }
        long[] table = expTable.constant().longs("the exp table of " + n.describe());
        WindowOperators.requireUsableExpTable(n, table);
        int rank = x.shape().length;
        long a = n.intAttr("axis", -1);
        int axis = (int) (a < 0 ? a + rank : a);
        if (axis < 0 || axis >= rank) {
            throw new IllegalArgumentException(n.describe() + ": axis " + a + " for rank " + rank);
        }
        int shift = (int) n.intAttr("out_shift", 0);
        long len = x.dim(axis);
        long rows = x.size() / Math.max(1, len);
        int k = IntervalMath.centre(x.range()).bits();
        long top = Arrays.stream(table).max().orElse(0);
        int sumBits = BigInteger.valueOf(top).multiply(BigInteger.valueOf(len)).bitLength();
        Interval difference = new Interval(BigInteger.ZERO, BigInteger.ONE.shiftLeft(k).subtract(BigInteger.ONE));
        long perElement = GadgetCosts.clamp(difference, BigInteger.ZERO, BigInteger.valueOf(table.length - 1))
                + GadgetCosts.lookup(table) + GadgetCosts.roundDivByDivisor(Interval.of(0, top), shift, sumBits);
        long perRow = GadgetCosts.maxOf(len, k) + GadgetCosts.divisor(sumBits) + len * perElement;
        Interval range = new Interval(BigInteger.ZERO, BigInteger.ONE.shiftLeft(shift));
        return new Sized(EstimatedTensor.signals(x.shape(), range, true), rows * perRow);
    }

    private static long planes(EstimatedTensor x) {
        return x.shape()[0] * x.shape()[1];
    }
}
