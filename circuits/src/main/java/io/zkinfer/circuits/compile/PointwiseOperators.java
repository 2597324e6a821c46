package io.zkinfer.circuits.compile;

import io.zkinfer.circuits.builder.CircuitBuilder;
import io.zkinfer.circuits.builder.Signal;
import io.zkinfer.circuits.gadgets.Comparison;
import io.zkinfer.circuits.gadgets.Division;
import io.zkinfer.circuits.gadgets.Interval;
import io.zkinfer.circuits.gadgets.Lookup;
import io.zkinfer.circuits.gadgets.Maximum;
import io.zkinfer.circuits.gadgets.Rescale;
import io.zkinfer.circuits.gadgets.Select;
import io.zkinfer.inference.ir.Node;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * The element-wise operators of docs/quantization.md: {@code IntAdd}, {@code IntSub} (free linear combinations),
 * {@code IntMul} (one product per element, free by a constant), {@code IntDiv} ({@link Division}), {@code Rescale}
 * ({@link Rescale}, per channel along {@code axis}), {@code Lookup} ({@link Lookup}) and {@code Relu}
 * ({@link Maximum#relu}, or folded into the Rescale before it). Broadcasting is the executor's ({@link BroadcastMap}).
 */
final class PointwiseOperators {

    private PointwiseOperators() {
    }

    /** {@code IntAdd}: {@code a·mul_a + b·mul_b}; {@code IntSub}: {@code a·mul_a − b·mul_b}. Free. */
    static void addOrSubtract(BuildState s, Node n, boolean subtract) {
        SignalTensor a = s.input(n, 0);
        SignalTensor bt = s.input(n, 1);
        long ma = n.intAttr("mul_a", 1);
        long mb = n.intAttr("mul_b", 1);
        CircuitBuilder b = s.b;
        BroadcastMap map = BroadcastMap.of(n, a.shape(), bt.shape());
        Signal[] out = new Signal[map.size()];
        for (int i = 0; i < out.length; i++) {
            Signal x = ma == 1 ? a.get(map.a()[i]) : b.scale(a.get(map.a()[i]), ma);
            Signal y = mb == 1 ? bt.get(map.b()[i]) : b.scale(bt.get(map.b()[i]), mb);
            out[i] = subtract ? b.sub(x, y) : b.add(x, y);
        }
        Interval ra = IntervalMath.scaled(a.range(), ma);
        Interval rb = IntervalMath.scaled(bt.range(), mb);
        s.output(n, new SignalTensor(map.shape(), out, subtract ? IntervalMath.difference(ra, rb) : ra.plus(rb)));
    }

    /** {@code IntMul}: {@code a·b}, one constraint per element (none where an operand is constant). */
    static void multiply(BuildState s, Node n) {
        SignalTensor a = s.input(n, 0);
        SignalTensor bt = s.input(n, 1);
        BroadcastMap map = BroadcastMap.of(n, a.shape(), bt.shape());
        Signal[] out = new Signal[map.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = s.b.mul(a.get(map.a()[i]), bt.get(map.b()[i]));
        }
        s.output(n, new SignalTensor(map.shape(), out, IntervalMath.product(a.range(), bt.range())));
    }

    /**
     * {@code IntDiv}: {@code roundDiv(a·2^shift, b)}. A divisor of one sign ({@code b ≥ 1}, or {@code b ≤ −1} as
     * {@code roundDiv(−a·2^shift, −b)}) goes to {@link Division} directly, its bits shared by every dividend it
     * divides; a divisor that may take either sign first gets a sign bit s (a comparison), {@code |b| = s ? b : −b}
     * and each dividend {@code s ? a : −a} (one product each). A zero divisor has no witness, as the executor has no
     * result.
     */
    static void divide(BuildState s, Node n) {
        SignalTensor a = s.input(n, 0);
        SignalTensor d = s.input(n, 1);
        long shiftAttr = n.intAttr("shift", 0);
        if (shiftAttr < 0 || shiftAttr > 62) {
            throw new IllegalArgumentException(n.describe() + ": shift must be in [0, 62], got " + shiftAttr);
        }
        int shift = (int) shiftAttr;
        CircuitBuilder b = s.b;
        Interval dr = d.range();
        boolean positive = dr.min().signum() > 0;
        boolean negative = dr.max().signum() < 0;
        int w = dr.min().negate().max(dr.max()).bitLength();
        BroadcastMap map = BroadcastMap.of(n, a.shape(), d.shape());
        Division.Divisor[] divisors = new Division.Divisor[d.size()];
        Signal[] signs = new Signal[d.size()];
        Interval ar = positive ? a.range() : negative ? IntervalMath.negated(a.range())
                : IntervalMath.hull(a.range(), IntervalMath.negated(a.range()));
        Signal[] out = new Signal[map.size()];
        for (int i = 0; i < out.length; i++) {
            int j = map.b()[i];
            Signal x = a.get(map.a()[i]);
            if (divisors[j] == null) {
                Signal dv = d.get(j);
                if (!positive && !negative) {
                    signs[j] = Comparison.isNonNegative(b, dv, d.width());
                    dv = Select.ifThenElse(b, signs[j], dv, b.neg(dv));
                } else if (negative) {
                    dv = b.neg(dv);
                }
                if (dv.signedValue().signum() == 0) {
                    throw new ArithmeticException(n.describe() + ": division by zero (the quantized divisor is 0)");
                }
                divisors[j] = Division.divisor(b, dv, Math.max(1, w));
            }
            if (negative) {
                x = b.neg(x);
            } else if (!positive) {
                x = Select.ifThenElse(b, signs[j], x, b.neg(x));
            }
            out[i] = Division.roundDiv(b, x, ar, shift, divisors[j]);
        }
        // roundDiv(n, d) for d ≥ 1 lies between 0 and n
        Interval q = IntervalMath.withZero(ar.times(BigInteger.ONE.shiftLeft(shift)));
        s.output(n, new SignalTensor(map.shape(), out, q));
    }

    /**
     * {@code Rescale}: {@code clamp(roundDiv(x·mul[c], div[c]), lo, hi)} with c the index along {@code axis} when
     * mul or div has several values. With {@code relu}, the Relu that is this Rescale's only use is folded in:
     * {@code max(clamp(q, lo, hi), 0) = clamp(q, max(lo, 0), max(hi, 0))}.
     */
    static SignalTensor rescale(BuildState s, Node n, boolean relu) {
        SignalTensor x = s.input(n, 0);
        long[] mul = n.intsAttr("mul", new long[] {1});
        long[] div = n.intsAttr("div", new long[] {1});
        long lo = n.intAttr("lo", Long.MIN_VALUE);
        long hi = n.intAttr("hi", Long.MAX_VALUE);
        if (relu) {
            lo = Math.max(lo, 0);
            hi = Math.max(hi, 0);
        }
        long[] shape = x.shape();
        int channels = Math.max(mul.length, div.length);
        long inner = 1;
        if (channels > 1) {
            long axisAttr = n.intAttr("axis", 1);
            int axis = (int) (axisAttr < 0 ? axisAttr + shape.length : axisAttr);
            if (axis < 0 || axis >= shape.length || shape[axis] != channels
                    || (mul.length != 1 && mul.length != channels) || (div.length != 1 && div.length != channels)) {
                throw new IllegalArgumentException(n.describe() + ": " + mul.length + " muls and " + div.length
                        + " divs do not match axis " + axisAttr + " of shape " + Arrays.toString(shape));
            }
            for (int d = axis + 1; d < shape.length; d++) {
                inner *= shape[d];
            }
        }
        for (long v : concat(mul, div)) {
            if (v < 1) {
                throw new IllegalArgumentException(n.describe() + ": mul and div must be >= 1, got " + v);
            }
        }
        Signal[] out = new Signal[x.size()];
        for (int i = 0; i < out.length; i++) {
            int c = channels > 1 ? (int) ((i / inner) % channels) : 0;
            out[i] = Rescale.rescale(s.b, x.get(i), x.range(), mul[mul.length == 1 ? 0 : c],
                    div[div.length == 1 ? 0 : c], lo, hi);
        }
        Interval range = null;
        for (int c = 0; c < channels; c++) {
            long m = mul[mul.length == 1 ? 0 : c];
            long d = div[div.length == 1 ? 0 : c];
            BigInteger dd = BigInteger.valueOf(d);
            Interval q = IntervalMath.scaled(x.range(), m).plus(dd.shiftRight(1)).floorDiv(dd);
            Interval y = IntervalMath.clamped(q, lo, hi);
            range = range == null ? y : IntervalMath.hull(range, y);
        }
        return new SignalTensor(shape, out, range);
    }

    /**
     * {@code Lookup}: {@code table[x + offset]}, on the smallest power-of-two window of the table that holds every
     * index x's range can reach (a smaller multiplexer, and no check of the index against the table's end); when the
     * range reaches past the table, the whole table, whose multiplexer then refuses those indices as the executor
     * does.
     */
    static void lookup(BuildState s, Node n) {
        SignalTensor x = s.input(n, 0);
        String tableName = n.inputs().get(1);
        if (!s.isConstant(tableName)) {
            throw computedTable(n);
        }
        long[] table = s.constant(tableName).longs("the table of " + n.describe());
        TableWindow w = window(table, x.range(), n.intAttr("offset", 0));
        Signal[] out = new Signal[x.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = Lookup.lookup(s.b, x.get(i), w.used(), w.offset());
        }
        s.output(n, new SignalTensor(x.shape(), out, IntervalMath.ofValues(w.reachable())));
    }

    /**
     * The part of a lookup table the circuit uses for x in {@code range}: {@code used} with its {@code offset}, and
     * the entries x can reach (the output's range).
     */
    record TableWindow(long[] used, long offset, long[] reachable) {
    }

    /** See {@link #lookup}: the smallest power-of-two window holding every reachable index, or the whole table. */
    static TableWindow window(long[] table, Interval range, long offset) {
        BigInteger off = BigInteger.valueOf(offset);
        BigInteger first = range.min().add(off);
        BigInteger last = range.max().add(off);
        long[] used = table;
        long[] reachable = table;
        if (first.signum() >= 0 && last.compareTo(BigInteger.valueOf(table.length)) < 0) {
            int from = first.intValueExact();
            int to = last.intValueExact() + 1;
            reachable = Arrays.copyOfRange(table, from, to);
            int size = Integer.highestOneBit(Math.max(1, to - from - 1)) << 1;
            int start = Math.min(from, table.length - size);
            if (size < table.length && start >= 0) {
                used = Arrays.copyOfRange(table, start, start + size);
                offset -= start;
            }
        }
        return new TableWindow(used, offset, reachable);
    }

    /** The refusal of a Lookup whose table is not a constant. */
    static UnsupportedOperatorException computedTable(Node n) {
        return new UnsupportedOperatorException(n.opType(), n.name(), "its table is computed from the input, not"
                + " a constant", "a lookup into a table of signals", "a multiplexer whose rows are signals:"
                + " one product per table entry per element instead of one per row");
    }

    /** {@code Relu}: {@code max(x, 0)}; free when x's range has one sign. */
    static void relu(BuildState s, Node n) {
        SignalTensor x = s.input(n, 0);
        Interval r = x.range();
        Interval y = new Interval(r.min().max(BigInteger.ZERO), r.max().max(BigInteger.ZERO));
        Signal[] out = new Signal[x.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = r.min().signum() >= 0 ? x.get(i) : r.max().signum() <= 0 ? s.b.constant(0)
                    : Maximum.relu(s.b, x.get(i), x.width());
        }
        s.output(n, new SignalTensor(x.shape(), out, y));
    }

    private static long[] concat(long[] a, long[] b) {
        long[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
