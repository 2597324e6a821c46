package io.zkinfer.circuits.compile;

import io.zkinfer.algebra.hash.PoseidonParameters;
import io.zkinfer.algebra.hash.PoseidonTree;
import io.zkinfer.circuits.gadgets.Interval;

import java.math.BigInteger;

/**
 * The constraint count of each gadget call the compiler makes, as the gadget's Javadoc states it, as a function of
 * the constants and intervals the gadget sizes itself from (never of values): what {@link CircuitSizeEstimate}
 * adds up. Each rule assumes non-constant operands; a gadget given a constant operand may save a product (a
 * selection or multiplication by a constant is free), which makes these counts upper bounds in that case.
 * {@code GadgetCostsTest} checks every rule against the gadget it describes.
 */
final class GadgetCosts {

    private GadgetCosts() {
    }

    /** {@link io.zkinfer.circuits.gadgets.Range#signed} at k bits, and a k-bit decomposition: {@code k + 1}. */
    static long bits(int k) {
        return k + 1L;
    }

    /** The remainder of a floor division by a constant {@code d ≥ 1}: 0 for 1, k for 2^k, else {@code 2k + 1}. */
    static long quotient(BigInteger d) {
        if (d.equals(BigInteger.ONE)) {
            return 0;
        }
        BigInteger top = d.subtract(BigInteger.ONE);
        int k = top.bitLength();
        return top.bitCount() == k ? k : 2L * k + 1;
    }

    /**
     * {@link io.zkinfer.circuits.gadgets.Clamp#clamp} of x in {@code range} to {@code [lo, hi]}: {@code n + 5} when
     * both bounds can bind and span a power of two, else {@code w_lo + 2} and {@code w_hi + 2} for the bounds that
     * can bind; 0 when lo = hi.
     */
    static long clamp(Interval range, BigInteger lo, BigInteger hi) {
        if (lo.compareTo(hi) >= 0) {
            return 0;
        }
        boolean lowBinds = lo.compareTo(range.min()) > 0;
        boolean highBinds = hi.compareTo(range.max()) < 0;
        if (lowBinds && highBinds && hi.subtract(lo).add(BigInteger.ONE).bitCount() == 1) {
            return range.plus(lo.negate()).signedWidth() + 5L;
        }
        long cost = 0;
        Interval m = range;
        if (lowBinds) {
            cost += range.plus(lo.negate()).signedWidth() + 2L;
            m = new Interval(range.min().max(lo), range.max().max(lo));
        }
        if (hi.compareTo(m.max()) < 0) {
            cost += m.subtractedFrom(hi).signedWidth() + 2L;
        }
        return cost;
    }

    /** Whether a clamp of {@code range} to {@code [lo, hi]} compares at all (a bound can bind). */
    static boolean clampCompares(Interval range, BigInteger lo, BigInteger hi) {
        return lo.compareTo(range.min()) > 0 || hi.compareTo(range.max().max(lo)) < 0;
    }

    /** The quotient range of {@link io.zkinfer.circuits.gadgets.Rescale}: {@code floorDiv(x·mul + div/2, div)}. */
    static Interval rescaleQuotient(Interval x, long mul, long div) {
        BigInteger d = BigInteger.valueOf(div);
        return IntervalMath.scaled(x, mul).plus(d.shiftRight(1)).floorDiv(d);
    }

    /**
     * {@link io.zkinfer.circuits.gadgets.Rescale#rescale} of x in {@code range}: the remainder's, plus the clamp's
     * when a bound can bind, else {@code w_q + 1} for div &gt; 1.
     */
    static long rescale(Interval range, long mul, long div, long lo, long hi) {
        Interval q = rescaleQuotient(range, mul, div);
        long cost = quotient(BigInteger.valueOf(div));
        BigInteger l = BigInteger.valueOf(lo);
        BigInteger h = BigInteger.valueOf(hi);
        if (clampCompares(q, l, h)) {
            return cost + clamp(q, l, h);
        }
        return div > 1 ? cost + bits(q.signedWidth()) : cost;
    }

    /**
     * Whether a Rescale's result is one internal wire with coefficient 1 (a public output then costs nothing):
     * the last selection of a clamp whose selected-against bound is 0, or, with nothing to clamp and
     * {@code mul = div = 1}, its input when that is one.
     */
    static boolean rescaleGivesWire(Interval range, long mul, long div, long lo, long hi, boolean inputIsWire) {
        Interval q = rescaleQuotient(range, mul, div);
        BigInteger l = BigInteger.valueOf(lo);
        BigInteger h = BigInteger.valueOf(hi);
        if (!clampCompares(q, l, h)) {
            return div == 1 && mul == 1 && inputIsWire;
        }
        if (lo >= hi) {
            return false;
        }
        boolean lowBinds = l.compareTo(q.min()) > 0;
        boolean highBinds = h.compareTo(q.max()) < 0;
        if (lowBinds && highBinds && h.subtract(l).add(BigInteger.ONE).bitCount() == 1) {
            return false;
        }
        BigInteger top = lowBinds ? q.max().max(l) : q.max();
        return h.compareTo(top) < 0 ? hi == 0 : lo == 0;
    }

    /**
     * {@link io.zkinfer.circuits.gadgets.Division#roundDiv(io.zkinfer.circuits.builder.CircuitBuilder,
     * io.zkinfer.circuits.builder.Signal, Interval, long)} by a constant d: the remainder's plus {@code w_q + 1};
     * 0 for d = 1.
     */
    static long roundDivByConstant(Interval range, long d) {
        if (d == 1) {
            return 0;
        }
        BigInteger div = BigInteger.valueOf(d);
        return quotient(div) + bits(range.plus(div.shiftRight(1)).floorDiv(div).signedWidth());
    }

    /** {@code {roundDiv(v, d)}} for v in {@code range}, d ≥ 1. */
    static Interval roundDivRange(Interval range, long d) {
        BigInteger dd = BigInteger.valueOf(d);
        return range.plus(dd.shiftRight(1)).floorDiv(dd);
    }

    /** {@link io.zkinfer.circuits.gadgets.Division#divisor} of w bits: {@code w + 1}. */
    static long divisor(int w) {
        return bits(w);
    }

    /**
     * {@code roundDiv(a·2^shift, d)} by a prepared w-bit divisor, a in {@code range}: {@code 2w + w_q + 3}.
     */
    static long roundDivByDivisor(Interval range, int shift, int w) {
        Interval n = range.times(BigInteger.ONE.shiftLeft(shift)).plus(new Interval(BigInteger.ZERO,
                BigInteger.ONE.shiftLeft(w - 1).subtract(BigInteger.ONE)));
        Interval q = new Interval(n.min().min(BigInteger.ZERO), n.max().max(BigInteger.ZERO));
        return 2L * w + q.signedWidth() + 3;
    }

    /** {@link io.zkinfer.circuits.gadgets.Maximum#maxOf} of m signed k-bit values: {@code (m − 1)·(k + 3)}. */
    static long maxOf(long m, int k) {
        return m < 1 ? 0 : (m - 1) * (k + 3L);
    }

    /** {@link io.zkinfer.circuits.gadgets.Maximum#relu} of a signed k-bit value: {@code k + 2}. */
    static long relu(int k) {
        return k + 2L;
    }

    /**
     * {@link io.zkinfer.circuits.gadgets.Lookup#lookup} in {@code table}: {@code L + H + 3 + R} (R the rows holding a
     * non-zero entry), plus {@code 2k + 2} when the size is not a power of two; 1 for a one-entry table.
     */
    static long lookup(long[] table) {
        int size = table.length;
        if (size == 1) {
            return 1;
        }
        int k = 32 - Integer.numberOfLeadingZeros(size - 1);
        int kLo = (k + 1) / 2;
        int low = 1 << kLo;
        int high = 1 << (k - kLo);
        long cost = low + high + 3L + nonZeroRows(table, low, high);
        return Integer.bitCount(size) == 1 ? cost : cost + 2L * k + 2;
    }

    /** Whether a lookup's result is one product wire: exactly one row of the table holds a non-zero entry. */
    static boolean lookupGivesWire(long[] table) {
        if (table.length < 2) {
            return false;
        }
        int k = 32 - Integer.numberOfLeadingZeros(table.length - 1);
        int kLo = (k + 1) / 2;
        return nonZeroRows(table, 1 << kLo, 1 << (k - kLo)) == 1;
    }

    /** The rows of {@code high} rows of {@code low} cells that hold a non-zero entry (cells past the end read 0). */
    private static long nonZeroRows(long[] table, int low, int high) {
        long rows = 0;
        for (int t = 0; t < high; t++) {
            for (int j = 0; j < low && t * low + j < table.length; j++) {
                if (table[t * low + j] != 0) {
                    rows++;
                    break;
                }
            }
        }
        return rows;
    }

    /** {@link io.zkinfer.circuits.gadgets.PoseidonHash#hash} of n non-constant inputs: {@code 3·(t·R_F + R_P) − 3}. */
    static long poseidon(int n) {
        int t = n + 1;
        return 3L * (t * (long) PoseidonParameters.FULL_ROUNDS + PoseidonParameters.partialRounds(t)) - 3;
    }

    /** {@link io.zkinfer.circuits.gadgets.PoseidonTreeHash#commit} of {@code leaves} non-constant leaves. */
    static long poseidonTree(long leaves) {
        long cost = 0;
        long level = leaves;
        do {
            long full = level / PoseidonTree.ARITY;
            int rest = (int) (level % PoseidonTree.ARITY);
            cost += full * poseidon(PoseidonTree.ARITY) + (rest == 0 ? 0 : poseidon(rest));
            level = full + (rest == 0 ? 0 : 1);
        } while (level > 1);
        return cost;
    }
}
