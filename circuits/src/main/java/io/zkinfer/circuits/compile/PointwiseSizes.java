package io.zkinfer.circuits.compile;

import io.zkinfer.circuits.compile.LinearSizes.Sized;
import io.zkinfer.circuits.gadgets.Interval;
import io.zkinfer.inference.ir.Node;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * The sizes of {@link PointwiseOperators}' circuits, element by element as the compiler builds them, but counted
 * once per distinct case (per channel of a Rescale, once for every element of a Lookup).
 */
final class PointwiseSizes {

    private PointwiseSizes() {
    }

    /** {@code IntAdd}, {@code IntSub}: free. */
    static Sized addOrSubtract(Node n, EstimatedTensor a, EstimatedTensor b, boolean subtract) {
        Interval ra = IntervalMath.scaled(a.range(), n.intAttr("mul_a", 1));
        Interval rb = IntervalMath.scaled(b.range(), n.intAttr("mul_b", 1));
        Interval range = subtract ? IntervalMath.difference(ra, rb) : ra.plus(rb);
        return new Sized(EstimatedTensor.signals(LinearSizes.broadcast(n, a.shape(), b.shape()), range, false), 0);
    }

    /** {@code IntMul}: one product per element, none by a constant. */
    static Sized multiply(Node n, EstimatedTensor a, EstimatedTensor b) {
        long[] shape = LinearSizes.broadcast(n, a.shape(), b.shape());
        boolean free = a.isConstant() || b.isConstant();
        Interval range = IntervalMath.product(a.range(), b.range());
        return new Sized(EstimatedTensor.signals(shape, range, !free),
                free ? 0 : io.zkinfer.inference.ir.Tensor.elementCount(shape));
    }

    /** {@code IntDiv}: per divisor its bits (and a sign test when it may take either sign), per element a division. */
    static Sized divide(Node n, EstimatedTensor a, EstimatedTensor d) {
        long shift = n.intAttr("shift", 0);
        if (shift < 0 || shift > 62) {
            throw new IllegalArgumentException(n.describe() + ": shift must be in [0, 62], got " + shift);
        }
        Interval dr = d.range();
        boolean positive = dr.min().signum() > 0;
        boolean negative = dr.max().signum() < 0;
        boolean either = !positive && !negative;
        int w = Math.max(1, dr.min().negate().max(dr.max()).bitLength());
        Interval ar = positive ? a.range() : negative ? IntervalMath.negated(a.range())
                : IntervalMath.hull(a.range(), IntervalMath.negated(a.range()));
        long[] shape = LinearSizes.broadcast(n, a.shape(), d.shape());
        long perDivisor = GadgetCosts.divisor(w) + (either ? GadgetCosts.bits(d.width()) + (d.isConstant() ? 0 : 1) : 0);
        long perElement = GadgetCosts.roundDivByDivisor(ar, (int) shift, w) + (either && !a.isConstant() ? 1 : 0);
        long elements = io.zkinfer.inference.ir.Tensor.elementCount(shape);
        Interval q = IntervalMath.withZero(ar.times(BigInteger.ONE.shiftLeft((int) shift)));
        return new Sized(EstimatedTensor.signals(shape, q, true), d.size() * perDivisor + elements * perElement);
    }

    /** {@code Rescale}, per channel along {@code axis}; with {@code relu}, the Relu folded into it. */
    static Sized rescale(Node n, EstimatedTensor x, boolean relu) {
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
        if (channels > 1) {
            long axisAttr = n.intAttr("axis", 1);
            int axis = (int) (axisAttr < 0 ? axisAttr + shape.length : axisAttr);
            if (axis < 0 || axis >= shape.length || shape[axis] != channels
                    || (mul.length != 1 && mul.length != channels) || (div.length != 1 && div.length != channels)) {
                throw new IllegalArgumentException(n.describe() + ": " + mul.length + " muls and " + div.length
                        + " divs do not match axis " + axisAttr + " of shape " + Arrays.toString(shape));
            }
        }
        for (long v : mul) {
            requirePositive(n, v);
        }
        for (long v : div) {
            requirePositive(n, v);
        }
        long perChannel = x.size() / channels;
        long cost = 0;
        boolean wires = true;
        Interval range = null;
        for (int c = 0; c < channels; c++) {
            long m = mul[mul.length == 1 ? 0 : c];
            long d = div[div.length == 1 ? 0 : c];
            cost += perChannel * GadgetCosts.rescale(x.range(), m, d, lo, hi);
            wires &= GadgetCosts.rescaleGivesWire(x.range(), m, d, lo, hi, x.wires());
            Interval y = IntervalMath.clamped(GadgetCosts.rescaleQuotient(x.range(), m, d), lo, hi);
            range = LinearSizes.hull(range, y);
        }
        return new Sized(EstimatedTensor.signals(shape, range, wires), cost);
    }

    private static void requirePositive(Node n, long v) {
        if (v < 1) {
            throw new IllegalArgumentException(n.describe() + ": mul and div must be >= 1, got " + v);
        }
    }

    /** {@code Lookup}: one lookup per element, on the window of the table that x's range reaches. */
    static Sized lookup(Node n, EstimatedTensor x, EstimatedTensor table) {
        if (!table.isConstant()) {
            throw PointwiseOperators.computedTable(n);
        }
        long[] t = table.constant().longs("the table of " + n.describe());
        long offset = n.intAttr("offset", 0);
        PointwiseOperators.TableWindow window = PointwiseOperators.window(t, x.range(), offset);
        long[] used = window.used();
        return new Sized(EstimatedTensor.signals(x.shape(), IntervalMath.ofValues(window.reachable()),
                GadgetCosts.lookupGivesWire(used)), x.size() * GadgetCosts.lookup(used));
    }

    /** {@code Relu}: a sign test and a product per element; free when x's range has one sign. */
    static Sized relu(EstimatedTensor x) {
        Interval r = x.range();
        Interval y = new Interval(r.min().max(BigInteger.ZERO), r.max().max(BigInteger.ZERO));
        if (r.min().signum() >= 0) {
            return new Sized(EstimatedTensor.signals(x.shape(), y, x.wires()), 0);
        }
        if (r.max().signum() <= 0) {
            return new Sized(EstimatedTensor.signals(x.shape(), y, false), 0);
        }
        return new Sized(EstimatedTensor.signals(x.shape(), y, true), x.size() * GadgetCosts.relu(x.width()));
    }
}
