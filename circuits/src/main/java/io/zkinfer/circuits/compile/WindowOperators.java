package io.zkinfer.circuits.compile;

import io.zkinfer.circuits.builder.Signal;
import io.zkinfer.circuits.gadgets.Division;
import io.zkinfer.circuits.gadgets.Interval;
import io.zkinfer.circuits.gadgets.Maximum;
import io.zkinfer.circuits.gadgets.Softmax;
import io.zkinfer.inference.exec.IntegerDataOps;
import io.zkinfer.inference.exec.Nd;
import io.zkinfer.inference.exec.Reduction;
import io.zkinfer.inference.exec.Window2d;
import io.zkinfer.inference.ir.DataType;
import io.zkinfer.inference.ir.Node;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Operators over groups of elements: {@code MaxPool} ({@link Maximum#maxOf} of the taps inside the input: padding
 * never wins; compared centred on their range, {@link IntervalMath#centre}), {@code IntAvgPool} (window sum, then
 * {@link Division#roundDiv} by the executor's count), {@code IntSum} and {@code IntMean} (free sums, then the
 * division for the mean) and {@code IntSoftmax} ({@link Softmax} per row along the axis). Windows and reductions
 * use the executor's own index maps ({@link Window2d}, {@link Reduction}).
 */
final class WindowOperators {

    private WindowOperators() {
    }

    /** {@code MaxPool}: the largest input inside each window. */
    static void maxPool(BuildState s, Node n) {
        SignalTensor x = s.input(n, 0);
        long[] ks = n.intsAttr("kernel_shape", null);
        if (x.rank() != 4 || ks == null || ks.length != 2) {
            throw new IllegalArgumentException(n.describe() + ": only 2D pooling (NCHW input, 2 kernel sizes) is"
                    + " supported, got " + Arrays.toString(x.shape()));
        }
        if (n.outputs().size() > 1 && !n.outputs().get(1).isEmpty()) {
            throw new IllegalArgumentException(n.describe() + ": the Indices output is not supported");
        }
        Windows w = windows(n, x, (int) ks[0], (int) ks[1]);
        Signal[] out = new Signal[w.taps.size()];
        Interval range = x.range();
        IntervalMath.Centre centre = IntervalMath.centre(x.range());
        Signal offset = s.b.constant(centre.offset());
        for (int o = 0; o < out.length; o++) {
            List<Signal> taps = w.taps.get(o);
            if (taps.isEmpty()) { // the executor's maximum of nothing
                out[o] = s.b.constant(Long.MIN_VALUE);
                range = IntervalMath.hull(range, Interval.of(Long.MIN_VALUE, Long.MIN_VALUE));
            } else {
                List<Signal> centred = new ArrayList<>(taps.size());
                for (Signal t : taps) {
                    centred.add(s.b.sub(t, offset));
                }
                out[o] = s.b.add(Maximum.maxOf(s.b, centred, centre.bits()), offset);
            }
        }
        s.output(n, new SignalTensor(w.shape, out, range));
    }

    /** {@code IntAvgPool}: {@code roundDiv(window sum, count)}, count as the executor counts (docs §3). */
    static void averagePool(BuildState s, Node n) {
        SignalTensor x = s.input(n, 0);
        List<Long> counts = new ArrayList<>();
        Nd zeros = Nd.ofLongs(DataType.INT64, x.shape(), new long[x.size()]);
        IntegerDataOps.windowAverage(n, zeros, (sum, count) -> {
            counts.add(count);
            return 0;
        });
        long[] ks = n.intsAttr("kernel_shape", null);
        Windows w = windows(n, x, (int) ks[0], (int) ks[1]);
        Signal[] out = new Signal[w.taps.size()];
        Interval range = null;
        for (int o = 0; o < out.length; o++) {
            List<Signal> taps = w.taps.get(o);
            long count = counts.get(o);
            if (count < 1) {
                throw new ArithmeticException(n.describe() + ": a window holds no input to average");
            }
            Interval sum = taps.isEmpty() ? Interval.of(0, 0) : IntervalMath.scaled(x.range(), taps.size());
            out[o] = Division.roundDiv(s.b, s.b.sum(taps), sum, count);
            range = LinearOperators.hull(range, roundDivRange(sum, count));
        }
        s.output(n, new SignalTensor(w.shape, out, range == null ? x.range() : range));
    }

    /** {@code IntSum} ({@code mean = false}) or {@code IntMean} over {@code axes} (all when absent). */
    static void reduce(BuildState s, Node n, boolean mean) {
        SignalTensor x = s.input(n, 0);
        long[] axes = n.intsAttr("axes", null);
        int rank = x.rank();
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
        Reduction r = Reduction.of(x.shape(), reduced, n.intAttr("keepdims", 1) != 0);
        List<List<Signal>> groups = new ArrayList<>(r.outputSize());
        for (int o = 0; o < r.outputSize(); o++) {
            groups.add(new ArrayList<>());
        }
        for (int i = 0; i < x.size(); i++) {
            groups.get(r.target()[i]).add(x.get(i));
        }
        Interval sum = IntervalMath.scaled(x.range(), r.count());
        Signal[] out = new Signal[groups.size()];
        for (int o = 0; o < out.length; o++) {
            Signal total = s.b.sum(groups.get(o));
            if (mean && r.count() < 1) {
                throw new ArithmeticException(n.describe() + ": the mean of no elements");
            }
            out[o] = mean ? Division.roundDiv(s.b, total, sum, r.count()) : total;
        }
        s.output(n, new SignalTensor(r.outShape(), out, mean ? roundDivRange(sum, r.count()) : sum));
    }

    /** {@code IntSoftmax} along {@code axis}: one {@link Softmax} per row. */
    static void softmax(BuildState s, Node n) {
        SignalTensor x = s.input(n, 0);
        String tableName = n.inputs().get(1);
        if (!s.isConstant(tableName)) {
            throw computedExpTable(n);
        }
        long[] table = s.constant(tableName).longs("the exp table of " + n.describe());
        requireUsableExpTable(n, table);
        int rank = x.rank();
        long a = n.intAttr("axis", -1);
        int axis = (int) (a < 0 ? a + rank : a);
        if (axis < 0 || axis >= rank) {
            throw new IllegalArgumentException(n.describe() + ": axis " + a + " for rank " + rank);
        }
        long shift = n.intAttr("out_shift", 0);
        int len = x.dim(axis);
        int inner = 1;
        for (int d = axis + 1; d < rank; d++) {
            inner *= x.dim(d);
        }
        int outer = x.size() / Math.max(1, len * inner);
        Signal[] out = new Signal[x.size()];
        IntervalMath.Centre centre = IntervalMath.centre(x.range());
        Signal offset = s.b.constant(centre.offset());
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int base = o * len * inner + i;
                List<Signal> row = new ArrayList<>(len);
                for (int k = 0; k < len; k++) {
                    row.add(s.b.sub(x.get(base + k * inner), offset)); // softmax is invariant under shifts
                }
                List<Signal> y = Softmax.softmax(s.b, row, centre.bits(), table, (int) shift);
                for (int k = 0; k < len; k++) {
                    out[base + k * inner] = y.get(k);
                }
            }
        }
        Interval range = new Interval(BigInteger.ZERO, BigInteger.ONE.shiftLeft((int) shift));
        s.output(n, new SignalTensor(x.shape(), out, range));
    }

    /** The refusal of an IntSoftmax whose exp table is not a constant. */
    static UnsupportedOperatorException computedExpTable(Node n) {
        return new UnsupportedOperatorException(n.opType(), n.name(), "its exp table is computed from the input,"
                + " not a constant", "a lookup into a table of signals", "a multiplexer whose rows are signals");
    }

    /** Refuses an exp table with a first entry below 1 or a negative entry, whose row sums could be 0. */
    static void requireUsableExpTable(Node n, long[] table) {
        if (table.length == 0 || table[0] < 1 || Arrays.stream(table).anyMatch(e -> e < 0)) {
            throw new UnsupportedOperatorException(n.opType(), n.name(), "its exp table has a first entry below 1 or"
                    + " a negative entry (the quantizer's tables never do)", "a softmax whose row sum may be 0 or"
                    + " negative", "a sign test and a non-zero test of each row sum, and a signed division");
        }
    }

    /** {@code {roundDiv(v, d)}} for v in {@code range}, d ≥ 1. */
    private static Interval roundDivRange(Interval range, long d) {
        BigInteger dd = BigInteger.valueOf(d);
        return range.plus(dd.shiftRight(1)).floorDiv(dd);
    }

    /** The input elements inside each pooling window, in output order, and the output shape. */
    private record Windows(List<List<Signal>> taps, long[] shape) {
    }

    private static Windows windows(Node n, SignalTensor x, int kh, int kw) {
        int h = x.dim(2);
        int wd = x.dim(3);
        Window2d g = Window2d.of(n, h, wd, kh, kw, true);
        int planes = x.dim(0) * x.dim(1);
        List<List<Signal>> taps = new ArrayList<>(planes * g.outH() * g.outW());
        for (int p = 0; p < planes; p++) {
            int base = p * h * wd;
            for (int oy = 0; oy < g.outH(); oy++) {
                for (int ox = 0; ox < g.outW(); ox++) {
                    List<Signal> window = new ArrayList<>(g.kh() * g.kw());
                    for (int ky = 0; ky < g.kh(); ky++) {
                        int iy = oy * g.sh() - g.padTop() + ky * g.dh();
                        for (int kx = 0; kx < g.kw() && iy >= 0 && iy < h; kx++) {
                            int ix = ox * g.sw() - g.padLeft() + kx * g.dw();
                            if (ix >= 0 && ix < wd) {
                                window.add(x.get(base + iy * wd + ix));
                            }
                        }
                    }
                    taps.add(window);
                }
            }
        }
        return new Windows(taps, new long[] {x.dim(0), x.dim(1), g.outH(), g.outW()});
    }
}
